# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

CEFR_LEVELS = [
    ("pre_a1", "Pre-A1"),
    ("a1", "A1"),
    ("a2", "A2"),
    ("b1", "B1"),
    ("b2", "B2"),
    ("c1", "C1"),
    ("c2", "C2"),
]
# rank of each level, so that "reaches the level" is a comparison of numbers
CEFR_RANK = {level: rank for rank, (level, __) in enumerate(CEFR_LEVELS, start=1)}
SKILLS = [
    ("oral_comprehension", "Oral comprehension"),
    ("oral_production", "Oral production"),
    ("written_comprehension", "Written comprehension"),
    ("written_production", "Written production"),
]
SKILL_NAMES = [skill for skill, __ in SKILLS]
LITERACY_LEVELS = [
    ("never_schooled", "Never schooled"),
    ("little_schooled", "Little schooled"),
    ("other_alphabet", "Literate in another alphabet"),
    ("latin", "Literate in Latin script"),
]


def skill_levels_sql(alias):
    """The rows (index, skill, level) of the skills of assessment ``alias``,
    for ``CROSS JOIN LATERAL (VALUES …) AS s(idx, skill, level)``."""
    return SQL(", ").join(
        SQL("(%s, %s, %s)", index, skill, SQL.identifier(alias, skill))
        for index, (skill, __) in enumerate(SKILLS)
    )


def level_ranks_sql():
    """``WHEN <level> THEN <rank>`` of every CEFR level, for a CASE."""
    return SQL(" ").join(
        SQL("WHEN %s THEN %s", level, rank) for level, rank in CEFR_RANK.items()
    )


ASSESSMENT_CONTEXTS = [
    ("initial", "Initial positioning"),
    ("mid_training", "Mid-training"),
    ("end_training", "End of training"),
    ("other", "Other"),
]


class RefugeeFrenchAssessment(models.Model):
    """A French assessment of one beneficiary: one CEFR level per skill."""

    _name = "refugee.french.assessment"
    _description = "French language assessment"
    _order = "date desc, id desc"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(
        related="beneficiary_id.site_id", store=True, index=True, string="Site"
    )
    date = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self)
    )
    assessment_context = fields.Selection(
        selection=ASSESSMENT_CONTEXTS,
        string="Context",
        required=True,
        default="initial",
    )
    assessor_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Assessed by (platform)",
        domain=[("share", "=", False)],
        default=lambda self: self.env.user,
    )
    assessor_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Assessed by (partner)",
        help="Trainer or organisation outside the platform, e.g. ALIRE.",
    )
    literacy = fields.Selection(
        selection=LITERACY_LEVELS,
        help="Literacy observed at this assessment; the latest one is copied to "
        "the beneficiary file.",
    )
    oral_comprehension = fields.Selection(selection=CEFR_LEVELS)
    oral_production = fields.Selection(selection=CEFR_LEVELS)
    written_comprehension = fields.Selection(selection=CEFR_LEVELS)
    written_production = fields.Selection(selection=CEFR_LEVELS)
    notes = fields.Text()

    @api.depends("beneficiary_id", "date")
    def _compute_display_name(self):
        for assessment in self:
            assessment.display_name = self.env._(
                "%(name)s – assessment of %(date)s",
                name=assessment.beneficiary_id.name or "",
                date=format_date(self.env, assessment.date),
            )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for assessment in self:
            if assessment.date > today:
                raise ValidationError(
                    self.env._(
                        "The French assessment of %(name)s cannot be dated in the "
                        "future (%(date)s).",
                        name=assessment.beneficiary_id.name,
                        date=format_date(self.env, assessment.date),
                    )
                )

    @api.constrains("beneficiary_id", "date", *SKILL_NAMES)
    def _check_one_level(self):
        for assessment in self:
            if not any(assessment[skill] for skill in SKILL_NAMES):
                raise ValidationError(
                    self.env._(
                        "The French assessment of %(name)s of %(date)s gives no "
                        "level: set the level of at least one skill.",
                        name=assessment.beneficiary_id.name,
                        date=format_date(self.env, assessment.date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        assessments = super().create(vals_list)
        assessments.beneficiary_id._update_from_assessments()
        return assessments

    def write(self, vals):
        beneficiaries = self.beneficiary_id
        res = super().write(vals)
        (beneficiaries | self.beneficiary_id)._update_from_assessments()
        return res
