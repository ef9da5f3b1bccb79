# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    is_employer_prospection = fields.Boolean(
        string="Employer prospection",
        help="The platform prospects partner employers with this team: its "
        "opportunities are companies, shared by every counsellor.",
    )
