# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Nothing sensitive lives here: every internal user can read contacts.
    is_refugee_beneficiary = fields.Boolean(
        string="Is a beneficiary",
        help="This contact is a person followed by the platform.",
        readonly=True,
        index=True,
    )
    refugee_partner_type_ids = fields.Many2many(
        comodel_name="refugee.partner.type",
        string="Partner types",
        help="What this contact is for the refugees platform: accommodation "
        "centre, OFII, SIAE, employer… (several allowed).",
    )
