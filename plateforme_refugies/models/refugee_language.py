# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeLanguage(models.Model):
    """Languages spoken by beneficiaries (many are not Odoo UI languages)."""

    _name = "refugee.language"
    _inherit = ["refugee.configuration.mixin"]
    _description = "Spoken language"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="ISO 639 code.")
    active = fields.Boolean(default=True)
    lang_id = fields.Many2one(
        comodel_name="res.lang",
        string="Language of the documents",
        context={"active_test": False},
        help="The Odoo language in which convocations are written beside the "
        "French text. Without one, the convocation is in French and English.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another language already has this code."),
    ]
