# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeBarrierType(models.Model):
    """Kinds of peripheral barrier (housing, childcare, health…)."""

    _name = "refugee.barrier.type"
    _description = "Peripheral barrier type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "Another barrier type already has this name."),
    ]
