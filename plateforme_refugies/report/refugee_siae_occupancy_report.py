# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class RefugeeSiaeOccupancyReport(models.Model):
    """Occupancy of each SIAE week by week: counts only, nobody is named.

    The weeks run from 26 weeks before today (or the first placement) to 26
    weeks after today (or the last placement), empty weeks included, so that
    free places show as well as full ones.
    """

    _name = "refugee.siae.occupancy.report"
    _description = "SIAE occupancy by week"
    _auto = False
    _order = "week desc, siae_id"
    _rec_name = "siae_id"

    siae_id = fields.Many2one(comodel_name="res.partner", string="SIAE", readonly=True)
    is_sas_partner = fields.Boolean(string="SAS IAE partner", readonly=True)
    week = fields.Date(readonly=True)
    # the week as text, to group by: Odoo formats each group of a date by
    # week with babel (about 50 µs a cell), a text is grouped as it is; the
    # ISO year and week first, so that the text sorts as the weeks do
    week_label = fields.Char(string="Week of", readonly=True)
    capacity = fields.Integer(readonly=True, aggregator="max")
    hosted = fields.Integer(
        string="Hosted (busiest day)",
        readonly=True,
        aggregator="max",
        help="Most refugees hosted on one day of the week.",
    )
    free_places = fields.Integer(
        string="Free places (busiest day)", readonly=True, aggregator="min"
    )
    occupancy_rate = fields.Float(
        string="Occupancy (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Places taken over the week, in percent of the capacity.",
    )

    def init(self):
        # Counted by periods, not by day-rows: the number hosted by a SIAE
        # only changes on the first day of a placement and on the day after
        # its last one, so each SIAE has a few periods of constant occupancy
        # ("levels"), each set against the weeks it overlaps and joined to the
        # grid of SIAE and weeks on both keys.
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                  WITH bounds AS (
                    SELECT LEAST(MIN(date_start), CURRENT_DATE - 182) AS first_day,
                           GREATEST(MAX(occupancy_end), CURRENT_DATE + 182)
                               AS last_day
                      FROM refugee_siae_placement
                  ), weeks AS NOT MATERIALIZED (
                    SELECT w.week::date AS week,
                           GREATEST(w.week::date, b.first_day) AS first_day,
                           LEAST(w.week::date + 6, b.last_day) AS last_day
                      FROM bounds b
                CROSS JOIN generate_series(
                               b.first_day
                                   - (EXTRACT(ISODOW FROM b.first_day)::int - 1),
                               b.last_day, interval '1 week'
                           ) AS w(week)
                  ), changes AS (
                    SELECT p.siae_id, c.day, SUM(c.delta) AS delta
                      FROM refugee_siae_placement p
                CROSS JOIN LATERAL (
                               VALUES (p.date_start, 1), (p.occupancy_end + 1, -1)
                           ) AS c(day, delta)
                     WHERE p.occupancy_end IS NOT NULL
                  GROUP BY p.siae_id, c.day
                  ), levels AS (
                    SELECT siae_id, day AS first_day,
                           LEAD(day) OVER siae_days - 1 AS last_day,
                           SUM(delta) OVER siae_days AS hosted
                      FROM changes
                    WINDOW siae_days AS (PARTITION BY siae_id ORDER BY day)
                  ), busy AS (
                    SELECT l.siae_id, w.week, MAX(l.hosted) AS hosted,
                           SUM(l.hosted * (LEAST(l.last_day, w.last_day)
                                           - GREATEST(l.first_day, w.first_day)
                                           + 1)) AS hosted_days
                      FROM levels l
                CROSS JOIN LATERAL generate_series(
                               l.first_day
                                   - (EXTRACT(ISODOW FROM l.first_day)::int - 1),
                               l.last_day, interval '1 week'
                           ) AS lw(week)
                      JOIN weeks w ON w.week = lw.week::date
                     WHERE l.hosted > 0
                  GROUP BY l.siae_id, w.week
                  )
                  -- a stable id (the SIAE, the week's number since 2000) rather
                  -- than a row number over every row, so that a filter on the
                  -- weeks reaches the grid of SIAE and weeks
                  SELECT s.id::bigint * 10000 + (w.week - DATE '2000-01-03') / 7
                             AS id,
                         s.id AS siae_id, s.is_sas_partner, w.week,
                         TO_CHAR(w.week, 'IYYY "S"IW "·" DD/MM') AS week_label,
                         s.siae_capacity AS capacity,
                         COALESCE(b.hosted, 0) AS hosted,
                         s.siae_capacity - COALESCE(b.hosted, 0) AS free_places,
                         ROUND(100.0 * (COALESCE(b.hosted_days, 0)::numeric
                                        / (w.last_day - w.first_day + 1))
                               / s.siae_capacity, 1) AS occupancy_rate
                    FROM res_partner s
              CROSS JOIN weeks w
               LEFT JOIN busy b ON b.siae_id = s.id AND b.week = w.week
                   WHERE s.is_siae AND s.active
                )
                """,
                SQL.identifier(self._table),
            )
        )
