# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeBarrierType(models.Model):
    """Kinds of peripheral barrier (housing, childcare, health…)."""

    _name = "refugee.barrier.type"
    _inherit = ["refugee.configuration.mixin"]
    _description = "Peripheral barrier type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Technical code the platform's rules find this record by: keep it "
        "when renaming the record.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another record already has this code."),
        ("name_unique", "UNIQUE(name)", "Another barrier type already has this name."),
    ]
