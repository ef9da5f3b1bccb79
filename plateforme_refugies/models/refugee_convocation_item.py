# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeConvocationItem(models.Model):
    """Something to bring to an appointment (residence permit, CV, work
    shoes…), named in every language of contact by its translations."""

    _name = "refugee.convocation.item"
    _description = "Thing to bring to an appointment"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
