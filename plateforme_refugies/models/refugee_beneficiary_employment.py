# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .refugee_language_assessment import CEFR_LEVELS

# asylum-seeker or emergency housing must be left: a job far away needs housing
HOUSING_NEEDED_SITUATIONS = ("cada", "huda", "chu", "hosted", "none")


class RefugeeBeneficiary(models.Model):
    """Employment of the beneficiary: immersions, hires and the matching with
    partner employers."""

    _inherit = "refugee.beneficiary"

    french_level = fields.Selection(
        selection=CEFR_LEVELS,
        string="Overall French level",
        tracking=True,
        help="Overall CEFR level of French, compared with the level employers require.",
    )
    needs_housing = fields.Boolean(
        string="Needs housing near a job",
        compute="_compute_needs_housing",
        store=True,
        readonly=False,
        help="Proposed from the housing situation: asylum-seeker, emergency or "
        "hosted housing must be left for a job away from it.",
    )
    immersion_ids = fields.One2many(
        comodel_name="refugee.immersion", inverse_name="beneficiary_id"
    )
    hire_ids = fields.One2many(
        comodel_name="refugee.hire", inverse_name="beneficiary_id"
    )

    @api.depends("housing_situation")
    def _compute_needs_housing(self):
        for beneficiary in self:
            beneficiary.needs_housing = (
                beneficiary.housing_situation in HOUSING_NEEDED_SITUATIONS
            )

    def action_suggest_employers(self):
        self.ensure_one()
        return (
            self.env["refugee.match.wizard"]
            .create({"beneficiary_id": self.id})
            .action_open()
        )
