# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL, format_date, format_datetime, formatLang

from .refugee_presence import DEFAULT_NO_SHOW_THRESHOLD, NO_SHOW_THRESHOLD_PARAMETER

# lines shown per section; the counter and "see all" give the rest
MY_DAY_LINES = 8
# deadlines and activities due within this many days are shown
MY_DAY_HORIZON_DAYS = 7
# partner submissions of the last days
MY_DAY_SUBMISSION_DAYS = 7


class RefugeeMyDay(models.AbstractModel):
    """ "Ma journée": what a counsellor (or the coordinator) has to do today
    and this week, in sections read by the ``plateforme_refugies.my_day``
    client action.

    A section is one method ``_my_day_<key>(period)`` listed by
    ``_my_day_sections``; it returns a dict (see ``_my_day_section``) or None
    when it does not apply to the user. Each costs a fixed number of queries,
    whatever the size of the caseload. Another addon (or a later part of this
    one) adds a section by extending ``_my_day_sections``.
    """

    _name = "refugee.my.day"
    _description = "My day"

    @api.model
    def _my_day_sections(self):
        """The section methods, in the order of the page."""
        return [
            self._my_day_interviews,
            self._my_day_workshops,
            self._my_day_deadlines,
            self._my_day_activities,
            self._my_day_submissions,
            self._my_day_silent_journeys,
            self._my_day_no_shows,
            self._my_day_sas_steps,
            self._my_day_validation,
        ]

    @api.model
    @api.readonly
    def get_my_day(self):
        """Everything the home page shows, for the current user. It writes
        nothing: the web client's call is served on a read-only cursor (the
        read replica, when one is configured)."""
        period = self._my_day_period()
        sections = []
        for section_method in self._my_day_sections():
            section = section_method(period)
            if section is not None:
                sections.append(section)
        return {
            "title": self.env._("My day"),
            "date": format_date(self.env, period["today"], date_format="full"),
            "user": self.env.user.name,
            "sections": sections,
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _my_day_period(self):
        """Today, the end of the week (Sunday) and the UTC bounds of the days
        between them, in the user's time zone."""
        today = fields.Date.context_today(self)
        week_end = today + timedelta(days=6 - today.weekday())
        tz = pytz.timezone(self.env.user.tz or "Europe/Paris")

        def utc(day, moment):
            local = tz.localize(datetime.combine(day, moment))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return {
            "today": today,
            "week_start": today - timedelta(days=today.weekday()),
            "week_end": week_end,
            "today_start": utc(today, time.min),
            "today_end": utc(today, time.max),
            "week_end_utc": utc(week_end, time.max),
            "horizon": today + timedelta(days=MY_DAY_HORIZON_DAYS),
        }

    @api.model
    def _my_day_section(self, key, title, icon, model, domain, lines, count, **extra):
        """A section: its lines (at most MY_DAY_LINES), the count of all its
        records and the list they open (``model`` filtered by ``domain``).

        Each line is a dict: ``res_model``, ``res_id`` (the record it opens),
        ``name``, ``detail``, ``when`` and ``badge`` (``today``, ``late`` or
        ``soon``; its label in ``badge_label``).
        """
        return {
            "key": key,
            "title": title,
            "icon": icon,
            "count": count,
            "lines": lines,
            "res_model": model,
            "domain": domain,
            **extra,
        }

    def _my_day_when(self, value, period):
        """A date or datetime as the counsellor reads it: no seconds."""
        if isinstance(value, datetime):
            return format_datetime(
                self.env, value, tz=self.env.user.tz, dt_format="EEE d MMM HH:mm"
            )
        return format_date(self.env, value, date_format="EEE d MMM")

    def _my_day_badge(self, day, period):
        if day < period["today"]:
            return {"badge": "late", "badge_label": self.env._("Overdue")}
        if day == period["today"]:
            return {"badge": "today", "badge_label": self.env._("Today")}
        return {}

    def _my_day_local_day(self, value):
        """The day of a UTC datetime in the user's time zone."""
        tz = pytz.timezone(self.env.user.tz or "Europe/Paris")
        return pytz.utc.localize(value).astimezone(tz).date()

    def _my_day_fetch(self, model, domain, field_names, order=None):
        """The first MY_DAY_LINES records of ``domain`` and their count."""
        Model = self.env[model]
        records = Model.search_fetch(
            domain, field_names, limit=MY_DAY_LINES, order=order
        )
        count = (
            len(records) if len(records) < MY_DAY_LINES else Model.search_count(domain)
        )
        return records, count

    # ------------------------------------------------------------------
    # Sections
    # ------------------------------------------------------------------

    def _my_day_interviews(self, period):
        domain = [
            ("counsellor_id", "=", self.env.uid),
            ("date", ">=", period["today_start"]),
            ("date", "<=", period["week_end_utc"]),
        ]
        interviews, count = self._my_day_fetch(
            "refugee.interview",
            domain,
            ["date", "kind", "beneficiary_id"],
            order="date, id",
        )
        interviews.beneficiary_id.fetch(["name"])
        kinds = dict(
            self.env["refugee.interview"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        lines = [
            {
                "res_model": interview._name,
                "res_id": interview.id,
                "name": interview.beneficiary_id.name,
                "detail": kinds.get(interview.kind, ""),
                "when": self._my_day_when(interview.date, period),
                **self._my_day_badge(self._my_day_local_day(interview.date), period),
            }
            for interview in interviews
        ]
        return self._my_day_section(
            "interviews",
            self.env._("Interviews this week"),
            "fa-comments",
            "refugee.interview",
            domain,
            lines,
            count,
        )

    def _my_day_workshops(self, period):
        """The workshops this week that I lead or where people of my caseload
        are registered, with the people registered."""
        Registration = self.env["event.registration"]
        domain = [
            ("is_workshop", "=", True),
            ("date_begin", ">=", period["today_start"]),
            ("date_begin", "<=", period["week_end_utc"]),
            "|",
            ("facilitator_user_id", "=", self.env.uid),
            (
                "registration_ids",
                "any",
                [
                    ("beneficiary_id.counsellor_id", "=", self.env.uid),
                    ("state", "!=", "cancel"),
                ],
            ),
        ]
        events, count = self._my_day_fetch(
            "event.event", domain, ["name", "date_begin"], order="date_begin, id"
        )
        people = {}
        for registration in Registration.search_fetch(
            [("event_id", "in", events.ids), ("state", "!=", "cancel")],
            ["event_id", "beneficiary_id", "name"],
            order="event_id, name, id",
        ):
            people.setdefault(registration.event_id.id, []).append(
                registration.beneficiary_id.name or registration.name
            )
        lines = [
            {
                "res_model": event._name,
                "res_id": event.id,
                "name": event.name,
                "detail": ", ".join(people.get(event.id, []))
                or self.env._("Nobody registered yet"),
                "when": self._my_day_when(event.date_begin, period),
                **self._my_day_badge(self._my_day_local_day(event.date_begin), period),
            }
            for event in events
        ]
        return self._my_day_section(
            "workshops",
            self.env._("Workshops this week"),
            "fa-users",
            "event.event",
            domain,
            lines,
            count,
        )

    def _my_day_deadlines(self, period):
        domain = [
            ("user_id", "=", self.env.uid),
            ("activity_id", "!=", False),
            ("date_deadline", "<=", period["horizon"]),
        ]
        deadlines, count = self._my_day_fetch(
            "refugee.deadline",
            domain,
            ["kind", "date_deadline", "res_model", "res_id", "beneficiary_id"],
            order="date_deadline, id",
        )
        deadlines.beneficiary_id.fetch(["name"])
        kinds = dict(
            self.env["refugee.deadline"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        lines = [
            {
                "res_model": deadline.res_model,
                "res_id": deadline.res_id,
                "name": deadline.beneficiary_id.name or kinds.get(deadline.kind),
                "detail": kinds.get(deadline.kind, ""),
                "when": self._my_day_when(deadline.date_deadline, period),
                **self._my_day_badge(deadline.date_deadline, period),
            }
            for deadline in deadlines
        ]
        return self._my_day_section(
            "deadlines",
            self.env._("Deadlines within 7 days"),
            "fa-hourglass-half",
            "refugee.deadline",
            domain,
            lines,
            count,
            late_count=self.env["refugee.deadline"].search_count(
                [*domain, ("date_deadline", "<", period["today"])]
            )
            if count
            else 0,
        )

    def _my_day_activities(self, period):
        """My activities due within 7 days, except the deadlines' ones and the
        meetings of interviews (they have their own sections)."""
        deadline_activities = (
            self.env["refugee.deadline"]
            ._search([("user_id", "=", self.env.uid), ("activity_id", "!=", False)])
            .subselect("activity_id")
        )
        domain = [
            ("user_id", "=", self.env.uid),
            ("date_deadline", "<=", period["horizon"]),
            ("id", "not in", deadline_activities),
            ("calendar_event_id", "=", False),
        ]
        activities, count = self._my_day_fetch(
            "mail.activity",
            domain,
            [
                "summary",
                "activity_type_id",
                "res_model",
                "res_id",
                "res_name",
                "date_deadline",
            ],
            order="date_deadline, id",
        )
        activities.activity_type_id.fetch(["name"])
        lines = [
            {
                "res_model": activity.res_model,
                "res_id": activity.res_id,
                "name": activity.summary or activity.activity_type_id.name,
                "detail": activity.res_name,
                "when": self._my_day_when(activity.date_deadline, period),
                **self._my_day_badge(activity.date_deadline, period),
            }
            for activity in activities
        ]
        return self._my_day_section(
            "activities",
            self.env._("My activities"),
            "fa-check-square-o",
            "mail.activity",
            domain,
            lines,
            count,
        )

    def _my_day_submissions(self, period):
        """What partners sent from the portal in the last days, for my
        caseload: weeks of attendance, end evaluations, tutors' assessments."""
        since = period["today"] - timedelta(days=MY_DAY_SUBMISSION_DAYS)
        since_utc = datetime.combine(since, time.min)
        sources = [
            (
                "refugee.placement.attendance",
                [
                    ("placement_id.counsellor_id", "=", self.env.uid),
                    ("create_date", ">=", since_utc),
                    ("recorded_by_id.user_ids.share", "=", True),
                ],
                "create_date",
                "placement_id",
                self.env._("Weekly attendance"),
            ),
            (
                "refugee.siae.placement",
                [
                    ("counsellor_id", "=", self.env.uid),
                    ("evaluation_date", ">=", since),
                ],
                "evaluation_date",
                None,
                self.env._("End evaluation of the SIAE"),
            ),
            (
                "refugee.immersion",
                [
                    ("counsellor_id", "=", self.env.uid),
                    ("assessment_date", ">=", since),
                ],
                "assessment_date",
                None,
                self.env._("Tutor's assessment"),
            ),
        ]
        lines, count = [], 0
        for model, domain, date_field, parent_field, label in sources:
            records, model_count = self._my_day_fetch(
                model, domain, [date_field], order=f"{date_field} desc, id desc"
            )
            count += model_count
            for record in records:
                target = record[parent_field] if parent_field else record
                day = record[date_field]
                if isinstance(day, datetime):
                    day = self._my_day_local_day(day)
                lines.append(
                    {
                        "res_model": target._name,
                        "res_id": target.id,
                        "name": target.beneficiary_id.name,
                        "detail": label,
                        "when": self._my_day_when(day, period),
                        "sort": day,
                    }
                )
        lines.sort(key=lambda line: line.pop("sort"), reverse=True)
        return self._my_day_section(
            "submissions",
            self.env._("New partner submissions"),
            "fa-inbox",
            None,
            None,
            lines[:MY_DAY_LINES],
            count,
        )

    def _my_day_silent_journeys(self, period):
        """My open journeys without an interview for as long as the "No
        interview" rule of the deadline clock says."""
        rule = self.env["refugee.deadline.rule"].search(
            [("kind", "=", "no_interview")], limit=1
        )
        if not rule:
            return None
        limit = period["today"] - rule._get_delta()
        domain = [
            ("counsellor_id", "=", self.env.uid),
            ("state", "not in", ("closed", "exited", "follow_up")),
            "|",
            ("last_interview_date", "<=", limit),
            "&",
            ("last_interview_date", "=", False),
            ("orientation_date", "<=", limit),
        ]
        journeys, count = self._my_day_fetch(
            "refugee.journey",
            domain,
            ["beneficiary_id", "last_interview_date", "orientation_date", "name"],
            order="last_interview_date asc nulls first, orientation_date, id",
        )
        journeys.beneficiary_id.fetch(["name"])
        lines = [
            {
                "res_model": journey._name,
                "res_id": journey.id,
                "name": journey.beneficiary_id.name,
                "detail": self.env._(
                    "Last interview on %(date)s",
                    date=format_date(self.env, journey.last_interview_date),
                )
                if journey.last_interview_date
                else self.env._("No interview yet"),
                "when": journey.name,
            }
            for journey in journeys
        ]
        return self._my_day_section(
            "silent_journeys",
            self.env._(
                "Files without an interview for %(delay)s %(unit)s",
                delay=formatLang(
                    self.env, rule.delay, digits=1 if rule.delay % 1 else 0
                ),
                unit=dict(rule._fields["delay_unit"]._description_selection(self.env))[
                    rule.delay_unit
                ].lower(),
            ),
            "fa-bell-slash",
            "refugee.journey",
            domain,
            lines,
            count,
        )

    def _my_day_no_shows(self, period):
        """The people of my caseload (a journey not closed) who missed two
        appointments in a row without excuse, or whose no-show rate is above
        the setting's, the last absence first."""
        threshold = float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(NO_SHOW_THRESHOLD_PARAMETER, DEFAULT_NO_SHOW_THRESHOLD)
        )
        Beneficiary = self.env["refugee.beneficiary"]
        caseload = Beneficiary._search(
            [
                ("counsellor_id", "=", self.env.uid),
                ("journey_ids", "any", [("state", "!=", "closed")]),
            ]
        )
        rows = sorted(
            (
                row
                for row in Beneficiary._read_no_shows(SQL("(%s)", caseload.subselect()))
                if row[1] or row[2] > threshold
            ),
            key=lambda row: (row[3], row[0]),
            reverse=True,
        )
        people = Beneficiary.browse([row[0] for row in rows[:MY_DAY_LINES]])
        people.fetch(["name"])
        lines = [
            {
                "res_model": person._name,
                "res_id": person.id,
                "name": person.name,
                "detail": self.env._("Two unexcused absences in a row")
                if twice
                else self.env._(
                    "No-show rate: %(rate)s %%",
                    rate=formatLang(self.env, rate, digits=0),
                ),
                "when": self._my_day_when(self._my_day_local_day(last_absence), period),
            }
            for person, (_id, twice, rate, last_absence) in zip(
                people, rows[:MY_DAY_LINES], strict=True
            )
        ]
        return self._my_day_section(
            "no_shows",
            self.env._("Missed appointments"),
            "fa-user-times",
            "refugee.beneficiary",
            [("id", "in", [row[0] for row in rows])],
            lines,
            len(rows),
        )

    def _my_day_sas_steps(self, period):
        """SAS steps (placements) of my caseload starting or ending this week."""
        week = (period["week_start"], period["week_end"])
        domain = [
            ("counsellor_id", "=", self.env.uid),
            ("is_sas", "=", True),
            ("state", "!=", "cancelled"),
            "|",
            "&",
            ("date_start", ">=", week[0]),
            ("date_start", "<=", week[1]),
            "&",
            ("date_end", ">=", week[0]),
            ("date_end", "<=", week[1]),
        ]
        placements, count = self._my_day_fetch(
            "refugee.siae.placement",
            domain,
            ["beneficiary_id", "siae_id", "date_start", "date_end"],
            order="date_start, id",
        )
        placements.beneficiary_id.fetch(["name"])
        placements.siae_id.fetch(["name"])
        lines = []
        for placement in placements:
            starts = week[0] <= placement.date_start <= week[1]
            day = placement.date_start if starts else placement.date_end
            lines.append(
                {
                    "res_model": placement._name,
                    "res_id": placement.id,
                    "name": placement.beneficiary_id.name,
                    "detail": (
                        self.env._("Starts at %(siae)s", siae=placement.siae_id.name)
                        if starts
                        else self.env._("Ends at %(siae)s", siae=placement.siae_id.name)
                    ),
                    "when": self._my_day_when(day, period),
                    **(
                        {"badge": "today", "badge_label": self.env._("Today")}
                        if day == period["today"]
                        else {}
                    ),
                }
            )
        return self._my_day_section(
            "sas_steps",
            self.env._("SAS steps this week"),
            "fa-exchange",
            "refugee.siae.placement",
            domain,
            lines,
            count,
        )

    def _my_day_validation(self, period):
        """The coordinator's queue: follow-ups waiting for validation."""
        if not self.env.user.has_group("plateforme_refugies.group_coordinator"):
            return None
        domain = [
            ("state", "in", ("exited", "follow_up")),
            ("follow_up_validated_by_id", "=", False),
        ]
        journeys, count = self._my_day_fetch(
            "refugee.journey",
            domain,
            ["beneficiary_id", "name", "exit_date"],
            order="exit_date, id",
        )
        journeys.beneficiary_id.fetch(["name"])
        lines = [
            {
                "res_model": journey._name,
                "res_id": journey.id,
                "name": journey.beneficiary_id.name,
                "detail": journey.name,
                "when": self._my_day_when(journey.exit_date, period)
                if journey.exit_date
                else "",
            }
            for journey in journeys
        ]
        return self._my_day_section(
            "validation",
            self.env._("Follow-ups to validate"),
            "fa-check-circle",
            "refugee.journey",
            domain,
            lines,
            count,
        )
