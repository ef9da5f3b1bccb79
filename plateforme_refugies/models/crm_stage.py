# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    is_agreement_stage = fields.Boolean(
        string="Agreement in principle",
        help="Reaching this stage means the company agreed in principle to host "
        "people: its contact becomes a partner employer of the platform.",
    )
