# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.refugee_deadline_rule import DEADLINE_KINDS
from .common import RefugeeCase
from .common_siae import SiaeCase
from .employer_common import EmployerCase


@freeze_time("2026-03-02")
class TestDeadlineClock(RefugeeCase):
    """Each rule creates its deadline once, on the right day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Deadline = cls.env["refugee.deadline"]
        cls.beneficiary = cls._create_beneficiary("Yonas Tekle")
        cls.journey = cls._create_journey(cls.beneficiary)

    def _run_clock(self, day):
        with freeze_time(day):
            self.Deadline._cron_create_deadlines()

    def _deadlines(self, kind, source):
        return self.Deadline.search(
            [
                ("kind", "=", kind),
                ("res_model", "=", source._name),
                ("res_id", "=", source.id),
            ]
        )

    def _assert_created_once_on(self, kind, source, day, due_date):
        """Nothing the day before, one deadline on the day, still one after."""
        day_before = date.fromordinal(day.toordinal() - 1)
        day_after = date.fromordinal(day.toordinal() + 1)
        self._run_clock(day_before)
        self.assertFalse(self._deadlines(kind, source), f"{kind} too early")
        self._run_clock(day)
        deadline = self._deadlines(kind, source)
        self.assertEqual(len(deadline), 1, f"{kind} on its day")
        self._run_clock(day_after)
        self.assertEqual(self._deadlines(kind, source), deadline, f"{kind} once")
        self.assertEqual(deadline.date_deadline, due_date)
        activity = deadline.activity_id
        self.assertTrue(activity)
        self.assertEqual(activity.date_deadline, due_date)
        self.assertTrue(activity.automated)
        return deadline

    def test_residence_permit_expires_within_60_days(self):
        self.beneficiary.residence_permit_expiry = date(2026, 5, 1)
        deadline = self._assert_created_once_on(
            "residence_permit", self.beneficiary, date(2026, 3, 2), date(2026, 5, 1)
        )
        self.assertEqual(deadline.user_id, self.counsellor_north)
        self.assertEqual(deadline.journey_id, self.journey)
        self.assertEqual(deadline.site_id, self.site_north)
        self.assertEqual(deadline.source_ref, self.beneficiary)
        activity = deadline.activity_id
        self.assertEqual(
            (activity.res_model, activity.res_id),
            ("refugee.beneficiary", self.beneficiary.id),
        )
        self.assertEqual(activity.user_id, self.counsellor_north)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("plateforme_refugies.mail_activity_type_document_renewal"),
        )
        # a renewed card gives a new deadline, later
        self.beneficiary.residence_permit_expiry = date(2026, 5, 20)
        self._run_clock(date(2026, 3, 21))
        self.assertEqual(len(self._deadlines("residence_permit", self.beneficiary)), 2)

    def test_no_interview_for_six_weeks(self):
        self.env["refugee.interview"].create(
            {"journey_id": self.journey.id, "date": datetime(2026, 1, 20, 10, 0)}
        )
        deadline = self._assert_created_once_on(
            "no_interview", self.journey, date(2026, 3, 3), date(2026, 3, 3)
        )
        self.assertEqual(deadline.activity_id.res_model, "refugee.journey")
        self.assertEqual(deadline.activity_id.user_id, self.counsellor_north)
        # an interview starts the clock again; a closed journey has none
        with freeze_time("2026-03-04"):
            self.env["refugee.interview"].create({"journey_id": self.journey.id})
        self._run_clock(date(2026, 4, 14))
        self.assertEqual(len(self._deadlines("no_interview", self.journey)), 1)
        self._run_clock(date(2026, 4, 15))
        self.assertEqual(len(self._deadlines("no_interview", self.journey)), 2)

    def test_no_interview_at_all_counts_from_the_orientation(self):
        # oriented on 2026-01-05, never met: due six weeks later
        self._run_clock(date(2026, 2, 15))
        self.assertFalse(self._deadlines("no_interview", self.journey))
        self._run_clock(date(2026, 2, 16))
        self.assertEqual(
            self._deadlines("no_interview", self.journey).date_deadline,
            date(2026, 2, 16),
        )

    def test_enrolment_ends_within_30_days(self):
        cej = self.env["refugee.enrolment"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "scheme": "cej",
                "start_date": date(2025, 10, 1),
                "end_date": date(2026, 4, 1),
            }
        )
        deadline = self._assert_created_once_on(
            "enrolment_end", cej, date(2026, 3, 2), date(2026, 4, 1)
        )
        # the activity goes on the person's file
        self.assertEqual(
            (deadline.activity_id.res_model, deadline.activity_id.res_id),
            ("refugee.beneficiary", self.beneficiary.id),
        )

    def test_agir_ends_24_months_after_entry_and_cir_after_a_year(self):
        agir = self.env["refugee.enrolment"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "scheme": "agir",
                "start_date": date(2024, 4, 1),
            }
        )
        self.assertEqual(agir.end_date, date(2026, 4, 1))
        self._assert_created_once_on(
            "enrolment_end", agir, date(2026, 3, 2), date(2026, 4, 1)
        )
        cir = self.env["refugee.enrolment"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "scheme": "cir",
                "start_date": date(2025, 6, 10),
            }
        )
        self.assertEqual(cir.end_date, date(2026, 6, 10))

    def test_agreement_ends_soon(self):
        partner = self.env["res.partner"].create({"name": "ALIRE", "is_company": True})
        agreement = self.env["refugee.partnership.agreement"].create(
            {
                "name": "Ateliers FLE",
                "partner_id": partner.id,
                "start_date": date(2025, 5, 1),
                "end_date": date(2026, 5, 1),
                "user_id": self.coordinator.id,
            }
        )
        deadline = self._assert_created_once_on(
            "agreement_end", agreement, date(2026, 3, 2), date(2026, 5, 1)
        )
        self.assertEqual(deadline.user_id, self.coordinator)
        self.assertFalse(deadline.beneficiary_id)
        self.assertEqual(deadline.activity_id.res_model, agreement._name)

    def test_delays_are_settings(self):
        rule = self.env.ref("plateforme_refugies.deadline_rule_residence_permit")
        rule.with_user(self.coordinator).write({"delay": 3, "delay_unit": "months"})
        self.beneficiary.residence_permit_expiry = date(2026, 5, 28)
        self._run_clock(date(2026, 2, 27))
        self.assertFalse(self._deadlines("residence_permit", self.beneficiary))
        self._run_clock(date(2026, 2, 28))
        self.assertTrue(self._deadlines("residence_permit", self.beneficiary))
        # a month fraction counts 30 days a month (3.5 months for the SAS)
        rule.delay = 3.5
        self.assertEqual(date(2026, 1, 1) + rule._get_delta(), date(2026, 4, 16))
        rule.active = False
        self.beneficiary.residence_permit_expiry = date(2026, 3, 10)
        self._run_clock(date(2026, 3, 2))
        self.assertEqual(len(self._deadlines("residence_permit", self.beneficiary)), 1)
        with self.assertRaises(AccessError):
            rule.with_user(self.counsellor_north).delay = 10

    def test_every_kind_of_rule_has_its_finder(self):
        Deadline = self.env["refugee.deadline"]
        kinds = {kind for kind, __ in DEADLINE_KINDS}
        self.assertEqual(set(Deadline._deadline_finders()), kinds)
        rules = self.env["refugee.deadline.rule"].with_context(active_test=False)
        self.assertEqual(set(rules.search([]).mapped("kind")), kinds)

    def test_deadlines_view_is_the_caseload_soonest_first(self):
        self.beneficiary.residence_permit_expiry = date(2026, 4, 20)
        other = self._create_beneficiary(
            "Hewan Gebremedhin", residence_permit_expiry=date(2026, 3, 20)
        )
        south = self._create_beneficiary(
            "Idriss Mahamat",
            site=self.site_south,
            residence_permit_expiry=date(2026, 3, 10),
        )
        self._run_clock(date(2026, 3, 2))
        Deadline = self.Deadline.with_user(self.counsellor_north)
        mine = Deadline.search(
            [("user_id", "=", self.counsellor_north.id), ("is_open", "=", True)]
        )
        self.assertEqual(
            mine.filtered(lambda d: d.kind == "residence_permit").beneficiary_id,
            other | self.beneficiary,
        )
        self.assertEqual(
            mine.mapped("date_deadline"), sorted(mine.mapped("date_deadline"))
        )
        self.assertFalse(Deadline.search([("beneficiary_id", "=", south.id)]))
        # done activity: the deadline is no longer to do
        deadline = self._deadlines("residence_permit", other)
        deadline.activity_id.action_feedback(feedback="Titre renouvelé")
        deadline.invalidate_recordset()
        self.assertFalse(deadline.is_open)


@tagged("is_query_count")
@freeze_time("2026-03-02")
class TestDeadlineClockQueries(RefugeeCase):
    def _add_journeys(self, count, prefix):
        beneficiaries = self.env["refugee.beneficiary"].create(
            [
                {
                    "name": f"{prefix} Person {i}",
                    "birthdate": date(1990, 1, 1),
                    "site_id": self.site_north.id,
                    "counsellor_id": self.counsellor_north.id,
                    "residence_permit_expiry": date(2026, 4, 1),
                }
                for i in range(count)
            ]
        )
        self.env["refugee.enrolment"].create(
            [
                {
                    "beneficiary_id": b.id,
                    "scheme": "cej",
                    "start_date": date(2025, 6, 1),
                    "end_date": date(2026, 3, 20),
                }
                for b in beneficiaries
            ]
        )
        journeys = self.env["refugee.journey"].create(
            [
                {"beneficiary_id": b.id, "orientation_date": date(2026, 1, 5)}
                for b in beneficiaries
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return journeys

    def _count_clock(self, **kwargs):
        """Queries of one run of the clock, its writes flushed, and what it
        created."""
        self.env.flush_all()
        start = self.cr.sql_log_count
        created = self.env["refugee.deadline"]._cron_create_deadlines(**kwargs)
        self.env.flush_all()
        return self.cr.sql_log_count - start, created

    def test_query_count_does_not_grow_with_the_journeys(self):
        """The first run over new journeys creates their deadlines and
        activities in batches: the same queries for 3 or 12 journeys."""
        Deadline = self.env["refugee.deadline"]
        # warm-up: the deadlines of other data, and the caches
        Deadline._cron_create_deadlines()
        self._add_journeys(1, "One")
        Deadline._cron_create_deadlines()

        self._add_journeys(3, "Three")
        queries_for_three, created = self._count_clock()
        # 3 per person: residence permit, scheme enrolment, no interview
        self.assertEqual(len(created), 9)
        self.assertEqual(len(created.activity_id), 9)

        self._add_journeys(12, "Twelve")
        queries_for_twelve, created = self._count_clock()
        self.assertEqual(len(created), 36)
        self.assertEqual(len(created.activity_id), 36)
        self.assertEqual(
            queries_for_twelve,
            queries_for_three,
            "the clock costs the same queries for 3 or 12 journeys",
        )
        # the journeys' deadlines and their activities, as for one journey
        journey_deadlines = created.filtered(lambda d: d.kind == "no_interview")
        self.assertEqual(len(journey_deadlines), 12)
        for deadline in journey_deadlines:
            self.assertEqual(deadline.user_id, self.counsellor_north)
            self.assertEqual(deadline.site_id, self.site_north)
            self.assertEqual(
                deadline.beneficiary_id, deadline.journey_id.beneficiary_id
            )
            self.assertEqual(
                (deadline.activity_id.res_model, deadline.activity_id.res_id),
                ("refugee.journey", deadline.journey_id.id),
            )
        permits = created.filtered(lambda d: d.kind == "residence_permit")
        self.assertEqual(permits.journey_id, permits.beneficiary_id.current_journey_id)

    def test_query_budget_of_the_clock(self):
        """Budgets: the first run over 12 new journeys (36 deadlines and
        activities), then a daily run that finds them all known."""
        Deadline = self.env["refugee.deadline"]
        Deadline._cron_create_deadlines()  # warm-up
        self._add_journeys(1, "One")
        Deadline._cron_create_deadlines()
        self._add_journeys(12, "Twelve")
        with self.assertQueryCount(32):
            created = Deadline._cron_create_deadlines()
        self.assertEqual(len(created), 36)
        with self.assertQueryCount(8):
            created = Deadline._cron_create_deadlines()
        self.assertFalse(created)

    def test_a_run_stores_a_batch_and_the_scheduler_runs_the_rest(self):
        """The first run over a whole caseload is cut in batches, the soonest
        deadlines first; the scheduler runs the clock again while some
        remain."""
        Deadline = self.env["refugee.deadline"]
        Deadline._cron_create_deadlines()  # the deadlines of other data
        self._add_journeys(3, "Three")  # 9 new deadlines
        cron = self.env.ref("plateforme_refugies.ir_cron_refugee_deadlines")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        clock = Deadline.with_context(ir_cron_progress_id=progress.id)
        first = clock._cron_create_deadlines(batch_size=4)
        self.assertEqual(len(first), 4)
        self.assertEqual((progress.done, progress.remaining), (4, 5))
        rest = clock._cron_create_deadlines(batch_size=4)
        rest |= clock._cron_create_deadlines(batch_size=4)
        self.assertEqual(len(rest), 5)
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertLessEqual(
            max(first.mapped("date_deadline")), min(rest.mapped("date_deadline"))
        )
        self.assertFalse(clock._cron_create_deadlines(batch_size=4))

    def test_a_batch_keeps_to_the_budget_whatever_remains(self):
        """A run stores one batch: its queries stay within the budget of a
        whole first run over 12 journeys, however many deadlines remain."""
        Deadline = self.env["refugee.deadline"]
        Deadline._cron_create_deadlines()  # warm-up
        self._add_journeys(1, "One")
        Deadline._cron_create_deadlines()
        self._add_journeys(40, "Forty")  # 120 new deadlines
        with self.assertQueryCount(32):
            created = Deadline._cron_create_deadlines(batch_size=36)
        self.assertEqual(len(created), 36)
        self.assertEqual(len(created.activity_id), 36)


@freeze_time("2026-03-02")
class TestDeadlineSas(SiaeCase):
    def test_sas_reaches_three_months_and_a_half(self):
        journey = self.north_journey
        placements = self._place(
            journey, self.farm, date(2026, 1, 12), date(2026, 2, 20)
        ) | self._place(journey, self.cleaning, date(2026, 2, 21), date(2026, 5, 10))
        Deadline = self.env["refugee.deadline"]

        def sas_deadlines():
            return Deadline.search(
                [("kind", "=", "sas_duration"), ("res_id", "=", journey.id)]
            )

        # 2026-01-12 + 3 months and 15 days
        with freeze_time("2026-04-26"):
            Deadline._cron_create_deadlines()
        self.assertFalse(sas_deadlines())
        for day in ("2026-04-27", "2026-04-28"):
            with freeze_time(day):
                Deadline._cron_create_deadlines()
        deadline = sas_deadlines()
        self.assertEqual(len(deadline), 1)
        self.assertEqual(deadline.date_deadline, date(2026, 4, 27))
        self.assertEqual(deadline.activity_id.user_id, self.counsellor_north)
        # once the SAS outcome is known, nothing more to prepare
        for placement in placements:
            placement.action_start()
            placement.action_done()
        journey.sas_outcome = "other"
        deadline.unlink()
        with freeze_time("2026-04-29"):
            Deadline._cron_create_deadlines()
        self.assertFalse(sas_deadlines())


class TestDeadlinePmsmp(EmployerCase):
    def test_pmsmp_ends_within_three_days_without_assessment(self):
        immersion = self._create_immersion(date_end=date(2026, 3, 13))
        immersion.action_sign()
        Deadline = self.env["refugee.deadline"]

        def pmsmp_deadlines():
            return Deadline.search(
                [
                    ("kind", "=", "pmsmp_end"),
                    ("res_model", "=", "refugee.immersion"),
                    ("res_id", "=", immersion.id),
                ]
            )

        with freeze_time("2026-03-09"):
            Deadline._cron_create_deadlines()
        self.assertFalse(pmsmp_deadlines(), "more than 3 days before the end")
        for day in ("2026-03-10", "2026-03-11"):
            with freeze_time(day):
                Deadline._cron_create_deadlines()
        deadline = pmsmp_deadlines()
        self.assertEqual(len(deadline), 1)
        self.assertEqual(deadline.date_deadline, date(2026, 3, 13))
        self.assertEqual(deadline.beneficiary_id, self.north_file)
        self.assertEqual(deadline.activity_id.user_id, self.counsellor_north)
        self.assertEqual(deadline.activity_id.res_model, "refugee.immersion")

    def test_assessed_pmsmp_needs_no_reminder(self):
        immersion = self._create_immersion(date_end=date(2026, 3, 13))
        immersion.action_sign()
        immersion.action_start()
        immersion.write({"assessment_result": "good"})
        immersion.action_done()
        with freeze_time("2026-03-11"):
            created = self.env["refugee.deadline"]._cron_create_deadlines()
        self.assertFalse(created.filtered(lambda d: d.kind == "pmsmp_end"))
