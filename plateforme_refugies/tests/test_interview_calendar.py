# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import RefugeeCase, RefugeeTourCase


@freeze_time("2026-03-02 09:00:00")
class TestInterviewCalendar(RefugeeCase):
    """An interview is an event of the counsellor's calendar from its
    creation, and moving the event moves the interview."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls._create_beneficiary("Zahra Ahmadi")
        cls.journey = cls._create_journey(cls.beneficiary)

    def _plan(self, **values):
        return (
            self.env["refugee.interview"]
            .with_user(self.counsellor_north)
            .create({"journey_id": self.journey.id, **values})
        )

    def test_planning_puts_it_in_the_calendar(self):
        interview = self._plan(date=datetime(2026, 3, 10, 9, 0), duration=1.5)
        event = interview.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.user_id, self.counsellor_north)
        self.assertEqual(event.partner_ids, self.counsellor_north.partner_id)
        self.assertEqual(
            (event.start, event.stop),
            (datetime(2026, 3, 10, 9, 0), datetime(2026, 3, 10, 10, 30)),
        )
        self.assertEqual(event.privacy, "private")
        # a new date on the interview moves its event
        interview.date = datetime(2026, 3, 11, 14, 0)
        self.assertEqual(event.start, datetime(2026, 3, 11, 14, 0))
        self.assertEqual(event.stop, datetime(2026, 3, 11, 15, 30))

    def test_the_person_with_an_account_is_invited(self):
        new_test_user(
            self.env,
            "zahra_portal",
            groups="base.group_portal",
            partner_id=self.beneficiary.partner_id.id,
        )
        interview = self._plan(date=datetime(2026, 3, 10, 9, 0))
        self.assertEqual(
            interview.calendar_event_id.partner_ids,
            self.counsellor_north.partner_id | self.beneficiary.partner_id,
        )

    def test_moving_the_event_moves_the_interview(self):
        interview = self._plan(date=datetime(2026, 3, 10, 9, 0))
        event = interview.calendar_event_id.with_user(self.counsellor_north)
        event.write(
            {
                "start": datetime(2026, 3, 12, 13, 0),
                "stop": datetime(2026, 3, 12, 15, 0),
            }
        )
        self.assertEqual(interview.date, datetime(2026, 3, 12, 13, 0))
        self.assertEqual(interview.duration, 2.0)
        # another site's counsellor cannot move it through the calendar
        with self.assertRaises(AccessError):
            event.with_user(self.counsellor_south).write(
                {"start": datetime(2026, 3, 13, 13, 0)}
            )
        self.assertEqual(interview.date, datetime(2026, 3, 12, 13, 0))


@tagged("post_install", "-at_install")
class TestInterviewCalendarTour(RefugeeTourCase):
    def test_interview_planned_then_moved_in_the_calendar(self):
        site, counsellor = self._site_with_user(
            "Tour Agenda", "TAG", "tour_cip_agenda", "Tour Agenda"
        )
        counsellor.tz = "Europe/Paris"
        beneficiary = self.env["refugee.beneficiary"].create(
            {
                "name": "Zahra Tour-Calendrier",
                "birthdate": "1994-06-01",
                "site_id": site.id,
                "counsellor_id": counsellor.id,
            }
        )
        journey = self.env["refugee.journey"].create({"beneficiary_id": beneficiary.id})
        self.start_tour(
            "/odoo/interviews",
            "plateforme_refugies_interview_calendar_tour",
            login="tour_cip_agenda",
        )
        interview = journey.interview_ids
        self.assertEqual(len(interview), 1)
        # 14:00 in the browser's time zone (Blois or UTC)
        self.assertIn(
            interview.date,
            (datetime(2030, 1, 16, 13, 0), datetime(2030, 1, 16, 14, 0)),
        )
        self.assertEqual(interview.calendar_event_id.start, interview.date)
        self.assertEqual(interview.calendar_event_id.user_id, counsellor)
