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
                  ), hosted AS (
                    SELECT p.siae_id, d.day::date AS day, COUNT(*) AS hosted
                      FROM refugee_siae_placement p
                CROSS JOIN LATERAL generate_series(
                               p.date_start, p.occupancy_end, interval '1 day'
                           ) AS d(day)
                     WHERE p.occupancy_end IS NOT NULL
                  GROUP BY p.siae_id, d.day
                  ), daily AS (
                    SELECT s.id AS siae_id, s.is_sas_partner,
                           s.siae_capacity AS capacity,
                           date_trunc('week', g.day)::date AS week,
                           COALESCE(h.hosted, 0) AS hosted
                      FROM res_partner s
                CROSS JOIN bounds
                CROSS JOIN generate_series(
                               bounds.first_day, bounds.last_day, interval '1 day'
                           ) AS g(day)
                 LEFT JOIN hosted h
                        ON h.siae_id = s.id AND h.day = g.day::date
                     WHERE s.is_siae AND s.active
                  )
                  SELECT ROW_NUMBER() OVER (ORDER BY siae_id, week) AS id,
                         siae_id, is_sas_partner, week, capacity,
                         MAX(hosted) AS hosted,
                         capacity - MAX(hosted) AS free_places,
                         ROUND(100.0 * AVG(hosted) / capacity, 1) AS occupancy_rate
                    FROM daily
                GROUP BY siae_id, is_sas_partner, week, capacity
                )
                """,
                SQL.identifier(self._table),
            )
        )
