# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeSector(models.Model):
    """Sectors of activity, for wishes, SIAE activities and employers."""

    _name = "refugee.sector"
    _inherit = ["refugee.configuration.mixin"]
    _description = "Sector of activity"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Technical code the platform's rules find this record by: keep it "
        "when renaming the record.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another record already has this code."),
        ("name_unique", "UNIQUE(name)", "Another sector already has this name."),
    ]
