# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import RefugeeCase

REFUSED = "has not consented"


@freeze_time("2026-03-02 09:00:00")
class TestPrivacyConsent(RefugeeCase):
    """Nothing about a person leaves the platform through Odoo's apps without
    their consent for the recipient's kind: the counsellor is told at once,
    nothing is queued, and a withdrawal stops the next e-mails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.kind_accommodation = cls.env.ref(
            "plateforme_refugies.partner_type_accommodation"
        )
        cls.kind_employer = cls.env.ref("plateforme_refugies.partner_type_employer")
        cada = Partner.create(
            {
                "name": "Test CADA de Blois",
                "is_company": True,
                "refugee_partner_type_ids": [Command.set(cls.kind_accommodation.ids)],
            }
        )
        cls.referent = Partner.create(
            {
                "name": "Nathalie Girard",
                "parent_id": cada.id,
                "email": "n.girard@cada.example",
            }
        )
        employer = Partner.create(
            {
                "name": "Test La Loire Gourmande",
                "is_company": True,
                "refugee_partner_type_ids": [Command.set(cls.kind_employer.ids)],
            }
        )
        cls.tutor = new_test_user(
            cls.env,
            "test_consent_tutor",
            groups="base.group_portal",
            name="Sandrine Lemaire",
            partner_id=Partner.create(
                {
                    "name": "Sandrine Lemaire",
                    "parent_id": employer.id,
                    "email": "s.lemaire@loire-gourmande.example",
                }
            ).id,
        )
        cls.person = cls._create_beneficiary(
            "Ahmad Rahimi",
            email="ahmad.rahimi@example.com",
            social_referent_id=cls.referent.id,
        )
        cls.journey = cls._create_journey(cls.person)
        cls.counsellor = cls.counsellor_north
        cls.nothing = (cls.env["mail.mail"], cls.env["mail.notification"])

    def _sent_to(self, partner):
        """The e-mails queued for ``partner`` and their notifications (the
        test mode sends and deletes the e-mails forced out at once)."""
        mails = self.env["mail.mail"].search(
            [
                "|",
                ("recipient_ids", "in", partner.ids),
                ("email_to", "ilike", partner.email),
            ]
        )
        notifications = self.env["mail.notification"].search(
            [("res_partner_id", "=", partner.id)]
        )
        return mails, notifications

    def _consent(self, kind):
        return (
            self.env["refugee.consent"]
            .with_user(self.counsellor)
            .create(
                {
                    "beneficiary_id": self.person.id,
                    "partner_type_id": kind.id,
                    "given_on": date(2026, 2, 1),
                }
            )
        )

    def _interview(self):
        return (
            self.env["refugee.interview"]
            .with_user(self.counsellor)
            .create({"journey_id": self.journey.id, "date": datetime(2026, 3, 5, 9, 0)})
        )

    def test_no_calendar_invitation_without_consent(self):
        interview = self._interview()
        events = self.env["calendar.event"].search_count([])
        with self.assertRaisesRegex(UserError, f"Nathalie Girard.*{REFUSED}"):
            interview.action_schedule_in_calendar()
        # the interview's meeting is the counsellor's, without the referent
        self.assertNotIn(self.referent, interview.calendar_event_id.partner_ids)
        self.assertEqual(self.env["calendar.event"].search_count([]), events)
        self.assertEqual(self._sent_to(self.referent), self.nothing)
        # the same through the Calendar app
        with self.assertRaisesRegex(UserError, REFUSED):
            self.env["calendar.event"].with_user(self.counsellor).create(
                {
                    "name": "Point avec le CADA",
                    "start": datetime(2026, 3, 6, 9, 0),
                    "stop": datetime(2026, 3, 6, 10, 0),
                    "partner_ids": [Command.set(self.referent.ids)],
                    "res_model_id": self.env["ir.model"]._get_id("refugee.journey"),
                    "res_id": self.journey.id,
                }
            )
        with self.assertRaisesRegex(UserError, REFUSED):
            self.env["calendar.event"].with_user(self.counsellor).create(
                {
                    "name": "Rencontre tripartite",
                    "start": datetime(2026, 3, 6, 9, 0),
                    "stop": datetime(2026, 3, 6, 10, 0),
                    "partner_ids": [
                        Command.set((self.referent | self.person.partner_id).ids)
                    ],
                }
            )
        self.assertEqual(self.env["calendar.event"].search_count([]), events)
        self.assertEqual(self._sent_to(self.referent), self.nothing)

    def test_invitation_with_consent_and_its_withdrawal(self):
        consent = self._consent(self.kind_accommodation)
        interview = self._interview()
        interview.action_schedule_in_calendar()
        event = interview.calendar_event_id
        self.assertIn(self.referent, event.partner_ids)
        self.assertNotEqual(self._sent_to(self.referent), self.nothing)
        self.env["mail.mail"].search([]).unlink()
        self.env["mail.notification"].search([]).unlink()
        # withdrawn: the change of date reaches the counsellor's staff only
        consent.with_user(self.counsellor).action_withdraw()
        event.with_user(self.counsellor).write(
            {
                "start": event.start + timedelta(days=1),
                "stop": event.stop + timedelta(days=1),
            }
        )
        self.assertEqual(self._sent_to(self.referent), self.nothing)
        event.with_user(self.counsellor).message_post(
            body="Changement de salle",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(self._sent_to(self.referent), self.nothing)
        # and no new meeting with them
        with self.assertRaisesRegex(UserError, REFUSED):
            self._interview().action_schedule_in_calendar()

    def test_no_follower_without_consent(self):
        for record in (self.person, self.journey, self.person.partner_id):
            with self.assertRaisesRegex(UserError, REFUSED):
                record.with_user(self.counsellor).message_subscribe(
                    partner_ids=self.referent.ids
                )
            self.assertNotIn(self.referent, record.message_partner_ids)
        self._consent(self.kind_accommodation)
        self.journey.with_user(self.counsellor).message_subscribe(
            partner_ids=self.referent.ids
        )
        self.assertIn(self.referent, self.journey.message_partner_ids)

    def test_no_message_from_the_contact_or_a_lead_without_consent(self):
        lead = self.env["crm.lead"].create(
            {"name": "Candidature", "partner_id": self.person.partner_id.id}
        )
        for record in (self.person.partner_id, lead):
            with self.assertRaisesRegex(UserError, REFUSED):
                record.with_user(self.counsellor).message_post(
                    body="Dossier", partner_ids=self.referent.ids
                )
        self.assertEqual(self._sent_to(self.referent), self.nothing)

    def test_mass_mail_composer_follows_the_consent(self):
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.counsellor)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": "refugee.beneficiary",
                    "res_ids": self.person.ids,
                    "subject": "Votre dossier",
                    "body": "<p>Bonjour</p>",
                    "partner_ids": [Command.set(self.referent.ids)],
                }
            )
        )
        with self.assertRaisesRegex(UserError, REFUSED):
            composer._action_send_mail()
        self.assertEqual(self._sent_to(self.referent), self.nothing)
        self._consent(self.kind_accommodation)
        composer._action_send_mail()
        self.assertNotEqual(self._sent_to(self.referent), self.nothing)

    def test_no_activity_for_a_portal_user_without_consent(self):
        with self.assertRaisesRegex(UserError, f"Sandrine Lemaire.*{REFUSED}"):
            self.journey.with_user(self.counsellor).activity_schedule(
                summary="Bilan de l'immersion", user_id=self.tutor.id
            )
        self.assertFalse(self.journey.activity_ids)
        self._consent(self.kind_employer)
        self.journey.with_user(self.counsellor).activity_schedule(
            summary="Bilan de l'immersion", user_id=self.tutor.id
        )
        self.assertEqual(self.journey.activity_ids.user_id, self.tutor)

    def test_workshop_confirmations_go_to_the_person_or_with_consent(self):
        workshop = self.env["event.event"].create(
            {
                "name": "Écrire son CV",
                "is_workshop": True,
                "workshop_theme_id": self.env["refugee.workshop.theme"]
                .search([], limit=1)
                .id,
                "site_id": self.site_north.id,
                "date_begin": datetime(2026, 3, 10, 8, 0),
                "date_end": datetime(2026, 3, 10, 11, 0),
            }
        )
        Registration = self.env["event.registration"].with_user(self.counsellor)
        with self.assertRaisesRegex(UserError, REFUSED):
            Registration.create(
                {
                    "event_id": workshop.id,
                    "beneficiary_id": self.person.id,
                    "partner_id": self.referent.id,
                }
            )
        with self.assertRaisesRegex(UserError, "stranger@example.com"):
            Registration.create(
                {
                    "event_id": workshop.id,
                    "beneficiary_id": self.person.id,
                    "email": "stranger@example.com",
                }
            )
        self.assertFalse(workshop.registration_ids)
        registration = Registration.create(
            {"event_id": workshop.id, "beneficiary_id": self.person.id}
        )
        self.assertEqual(registration.email, "ahmad.rahimi@example.com")
