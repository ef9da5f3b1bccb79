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

    def test_attendees_added_in_the_calendar_stay(self):
        """A re-synced interview only adds and removes its own attendees."""
        interview = self._plan(date=datetime(2026, 3, 10, 9, 0))
        # read as the administrator: the meeting is private to its attendees
        event = self.env["calendar.event"].browse(interview.calendar_event_id.id)
        colleague = self.coordinator.partner_id
        event.with_user(self.counsellor_north).partner_ids |= colleague
        # a new date, then another counsellor: the colleague stays invited
        interview.with_user(self.counsellor_north).date = datetime(2026, 3, 11, 9, 0)
        self.assertEqual(
            event.partner_ids, self.counsellor_north.partner_id | colleague
        )
        other = self._counsellor(
            "test_cip_north_2", self.site_north, name="Second Counsellor North"
        )
        interview.counsellor_id = other
        # the first counsellor's reads hid the meeting, now another one's
        # private meeting, in the cache: read it again as the administrator
        event.invalidate_recordset()
        self.assertEqual(event.partner_ids, other.partner_id | colleague)
        self.assertEqual(event.attendee_ids.partner_id, event.partner_ids)

    def test_interviews_recorded_before_the_upgrade_get_their_meeting(self):
        """What the migration to 18.0.2.2.0 runs: the interviews of today
        and later without a meeting get one, without a new invitation."""
        self.counsellor_north.email = "cip.nord@example.com"
        past, this_morning, later, with_meeting = (
            self._plan(date=datetime(2026, 3, 1, 9, 0)),
            self._plan(date=datetime(2026, 3, 2, 7, 0)),
            self._plan(date=datetime(2026, 3, 20, 14, 0), duration=2.0),
            self._plan(date=datetime(2026, 3, 21, 9, 0)),
        )
        meeting = with_meeting.calendar_event_id
        # recorded before the upgrade: no meeting
        (past | this_morning | later).calendar_event_id.unlink()
        self.assertFalse((past | this_morning | later).calendar_event_id)
        done = self.env["refugee.interview"]._create_missing_calendar_events()
        self.assertEqual(done, this_morning | later)
        self.assertFalse(past.calendar_event_id)
        self.assertEqual(with_meeting.calendar_event_id, meeting)
        event = later.calendar_event_id
        self.assertEqual(
            (event.start, event.stop, event.user_id, event.privacy),
            (
                datetime(2026, 3, 20, 14, 0),
                datetime(2026, 3, 20, 16, 0),
                self.counsellor_north,
                "private",
            ),
        )
        self.assertEqual(event.partner_ids, self.counsellor_north.partner_id)
        self.assertEqual(event.res_id, self.journey.id)
        invitations = self.env["mail.message"].search(
            [
                ("model", "=", "calendar.event"),
                ("res_id", "in", done.calendar_event_id.ids),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertFalse(invitations)
        # run again: nothing more
        self.assertFalse(
            self.env["refugee.interview"]._create_missing_calendar_events()
        )

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
