# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RefugeeJourneyRecordMixin(models.AbstractModel):
    """A step of a person's journey (an immersion, a hire…).

    It names the beneficiary; the journey is their open one, and the site and
    counsellor come from the journey (the counsellor can be changed).
    """

    _name = "refugee.journey.record.mixin"
    _description = "Record of a journey"
    _inherit = ["refugee.site.mixin"]
    _site_user_field = "counsellor_id"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    journey_id = fields.Many2one(
        comodel_name="refugee.journey",
        compute="_compute_journey_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('beneficiary_id', '=', beneficiary_id), ('state', '!=', 'closed')]",
    )
    site_id = fields.Many2one(
        related="journey_id.site_id", store=True, precompute=True, default=None
    )
    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        compute="_compute_counsellor_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('refugee_site_ids', 'in', site_id)]",
    )

    @api.depends("beneficiary_id")
    def _compute_journey_id(self):
        for record in self:
            if record.journey_id.beneficiary_id != record.beneficiary_id:
                record.journey_id = record.beneficiary_id.current_journey_id

    @api.depends("journey_id")
    def _compute_counsellor_id(self):
        for record in self:
            record.counsellor_id = (
                record.journey_id.counsellor_id or record.counsellor_id
            )
