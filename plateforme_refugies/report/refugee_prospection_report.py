# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class RefugeeProspectionReport(models.Model):
    """Employer prospection: one row per opportunity of the prospection
    teams, with its stage and sector; no contact person."""

    _name = "refugee.prospection.report"
    _description = "Employer prospection analysis"
    _auto = False
    _order = "create_date desc"
    _rec_name = "create_date"
    _depends = {
        "crm.lead": [
            "create_date",
            "stage_id",
            "employer_sector_id",
            "user_id",
            "team_id",
            "active",
            "type",
            "positions_offered",
        ],
        "crm.team": ["is_employer_prospection"],
        "crm.stage": ["is_won", "is_agreement_stage"],
    }

    create_date = fields.Date(string="Created on", readonly=True)
    stage_id = fields.Many2one(comodel_name="crm.stage", readonly=True)
    employer_sector_id = fields.Many2one(
        comodel_name="refugee.sector", string="Sector", readonly=True
    )
    user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", readonly=True
    )
    is_won = fields.Boolean(string="Agreement reached", readonly=True)
    engaged_count = fields.Integer(
        string="Engaged",
        readonly=True,
        help="Opportunities at the agreement in principle or hosting stage.",
    )
    opportunity_count = fields.Integer(string="Opportunities", readonly=True)
    positions_offered = fields.Integer(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY l.create_date, l.id) AS id,
                         l.create_date::date AS create_date,
                         l.stage_id,
                         l.employer_sector_id,
                         l.user_id,
                         COALESCE(s.is_won, FALSE) AS is_won,
                         CASE WHEN s.is_agreement_stage THEN 1 ELSE 0 END
                             AS engaged_count,
                         1 AS opportunity_count,
                         COALESCE(l.positions_offered, 0) AS positions_offered
                    FROM crm_lead l
                    JOIN crm_team t ON t.id = l.team_id
               LEFT JOIN crm_stage s ON s.id = l.stage_id
                   WHERE t.is_employer_prospection
                     AND l.active
                     AND l.type = 'opportunity'
                )
                """,
                table=SQL.identifier(self._table),
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Employers prospected in the period, by the stage they reached.

        Prospection has no site: ``sites`` is ignored."""
        domain = [("create_date", ">=", date_from), ("create_date", "<=", date_to)]
        by_stage = [
            {"stage": stage.display_name, "count": count}
            for stage, count in self._read_group(
                domain, ["stage_id"], ["opportunity_count:sum"]
            )
        ]
        [[prospected, engaged]] = self._read_group(
            domain, [], ["opportunity_count:sum", "engaged_count:sum"]
        )
        return {
            "prospected": prospected or 0,
            "engaged": engaged or 0,
            "by_stage": by_stage,
        }
