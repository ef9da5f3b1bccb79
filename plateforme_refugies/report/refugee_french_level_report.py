# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.refugee_french_assessment import (
    ASSESSMENT_CONTEXTS,
    CEFR_LEVELS,
    SKILLS,
    level_ranks_sql,
    skill_levels_sql,
)


class RefugeeFrenchLevelReport(models.Model):
    """One row per assessed skill, to draw French levels over time."""

    _name = "refugee.french.level.report"
    _description = "French levels over time"
    _auto = False
    _order = "date, id"
    _depends = {
        "refugee.french.assessment": [
            "beneficiary_id",
            "site_id",
            "date",
            "assessment_context",
            *(skill for skill, __ in SKILLS),
        ],
    }

    assessment_id = fields.Many2one(
        comodel_name="refugee.french.assessment", readonly=True
    )
    beneficiary_id = fields.Many2one(comodel_name="refugee.beneficiary", readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    date = fields.Date(readonly=True)
    assessment_context = fields.Selection(
        selection=ASSESSMENT_CONTEXTS,
        string="Context",
        readonly=True,
    )
    skill = fields.Selection(selection=SKILLS, readonly=True)
    level = fields.Selection(selection=CEFR_LEVELS, readonly=True)
    level_rank = fields.Integer(
        string="Level rank",
        aggregator="avg",
        readonly=True,
        help="1 = Pre-A1, 2 = A1, 3 = A2, 4 = B1, 5 = B2, 6 = C1, 7 = C2.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        skills, ranks = skill_levels_sql("a"), level_ranks_sql()
        query = SQL(
            """
            SELECT a.id * %(count)s + s.idx AS id,
                   a.id AS assessment_id,
                   a.beneficiary_id,
                   a.site_id,
                   a.date,
                   a.assessment_context,
                   s.skill,
                   s.level,
                   CASE s.level %(ranks)s END AS level_rank
              FROM refugee_french_assessment a
             CROSS JOIN LATERAL (VALUES %(skills)s) AS s(idx, skill, level)
             WHERE s.level IS NOT NULL
            """,
            count=len(SKILLS),
            ranks=ranks,
            skills=skills,
        )
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), query)
        )
