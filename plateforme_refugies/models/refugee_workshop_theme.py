# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeWorkshopTheme(models.Model):
    _name = "refugee.workshop.theme"
    _description = "Workshop theme"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "Another workshop theme has this name."),
    ]
