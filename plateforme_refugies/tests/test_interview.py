# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import RefugeeCase


@freeze_time("2026-03-02 09:00:00")
class TestInterview(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.referent = cls.env["res.partner"].create(
            {"name": "Nathalie Girard", "email": "n.girard@cada.example"}
        )
        cls.interpreter = cls.env["res.partner"].create({"name": "Farid Haidari"})
        cls.beneficiary = cls._create_beneficiary(
            "Ahmad Rahimi", social_referent_id=cls.referent.id
        )
        cls.journey = cls._create_journey(cls.beneficiary)
        # the referent and the interpreter are invited with the person's consent
        kinds = {
            cls.referent: cls.env.ref("plateforme_refugies.partner_type_accommodation"),
            cls.interpreter: cls.env.ref(
                "plateforme_refugies.partner_type_association"
            ),
        }
        for partner, kind in kinds.items():
            partner.refugee_partner_type_ids = kind
            cls.env["refugee.consent"].create(
                {
                    "beneficiary_id": cls.beneficiary.id,
                    "partner_type_id": kind.id,
                    "given_on": date(2026, 2, 1),
                }
            )

    def _create_interview(self, **values):
        return (
            self.env["refugee.interview"]
            .with_user(self.counsellor_north)
            .create({"journey_id": self.journey.id, **values})
        )

    def test_interview_goes_in_the_journey_history(self):
        interview = self._create_interview(
            kind="diagnostic",
            date=datetime(2026, 2, 20, 10, 0),
            interpreter_id=self.interpreter.id,
            achieved="<p>Parcours et souhaits</p>",
        )
        self.assertEqual(interview.counsellor_id, self.counsellor_north)
        self.assertEqual(interview.social_referent_id, self.referent)
        self.assertEqual(interview.site_id, self.site_north)
        self.assertEqual(self.journey.interview_count, 1)
        self.assertEqual(self.journey.last_interview_date, date(2026, 2, 20))
        note = self.journey.message_ids.filtered(
            lambda m: "refugee.interview" in m.body
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Test Counsellor North", note.body)

        self._create_interview(date=datetime(2026, 3, 1, 14, 0))
        self.assertEqual(self.journey.last_interview_date, date(2026, 3, 1))

    def test_schedule_in_calendar_with_attendees(self):
        interview = self._create_interview(
            date=datetime(2026, 3, 5, 9, 0),
            duration=1.5,
            interpreter_id=self.interpreter.id,
        )
        action = interview.action_schedule_in_calendar()
        event = interview.calendar_event_id
        self.assertEqual(action["res_id"], event.id)
        self.assertEqual(
            event.partner_ids,
            self.counsellor_north.partner_id | self.referent | self.interpreter,
        )
        self.assertEqual(event.start, datetime(2026, 3, 5, 9, 0))
        self.assertEqual(event.stop, datetime(2026, 3, 5, 10, 30))
        self.assertEqual(event.privacy, "private")
        self.assertEqual(
            (event.res_model, event.res_id), ("refugee.journey", self.journey.id)
        )
        # scheduling again opens the same event
        interview.action_schedule_in_calendar()
        self.assertEqual(interview.calendar_event_id, event)

    def test_email_the_social_referent(self):
        action = self.journey.with_user(
            self.counsellor_north
        ).action_email_social_referent()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["context"]["default_partner_ids"], self.referent.ids)
        # the referent is the one of the file, editable from the journey
        other = self.env["res.partner"].create({"name": "Thomas Renard"})
        self.journey.with_user(self.counsellor_north).social_referent_id = other
        self.assertEqual(self.beneficiary.social_referent_id, other)
        with self.assertRaisesRegex(UserError, "e-mail address"):
            self.journey.action_email_social_referent()

    def test_interviews_follow_the_sites(self):
        interview = self._create_interview()
        with self.assertRaises(AccessError):
            interview.with_user(self.counsellor_south).read(["kind"])
        with self.assertRaises(AccessError):
            interview.with_user(self.reader).read(["kind"])
        south_journey = self._create_journey(
            self._create_beneficiary("Yonas Tekle", site=self.site_south)
        )
        with self.assertRaises(AccessError):
            self.env["refugee.interview"].with_user(self.counsellor_north).create(
                {"journey_id": south_journey.id}
            )

    def test_activity_types_of_the_app(self):
        interview_type = self.env.ref(
            "plateforme_refugies.mail_activity_type_interview"
        )
        self.assertEqual(interview_type.res_model, "refugee.journey")
        self.assertEqual(
            (interview_type.delay_count, interview_type.delay_unit), (14, "days")
        )
        renewal = self.env.ref(
            "plateforme_refugies.mail_activity_type_document_renewal"
        )
        self.assertEqual(renewal.res_model, "refugee.beneficiary")
