# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.refugee_exit_outcome import IAE_CATEGORIES
from ..models.refugee_journey import JOURNEY_STATES

AGE_BANDS = [
    ("under_26", "Under 26"),
    ("26_34", "26 to 34"),
    ("35_44", "35 to 44"),
    ("45_plus", "45 and over"),
]
PROTECTION_TYPES = [
    ("refugee", "Refugee status"),
    ("subsidiary", "Subsidiary protection"),
    ("stateless", "Stateless person"),
]
# the IAE categories funders count as successful exits
SUCCESSFUL_CATEGORIES = ("durable", "transition", "positive")


class RefugeeJourneyReport(models.Model):
    """Journeys analysis: one row per journey, nobody named.

    A row carries no beneficiary, journey or partner of the person, only
    what funders group by: site, counsellor, orienting organisation, age
    band and protection type. The entry date is the orientation date (the
    platform takes the person in charge from that day, diagnostic or not);
    the first employment is the start of the first confirmed hire of the
    journey, or its exit date when it exited to employment without a hire
    recorded.

    Rates are averages of 0/100 columns at the journey grain, so that the
    pivot's average is the true rate: ``successful_exit_rate`` is NULL for
    journeys not exited yet and SQL's AVG skips them, giving the share of
    durable, transition and positive exits among exits. Durations are NULL
    where they do not apply for the same reason.
    """

    _name = "refugee.journey.report"
    _inherit = "refugee.report.mixin"
    _description = "Journeys analysis"
    _auto = False
    _order = "orientation_date desc"
    _rec_name = "orientation_date"
    _depends = {
        "refugee.journey": [
            "orientation_age",
            "orientation_date",
            "exit_date",
            "site_id",
            "counsellor_id",
            "orienting_partner_id",
            "state",
            "exit_outcome_id",
            "exit_category",
            "beneficiary_id",
        ],
        "refugee.beneficiary": ["protection_type"],
        "res.partner": ["commercial_partner_id"],
        "refugee.exit.outcome": ["is_employment"],
        "refugee.hire": ["journey_id", "state", "date_start"],
    }

    orientation_date = fields.Date(string="Entry date", readonly=True)
    exit_date = fields.Date(readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    counsellor_id = fields.Many2one(comodel_name="res.users", readonly=True)
    orienting_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Oriented by",
        readonly=True,
        help="Organisation that oriented the person to the platform.",
    )
    age_band = fields.Selection(
        selection=AGE_BANDS, string="Age band at entry", readonly=True
    )
    protection_type = fields.Selection(selection=PROTECTION_TYPES, readonly=True)
    state = fields.Selection(selection=JOURNEY_STATES, readonly=True)
    exit_outcome_id = fields.Many2one(
        comodel_name="refugee.exit.outcome", string="Exit outcome", readonly=True
    )
    exit_category = fields.Selection(
        selection=IAE_CATEGORIES, string="IAE exit category", readonly=True
    )
    entry_count = fields.Integer(string="Entries", readonly=True)
    open_count = fields.Integer(
        string="Open", readonly=True, help="Journeys not exited yet."
    )
    exit_count = fields.Integer(string="Exits", readonly=True)
    employment_count = fields.Integer(string="Exits to employment", readonly=True)
    successful_exit_rate = fields.Float(
        string="Durable, transition and positive exits (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of durable, transition and positive exits among exits.",
    )
    days_to_employment = fields.Integer(
        string="Days from entry to employment",
        readonly=True,
        aggregator="avg",
        help="Average days from the orientation to the first hire, over the "
        "journeys with a hire.",
    )
    days_in_journey = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Average days from the orientation to the exit, or to today for "
        "journeys still open.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY j.orientation_date, j.id) AS id,
                         j.beneficiary_id AS beneficiary_key,
                         j.orientation_date,
                         j.exit_date,
                         j.site_id,
                         j.counsellor_id,
                         COALESCE(op.commercial_partner_id, op.id)
                             AS orienting_partner_id,
                         CASE
                           WHEN j.orientation_age < 26 THEN 'under_26'
                           WHEN j.orientation_age < 35 THEN '26_34'
                           WHEN j.orientation_age < 45 THEN '35_44'
                           ELSE '45_plus'
                         END AS age_band,
                         b.protection_type,
                         j.state,
                         j.exit_outcome_id,
                         j.exit_category,
                         1 AS entry_count,
                         CASE WHEN exited.is_exited THEN 0 ELSE 1 END AS open_count,
                         CASE WHEN exited.is_exited THEN 1 ELSE 0 END AS exit_count,
                         CASE WHEN exited.is_exited AND o.is_employment
                              THEN 1 ELSE 0 END AS employment_count,
                         CASE
                           WHEN NOT exited.is_exited THEN NULL
                           WHEN j.exit_category IN %(successful)s THEN 100.0
                           ELSE 0.0
                         END AS successful_exit_rate,
                         COALESCE(first_hire.date_start,
                                  CASE WHEN exited.is_exited AND o.is_employment
                                       THEN j.exit_date END)
                             - j.orientation_date AS days_to_employment,
                         CASE WHEN exited.is_exited
                              THEN j.exit_date - j.orientation_date
                              ELSE GREATEST(CURRENT_DATE - j.orientation_date, 0)
                         END AS days_in_journey
                    FROM refugee_journey j
                    JOIN refugee_beneficiary b ON b.id = j.beneficiary_id
               LEFT JOIN res_partner op ON op.id = j.orienting_partner_id
               LEFT JOIN refugee_exit_outcome o ON o.id = j.exit_outcome_id
            CROSS JOIN LATERAL (
                           SELECT j.state IN ('exited', 'follow_up', 'closed')
                                  AND j.exit_date IS NOT NULL AS is_exited
                         ) exited
            CROSS JOIN LATERAL (
                           SELECT MIN(h.date_start) AS date_start
                             FROM refugee_hire h
                            WHERE h.journey_id = j.id AND h.state = 'confirmed'
                         ) first_hire
                )
                """,
                table=SQL.identifier(self._table),
                successful=SUCCESSFUL_CATEGORIES,
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Entries, exits and exit rates of a period, for the dashboard and
        the activity report."""
        site_domain = [("site_id", "in", sites.ids)] if sites else []
        entered = [
            ("orientation_date", ">=", date_from),
            ("orientation_date", "<=", date_to),
        ]
        exited = [
            ("exit_count", "=", 1),
            ("exit_date", ">=", date_from),
            ("exit_date", "<=", date_to),
        ]
        [[entries]] = self._read_group(site_domain + entered, [], ["entry_count:sum"])
        [[exits, rate, days_in_journey]] = self._read_group(
            site_domain + exited,
            [],
            ["exit_count:sum", "successful_exit_rate:avg", "days_in_journey:avg"],
        )
        [[hires, days_to_employment]] = self._read_group(
            site_domain + exited + [("days_to_employment", "!=", False)],
            [],
            ["__count", "days_to_employment:avg"],
        )
        [[open_count]] = self._read_group(
            site_domain
            + [
                ("orientation_date", "<=", date_to),
                "|",
                ("exit_count", "=", 0),
                ("exit_date", ">", date_to),
            ],
            [],
            ["entry_count:sum"],
        )
        categories = dict(
            self._fields["exit_category"]._description_selection(self.env)
        )
        by_category = [
            {"category": categories.get(category, ""), "count": count}
            for category, count in self._read_group(
                site_domain + exited, ["exit_category"], ["exit_count:sum"]
            )
        ]
        by_outcome = [
            {"outcome": outcome.display_name, "count": count}
            for outcome, count in self._read_group(
                site_domain + exited, ["exit_outcome_id"], ["exit_count:sum"]
            )
        ]
        return {
            "entries": self._figure(entries),
            "exits": self._figure(exits),
            "open": self._figure(open_count),
            "employments": hires,
            # averages over nothing are no figure, not zero
            "successful_exit_rate": rate if exits else None,
            "days_to_employment": days_to_employment if hires else None,
            "days_in_journey": days_in_journey if exits else None,
            "exits_by_category": by_category,
            "exits_by_outcome": by_outcome,
        }
