# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class RefugeeImmersionReport(models.Model):
    """Immersions (PMSMP): one row per immersion, nobody named.

    ``hire_rate`` is 100 when a hire (not cancelled) followed the immersion,
    0 otherwise, and NULL for immersions not over yet (neither done nor
    abandoned): the pivot's average is the conversion of ended immersions
    into hires.
    """

    _name = "refugee.immersion.report"
    _inherit = "refugee.report.mixin"
    _description = "Immersions analysis"
    _auto = False
    _order = "date_start desc"
    _rec_name = "date_start"
    _depends = {
        "refugee.immersion": [
            "beneficiary_id",
            "date_start",
            "site_id",
            "employer_id",
            "objective",
            "state",
            "hire_prospect",
            "duration_days",
        ],
        "res.partner": ["commercial_partner_id", "employer_sector_id"],
        "refugee.hire": ["immersion_id", "state"],
    }

    date_start = fields.Date(string="Start", readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    employer_id = fields.Many2one(comodel_name="res.partner", readonly=True)
    employer_sector_id = fields.Many2one(
        comodel_name="refugee.sector", string="Sector", readonly=True
    )
    objective = fields.Selection(selection="_selection_objective", readonly=True)
    state = fields.Selection(
        selection="_selection_state", string="Outcome", readonly=True
    )
    hire_prospect = fields.Selection(
        selection="_selection_hire_prospect", readonly=True
    )
    immersion_count = fields.Integer(string="Immersions", readonly=True)
    hired_count = fields.Integer(string="Followed by a hire", readonly=True)
    hire_rate = fields.Float(
        string="Immersion to hire (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the ended immersions followed by a hire.",
    )
    duration_days = fields.Integer(string="Days", readonly=True, aggregator="avg")

    def _immersion_selection(self, field):
        return (
            self.env["refugee.immersion"]
            ._fields[field]
            ._description_selection(self.env)
        )

    def _selection_objective(self):
        return self._immersion_selection("objective")

    def _selection_state(self):
        return self._immersion_selection("state")

    def _selection_hire_prospect(self):
        return self._immersion_selection("hire_prospect")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY i.date_start, i.id) AS id,
                         i.beneficiary_id AS beneficiary_key,
                         i.date_start,
                         i.site_id,
                         COALESCE(e.commercial_partner_id, e.id) AS employer_id,
                         e.employer_sector_id,
                         i.objective,
                         i.state,
                         i.hire_prospect,
                         1 AS immersion_count,
                         CASE WHEN hired.yes THEN 1 ELSE 0 END AS hired_count,
                         CASE
                           WHEN i.state NOT IN ('done', 'abandoned') THEN NULL
                           WHEN hired.yes THEN 100.0
                           ELSE 0.0
                         END AS hire_rate,
                         i.duration_days
                    FROM refugee_immersion i
                    JOIN res_partner e ON e.id = i.employer_id
            CROSS JOIN LATERAL (
                           SELECT EXISTS (
                                    SELECT 1 FROM refugee_hire h
                                     WHERE h.immersion_id = i.id
                                       AND h.state != 'cancelled'
                                  ) AS yes
                         ) hired
                )
                """,
                table=SQL.identifier(self._table),
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Immersions started in the period by objective, and their
        conversion into hires."""
        domain = [
            ("state", "!=", "cancelled"),
            ("date_start", ">=", date_from),
            ("date_start", "<=", date_to),
        ]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        objectives = dict(self._selection_objective())
        by_objective = [
            {
                "objective": objectives[objective],
                "immersions": count,
                "hired": hired,
                "hire_rate": rate,
            }
            for objective, count, hired, rate in self._read_group(
                domain,
                ["objective"],
                ["immersion_count:sum", "hired_count:sum", "hire_rate:avg"],
            )
        ]
        [[employers]] = self._read_group(domain, [], ["employer_id:count_distinct"])
        return {
            "immersions": sum(line["immersions"] for line in by_objective),
            "employers": employers,
            "by_objective": by_objective,
        }
