# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

IAE_CATEGORIES = [
    ("durable", "Durable employment"),
    ("transition", "Transition employment"),
    ("positive", "Positive exit"),
    ("other", "Other exit"),
]


class RefugeeExitOutcome(models.Model):
    """Outcome of a journey, filed under the IAE exit category funders know."""

    _name = "refugee.exit.outcome"
    _inherit = ["refugee.configuration.mixin"]
    _description = "Journey exit outcome"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Technical code the platform's rules find this record by: keep it "
        "when renaming the record.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    iae_category = fields.Selection(
        selection=IAE_CATEGORIES,
        string="IAE category",
        required=True,
    )
    is_employment = fields.Boolean(
        help="The person is hired: the journey goes on with a follow-up after hiring.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another record already has this code."),
    ]
