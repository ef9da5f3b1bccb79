# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeePartnerType(models.Model):
    """Kinds of partner of the platform (OFII, SIAE, employer…)."""

    _name = "refugee.partner.type"
    _description = "Partner type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "Another partner type already has this name."),
    ]
