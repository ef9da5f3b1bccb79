# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.refugee_barrier import BARRIER_STATES, STATE_DATE_FIELDS


class RefugeeBarrierReport(models.Model):
    """Barriers analysis: one row per status a barrier reached, dated.

    The IAE statistic counts, for a period, the barriers identified, handled
    in-house, referred and lifted in that period: a barrier identified in
    January and lifted in March counts in both months. Each barrier thus
    gives one row per status it reached, on the date it reached it.
    """

    _name = "refugee.barrier.report"
    _inherit = "refugee.report.mixin"
    _description = "Barriers analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "date"
    _depends = {
        "refugee.barrier": [
            "beneficiary_id",
            "site_id",
            "barrier_type_id",
            "severity",
            *STATE_DATE_FIELDS.values(),
        ],
    }

    date = fields.Date(readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    barrier_type_id = fields.Many2one(
        comodel_name="refugee.barrier.type", string="Barrier", readonly=True
    )
    severity = fields.Selection(
        selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
        readonly=True,
    )
    step = fields.Selection(
        selection=BARRIER_STATES,
        readonly=True,
        help="Status the barrier reached on the date.",
    )
    barrier_count = fields.Integer(string="Barriers", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        steps = SQL(", ").join(
            SQL("(%s, b.%s)", step, SQL.identifier(date_field))
            for step, date_field in STATE_DATE_FIELDS.items()
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY s.date, b.id, s.step) AS id,
                         b.beneficiary_id AS beneficiary_key,
                         s.date,
                         b.site_id,
                         b.barrier_type_id,
                         b.severity,
                         s.step,
                         1 AS barrier_count
                    FROM refugee_barrier b
              CROSS JOIN LATERAL (VALUES %(steps)s) AS s(step, date)
                   WHERE s.date IS NOT NULL
                )
                """,
                table=SQL.identifier(self._table),
                steps=steps,
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Per kind of barrier, how many reached each status in the period."""
        domain = [("date", ">=", date_from), ("date", "<=", date_to)]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        by_type = {}
        for barrier_type, step, count in self._read_group(
            domain, ["barrier_type_id", "step"], ["barrier_count:sum"]
        ):
            line = by_type.setdefault(
                barrier_type,
                {"barrier": barrier_type.display_name}
                | dict.fromkeys(STATE_DATE_FIELDS, 0),
            )
            line[step] = count
        return {"by_type": list(by_type.values())}
