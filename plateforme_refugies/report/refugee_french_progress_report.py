# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.refugee_french_assessment import (
    CEFR_LEVELS,
    SKILLS,
    level_ranks_sql,
    skill_levels_sql,
)


class RefugeeFrenchProgressReport(models.Model):
    """French progression: one row per beneficiary and skill, nobody named.

    The entry level of a skill is the one of the first assessment that
    rates it, the latest level the one of the last. ``levels_gained`` and
    ``progress_rate`` (100 when the latest level is above the entry level,
    0 otherwise) are per person, so their pivot average is the average
    progression and the share of people who progressed.
    """

    _name = "refugee.french.progress.report"
    _inherit = "refugee.report.mixin"
    _description = "French progression analysis"
    _auto = False
    _order = "latest_date desc"
    _rec_name = "skill"
    _depends = {
        "refugee.french.assessment": [
            "beneficiary_id",
            "date",
            *(skill for skill, __ in SKILLS),
        ],
        "refugee.beneficiary": ["site_id"],
    }

    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    skill = fields.Selection(selection=SKILLS, readonly=True)
    entry_date = fields.Date(string="First assessed on", readonly=True)
    latest_date = fields.Date(string="Last assessed on", readonly=True)
    entry_level = fields.Selection(
        selection=CEFR_LEVELS, string="Level at entry", readonly=True
    )
    latest_level = fields.Selection(
        selection=CEFR_LEVELS, string="Latest level", readonly=True
    )
    beneficiary_count = fields.Integer(string="Beneficiaries", readonly=True)
    progressed_count = fields.Integer(string="Progressed", readonly=True)
    levels_gained = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Average number of CEFR levels gained since the first assessment.",
    )
    progress_rate = fields.Float(
        string="Progressed (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the beneficiaries whose latest level is above their "
        "level at entry.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        skills, ranks = skill_levels_sql("a"), level_ranks_sql()
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  WITH levels AS (
                    SELECT a.beneficiary_id, s.idx, s.skill, s.level, a.date,
                           CASE s.level %(ranks)s END AS level_rank,
                           ROW_NUMBER() OVER (
                               PARTITION BY a.beneficiary_id, s.skill
                               ORDER BY a.date, a.id) AS first_rank,
                           ROW_NUMBER() OVER (
                               PARTITION BY a.beneficiary_id, s.skill
                               ORDER BY a.date DESC, a.id DESC) AS last_rank
                      FROM refugee_french_assessment a
                CROSS JOIN LATERAL (VALUES %(skills)s) AS s(idx, skill, level)
                     WHERE s.level IS NOT NULL
                  )
                  SELECT ROW_NUMBER() OVER (
                             ORDER BY latest.date, latest.beneficiary_id, latest.idx
                         ) AS id,
                         latest.beneficiary_id AS beneficiary_key,
                         b.site_id,
                         latest.skill,
                         entry.date AS entry_date,
                         latest.date AS latest_date,
                         entry.level AS entry_level,
                         latest.level AS latest_level,
                         1 AS beneficiary_count,
                         CASE WHEN latest.level_rank > entry.level_rank
                              THEN 1 ELSE 0 END AS progressed_count,
                         latest.level_rank - entry.level_rank AS levels_gained,
                         CASE WHEN latest.level_rank > entry.level_rank
                              THEN 100.0 ELSE 0.0 END AS progress_rate
                    FROM levels latest
                    JOIN levels entry
                      ON entry.beneficiary_id = latest.beneficiary_id
                     AND entry.skill = latest.skill
                     AND entry.first_rank = 1
                    JOIN refugee_beneficiary b ON b.id = latest.beneficiary_id
                   WHERE latest.last_rank = 1
                )
                """,
                table=SQL.identifier(self._table),
                ranks=ranks,
                skills=skills,
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Per skill, the people last assessed in the period: entry and
        latest levels, progression."""
        domain = [("latest_date", ">=", date_from), ("latest_date", "<=", date_to)]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        skills = dict(self._fields["skill"]._description_selection(self.env))
        return {
            "by_skill": [
                {
                    "skill": skills[skill],
                    "beneficiaries": count,
                    "progressed": progressed,
                    "progress_rate": rate,
                    "levels_gained": gained,
                }
                for skill, count, progressed, rate, gained in self._read_group(
                    domain,
                    ["skill"],
                    [
                        "beneficiary_count:sum",
                        "progressed_count:sum",
                        "progress_rate:avg",
                        "levels_gained:avg",
                    ],
                )
            ]
        }
