# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .refugee_french_assessment import CEFR_LEVELS, CEFR_RANK, SKILLS


class RefugeeFrenchThreshold(models.Model):
    """The French level, per skill, from which a person is oriented to France
    Travail. A skill without a level is not looked at; a beneficiary is ready
    when every skill that has a level reaches it."""

    _name = "refugee.french.threshold"
    _description = "French level for France Travail orientation"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    skill = fields.Selection(selection=SKILLS, required=True, readonly=True)
    level = fields.Selection(
        selection=CEFR_LEVELS,
        string="Level required",
        help="Leave empty when this skill does not count for the orientation.",
    )

    _sql_constraints = [
        ("skill_unique", "UNIQUE(skill)", "Each skill has one threshold."),
    ]

    @api.model
    def _get_required_ranks(self):
        """{skill: rank} of the skills that have a required level."""
        return {
            threshold.skill: CEFR_RANK[threshold.level]
            for threshold in self.sudo().search([("level", "!=", False)])
        }
