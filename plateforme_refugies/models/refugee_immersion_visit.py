# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeImmersionVisit(models.Model):
    """A visit of the counsellor in the company during an immersion."""

    _name = "refugee.immersion.visit"
    _description = "Immersion follow-up visit"
    _order = "date desc, id desc"

    immersion_id = fields.Many2one(
        comodel_name="refugee.immersion",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(related="immersion_id.site_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Counsellor",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    visit_type = fields.Selection(
        selection=[
            ("visit", "Visit in the company"),
            ("phone", "Phone call"),
            ("meeting", "Meeting with the tutor"),
        ],
        string="Type",
        required=True,
        default="visit",
    )
    notes = fields.Text()
