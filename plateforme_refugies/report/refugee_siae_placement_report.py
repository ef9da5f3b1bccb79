# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.refugee_journey import SAS_OUTCOMES
from ..models.refugee_siae_placement import PLACEMENT_STATES


class RefugeeSiaePlacementReport(models.Model):
    """SIAE placements analysis: one row per placement, nobody named.

    The SAS length is a measure of the SAS of a journey, not of one of its
    placements: it is carried by the first placement of each SAS only
    (NULL on the others), so that the pivot's average over the rows is the
    average length of the SAS and ``sas_count`` counts each SAS once.
    Cancelled placements occupied no place: they have no length.
    """

    _name = "refugee.siae.placement.report"
    _inherit = "refugee.report.mixin"
    _description = "SIAE placements analysis"
    _auto = False
    _order = "date_start desc"
    _rec_name = "date_start"
    _depends = {
        "refugee.siae.placement": [
            "date_start",
            "site_id",
            "siae_id",
            "is_sas",
            "state",
            "occupancy_end",
            "journey_id",
            "beneficiary_id",
        ],
        "refugee.journey": ["sas_outcome", "sas_date_start", "sas_date_end"],
    }

    date_start = fields.Date(string="Start", readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    siae_id = fields.Many2one(comodel_name="res.partner", string="SIAE", readonly=True)
    is_sas = fields.Boolean(string="Part of the SAS", readonly=True)
    state = fields.Selection(
        selection=PLACEMENT_STATES, string="Placement outcome", readonly=True
    )
    sas_outcome = fields.Selection(
        selection=SAS_OUTCOMES, string="SAS outcome", readonly=True
    )
    placement_count = fields.Integer(string="Placements", readonly=True)
    placement_days = fields.Integer(
        string="Days in the placement",
        readonly=True,
        aggregator="avg",
        help="Days the placement occupied a place, start and end included.",
    )
    sas_count = fields.Integer(string="SAS", readonly=True)
    sas_days = fields.Integer(
        string="SAS length (days)",
        readonly=True,
        aggregator="avg",
        help="Days from the first start to the last end of the SAS.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY p.date_start, p.id) AS id,
                         p.beneficiary_id AS beneficiary_key,
                         p.date_start,
                         p.site_id,
                         p.siae_id,
                         COALESCE(p.is_sas, FALSE) AS is_sas,
                         p.state,
                         CASE WHEN p.is_sas THEN j.sas_outcome END AS sas_outcome,
                         1 AS placement_count,
                         p.occupancy_end - p.date_start + 1 AS placement_days,
                         CASE WHEN first_sas.id = p.id THEN 1 ELSE 0 END AS sas_count,
                         CASE WHEN first_sas.id = p.id
                              THEN j.sas_date_end - j.sas_date_start + 1
                         END AS sas_days
                    FROM refugee_siae_placement p
                    JOIN refugee_journey j ON j.id = p.journey_id
               LEFT JOIN LATERAL (
                           SELECT f.id
                             FROM refugee_siae_placement f
                            WHERE f.journey_id = p.journey_id
                              AND f.is_sas
                              AND f.occupancy_end IS NOT NULL
                         ORDER BY f.date_start, f.id
                            LIMIT 1
                         ) first_sas ON TRUE
                )
                """,
                table=SQL.identifier(self._table),
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Placements started in the period by outcome, and the average
        length of the SAS started in the period."""
        domain = [("date_start", ">=", date_from), ("date_start", "<=", date_to)]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        states = dict(self._fields["state"]._description_selection(self.env))
        by_state = [
            {"state": states[state], "count": count}
            for state, count in self._read_group(
                domain, ["state"], ["placement_count:sum"]
            )
        ]
        [[sas_count, sas_days]] = self._read_group(
            domain + [("sas_count", "=", 1)], [], ["sas_count:sum", "sas_days:avg"]
        )
        outcomes = dict(self._fields["sas_outcome"]._description_selection(self.env))
        sas_by_outcome = [
            {
                "outcome": outcomes.get(outcome) or self.env._("Not recorded yet"),
                "count": count,
            }
            for outcome, count in self._read_group(
                domain + [("sas_count", "=", 1)], ["sas_outcome"], ["sas_count:sum"]
            )
        ]
        return {
            "placements": sum(line["count"] for line in by_state),
            "placements_by_state": by_state,
            "sas": self._figure(sas_count),
            "sas_by_outcome": sas_by_outcome,
            "sas_days": sas_days if sas_count else None,
        }
