# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

UPCOMING_DEADLINE_DAYS = 30


class RefugeeDashboardWizard(models.TransientModel):
    """The coordinator's dashboard and the activity report of a period.

    The key indicators of a period and sites (all sites when none is
    chosen), read from the analysis models only: readers see them as well
    as coordinators. Each indicator opens the matching analysis; the same
    period prints as the activity report sent to funders.
    """

    _name = "refugee.dashboard.wizard"
    _description = "Activity dashboard"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_date_to()
    )
    site_ids = fields.Many2many(
        comodel_name="refugee.site",
        string="Sites",
        help="Leave empty for every site.",
    )
    entry_count = fields.Integer(string="Entries", compute="_compute_indicators")
    exit_count = fields.Integer(string="Exits", compute="_compute_indicators")
    open_count = fields.Integer(
        string="Open journeys at the end of the period",
        compute="_compute_indicators",
    )
    successful_exit_rate = fields.Float(
        string="Durable, transition and positive exits (%)",
        digits=(5, 1),
        compute="_compute_indicators",
    )
    sas_occupancy_rate = fields.Float(
        string="SAS occupancy this week (%)",
        digits=(5, 1),
        compute="_compute_indicators",
        help="Places of the SAS partner SIAE taken this week, in percent of "
        "their capacity.",
    )
    workshop_session_count = fields.Integer(
        string="Workshops held", compute="_compute_indicators"
    )
    workshop_attendance_rate = fields.Float(
        string="Workshop attendance (%)",
        digits=(5, 1),
        compute="_compute_indicators",
    )
    deadline_count = fields.Integer(
        string="Upcoming deadlines",
        compute="_compute_indicators",
        groups="plateforme_refugies.group_counsellor",
        help="Deadlines still to do, due within the next 30 days or overdue.",
    )

    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1)

    def _default_date_to(self):
        return self._default_date_from() + relativedelta(months=1, days=-1)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for dashboard in self:
            dashboard.display_name = self.env._(
                "Dashboard %(date_from)s - %(date_to)s",
                date_from=format_date(self.env, dashboard.date_from),
                date_to=format_date(self.env, dashboard.date_to),
            )

    @api.depends("date_from", "date_to", "site_ids")
    def _compute_indicators(self):
        is_counsellor = self.env.user.has_group("plateforme_refugies.group_counsellor")
        for dashboard in self:
            dashboard.deadline_count = 0
            dashboard.sas_occupancy_rate = dashboard._sas_occupancy_this_week()
            if is_counsellor:
                dashboard.deadline_count = self.env["refugee.deadline"].search_count(
                    dashboard._deadline_domain()
                )
            if not (dashboard.date_from and dashboard.date_to):
                dashboard.update(
                    dict.fromkeys(
                        (
                            "entry_count",
                            "exit_count",
                            "open_count",
                            "successful_exit_rate",
                            "workshop_session_count",
                            "workshop_attendance_rate",
                        ),
                        0,
                    )
                )
                continue
            journeys = dashboard._indicators("refugee.journey.report")
            workshops = dashboard._indicators("refugee.workshop.report")
            dashboard.entry_count = journeys["entries"]
            dashboard.exit_count = journeys["exits"]
            dashboard.open_count = journeys["open"]
            dashboard.successful_exit_rate = journeys["successful_exit_rate"] or 0.0
            dashboard.workshop_session_count = workshops["sessions"]
            dashboard.workshop_attendance_rate = workshops["attendance_rate"] or 0.0

    def _indicators(self, report_model):
        self.ensure_one()
        return self.env[report_model]._period_indicators(
            self.date_from, self.date_to, self.site_ids
        )

    def _sas_occupancy_this_week(self):
        """Average occupancy of the SAS places this week, weighted by capacity."""
        today = fields.Date.context_today(self)
        rows = self.env["refugee.siae.occupancy.report"].search_read(
            [
                ("is_sas_partner", "=", True),
                ("week", "=", today - timedelta(days=today.weekday())),
            ],
            ["capacity", "occupancy_rate"],
        )
        capacity = sum(row["capacity"] for row in rows)
        if not capacity:
            return 0.0
        taken = sum(row["capacity"] * row["occupancy_rate"] for row in rows)
        return taken / capacity

    def _deadline_domain(self):
        horizon = fields.Date.context_today(self) + timedelta(
            days=UPCOMING_DEADLINE_DAYS
        )
        domain = [("is_open", "=", True), ("date_deadline", "<=", horizon)]
        if self.site_ids:
            domain.append(("site_id", "in", self.site_ids.ids))
        return domain

    def _sas_occupancy_by_siae(self):
        """Per SAS partner SIAE, its capacity, the most people hosted on one
        day and the average occupancy over the weeks of the period."""
        self.ensure_one()
        week_from = self.date_from - timedelta(days=self.date_from.weekday())
        return [
            {
                "siae": siae.display_name,
                "capacity": capacity,
                "hosted": hosted,
                "occupancy_rate": rate,
            }
            for siae, capacity, hosted, rate in self.env[
                "refugee.siae.occupancy.report"
            ]._read_group(
                [
                    ("is_sas_partner", "=", True),
                    ("week", ">=", week_from),
                    ("week", "<=", self.date_to),
                ],
                ["siae_id"],
                ["capacity:max", "hosted:max", "occupancy_rate:avg"],
            )
        ]

    def _activity_indicators(self):
        """Every table of the activity report."""
        self.ensure_one()
        return {
            "journeys": self._indicators("refugee.journey.report"),
            "placements": self._indicators("refugee.siae.placement.report"),
            "occupancy": self._sas_occupancy_by_siae(),
            "workshops": self._indicators("refugee.workshop.report"),
            "barriers": self._indicators("refugee.barrier.report"),
            "french": self._indicators("refugee.french.progress.report"),
            "immersions": self._indicators("refugee.immersion.report"),
            "hires": self._indicators("refugee.hire.report"),
            "follow_ups": self._indicators("refugee.hire.follow.up.report"),
            "prospection": self._indicators("refugee.prospection.report"),
        }

    def _open_analysis(self, xmlid, domain=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain or []
        action["context"] = context or {}
        return action

    def _site_domain(self):
        return [("site_id", "in", self.site_ids.ids)] if self.site_ids else []

    def action_open_entries(self):
        self.ensure_one()
        return self._open_analysis(
            "plateforme_refugies.refugee_journey_report_action",
            self._site_domain()
            + [
                ("orientation_date", ">=", self.date_from),
                ("orientation_date", "<=", self.date_to),
            ],
            {"pivot_row_groupby": ["site_id"]},
        )

    def action_open_exits(self):
        self.ensure_one()
        return self._open_analysis(
            "plateforme_refugies.refugee_journey_report_action",
            self._site_domain()
            + [
                ("exit_count", "=", 1),
                ("exit_date", ">=", self.date_from),
                ("exit_date", "<=", self.date_to),
            ],
            {"pivot_row_groupby": ["exit_category"]},
        )

    def action_open_sas_occupancy(self):
        self.ensure_one()
        return self._open_analysis(
            "plateforme_refugies.refugee_siae_occupancy_report_action",
            [
                (
                    "week",
                    ">=",
                    self.date_from - timedelta(days=self.date_from.weekday()),
                ),
                ("week", "<=", self.date_to),
            ],
            {"search_default_sas_partner": 1},
        )

    def action_open_workshops(self):
        self.ensure_one()
        return self._open_analysis(
            "plateforme_refugies.refugee_workshop_report_action",
            self._site_domain()
            + [("date", ">=", self.date_from), ("date", "<=", self.date_to)],
        )

    def action_open_deadlines(self):
        self.ensure_one()
        return self._open_analysis(
            "plateforme_refugies.refugee_deadline_action", self._deadline_domain()
        )

    def action_print(self):
        self.ensure_one()
        action = self.env.ref(
            "plateforme_refugies.refugee_activity_report_action"
        ).report_action(self)
        # the print dialog closes once the PDF is downloaded
        action["close_on_report_download"] = True
        return action
