# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeMatchWizardLine(models.TransientModel):
    """One employer-beneficiary pair proposed by the matching, with its score."""

    _name = "refugee.match.wizard.line"
    _description = "Employer matching line"
    _order = "score desc, id"

    wizard_id = fields.Many2one(
        comodel_name="refugee.match.wizard", required=True, ondelete="cascade"
    )
    employer_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    beneficiary_id = fields.Many2one(comodel_name="refugee.beneficiary", readonly=True)
    score = fields.Integer(readonly=True)
    sector_match = fields.Boolean(string="Wished sector", readonly=True)
    free_tutoring = fields.Integer(string="Free tutoring places", readonly=True)
    reasons = fields.Char(readonly=True)

    def action_plan_immersion(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "refugee.immersion",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_beneficiary_id": self.beneficiary_id.id,
                "default_employer_id": self.employer_id.id,
            },
        }
