# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCase
from odoo.addons.sms.tests.common import SMSCase

from .common import RefugeeCase

ARABIC_SENTENCE = "إذا لم تستطع الحضور، اتصل بمستشارك قبل الموعد."
FRENCH_SENTENCE = (
    "Si vous ne pouvez pas venir, appelez votre conseiller avant le rendez-vous."
)


class ConvocationCase(RefugeeCase):
    """A person speaking Arabic with an e-mail address, convoked to an
    interview on Wednesday 4 March 2026 at 10:00 (Paris)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor_north.write({"tz": "Europe/Paris", "mobile": "06 11 22 33 44"})
        cls.env.company.partner_id.write(
            {"street": "3 rue de la Paix", "zip": "41000", "city": "Blois"}
        )
        cls.arabic = cls.env.ref("plateforme_refugies.language_ar")
        cls.siae_kind = cls.env.ref("plateforme_refugies.partner_type_siae")
        cls.person = cls._create_beneficiary(
            "Omar Haddad",
            email="omar.haddad@example.com",
            mobile="+33611223344",
            contact_language_id=cls.arabic.id,
        )
        cls.journey = cls._create_journey(cls.person)
        cls.interview = (
            cls.env["refugee.interview"]
            .with_user(cls.counsellor_north)
            .create(
                {
                    "journey_id": cls.journey.id,
                    "date": datetime(2026, 3, 4, 9, 0),
                    "counsellor_id": cls.counsellor_north.id,
                }
            )
        )

    def _sas_placement(self):
        """A SAS placement of the person in a SIAE (a partner kind the person
        did not consent to yet), with a supervisor who has an e-mail."""
        Partner = self.env["res.partner"]
        siae = Partner.create(
            {
                "name": "Jardins Test",
                "is_company": True,
                "is_siae": True,
                "siae_type": "aci",
                "is_sas_partner": True,
                "refugee_partner_type_ids": [Command.set(self.siae_kind.ids)],
            }
        )
        supervisor = Partner.create(
            {
                "name": "Paul Encadrant",
                "email": "paul@jardins.example.com",
                "parent_id": siae.id,
                "is_siae_supervisor": True,
            }
        )
        self.journey.write({"state": "in_progress", "drawer_sas": True})
        return self.env["refugee.siae.placement"].create(
            {
                "journey_id": self.journey.id,
                "siae_id": siae.id,
                "supervisor_id": supervisor.id,
                "date_start": date(2026, 3, 9),
                "date_end": date(2026, 4, 3),
                "is_sas": True,
            }
        )

    def _convoke(self, source=None):
        action = (
            (source or self.interview).with_user(self.counsellor_north).action_convoke()
        )
        return self.env["refugee.convocation"].browse(action["res_id"])


@tagged("post_install", "-at_install")
class TestConvocation(ConvocationCase, MailCase):
    @freeze_time("2026-03-02 08:00:00")
    def test_convocation_in_french_and_arabic(self):
        convocation = self._convoke()
        self.assertEqual(convocation.kind, "interview")
        self.assertEqual(convocation.contact_lang, "ar_001")
        self.assertIn(
            self.env.ref("plateforme_refugies.convocation_item_residence_permit"),
            convocation.item_ids,
        )
        with self.mock_mail_gateway():
            convocation.with_user(self.counsellor_north).action_send()
        self.assertEqual(len(self._new_mails), 1)
        mail = self._new_mails
        self.assertEqual(mail.recipient_ids, self.person.partner_id)
        self.assertIn(FRENCH_SENTENCE, mail.body_html)
        self.assertIn(ARABIC_SENTENCE, mail.body_html)
        self.assertIn('dir="rtl"', mail.body_html)
        self.assertIn("10:00", mail.body_html)
        self.assertIn("3 rue de la Paix", mail.body_html)
        self.assertIn("06 11 22 33 44", mail.body_html)
        self.assertIn("Votre rendez-vous", mail.subject)
        self.assertIn(" / ", mail.subject)
        self.assertEqual(convocation.state, "sent")
        self.assertEqual(convocation.sent_by, "email")

    @freeze_time("2026-03-02 08:00:00")
    def test_no_email_without_address_or_with_refusal(self):
        refusing = self._create_beneficiary(
            "Farida Nouri", email="farida@example.com", refuses_electronic_messages=True
        )
        without = self._create_beneficiary("Samir Daoud")
        Convocation = self.env["refugee.convocation"].with_user(self.counsellor_north)
        convocations = Convocation.create(
            [
                {
                    "beneficiary_id": person.id,
                    "date_start": datetime(2026, 3, 5, 9, 0),
                }
                for person in (refusing, without)
            ]
        )
        with self.mock_mail_gateway():
            action = convocations.action_send()
            self.env["refugee.convocation"]._cron_send_reminders()
        self.assertFalse(self._new_mails)
        self.assertEqual(
            action["report_name"], "plateforme_refugies.refugee_convocation_letter"
        )
        self.assertEqual(convocations.mapped("sent_by"), ["letter", "letter"])

    def test_reminder_once_not_cancelled_again_after_move(self):
        with freeze_time("2026-03-01 08:00:00"):
            convocation = self._convoke()
            cancelled = self._convoke(
                self.env["refugee.interview"].create(
                    {"journey_id": self.journey.id, "date": datetime(2026, 3, 4, 13, 0)}
                )
            )
            with self.mock_mail_gateway():
                (convocation | cancelled).action_send()
            cancelled.with_user(self.counsellor_north).action_cancel()
        Convocation = self.env["refugee.convocation"]
        with freeze_time("2026-03-01 12:00:00"), self.mock_mail_gateway():
            Convocation._cron_send_reminders()  # 3 days before: not yet
        self.assertFalse(self._new_mails)
        with freeze_time("2026-03-02 10:00:00"), self.mock_mail_gateway():
            Convocation._cron_send_reminders()
            Convocation._cron_send_reminders()  # once
        self.assertEqual(len(self._new_mails), 1)
        self.assertEqual(self._new_mails.recipient_ids, self.person.partner_id)
        self.assertIn("Rappel de votre rendez-vous", self._new_mails.subject)
        self.assertTrue(convocation.reminder_sent_on)
        # moved to the next week: a new convocation, and a new reminder
        with freeze_time("2026-03-02 11:00:00"), self.mock_mail_gateway():
            self.interview.with_user(self.counsellor_north).date = datetime(
                2026, 3, 11, 9, 0
            )
        self.assertEqual(len(self._new_mails), 1)
        self.assertIn("Votre rendez-vous", self._new_mails.subject)
        self.assertEqual(convocation.date_start, datetime(2026, 3, 11, 9, 0))
        self.assertEqual(convocation.move_count, 1)
        self.assertFalse(convocation.reminder_sent_on)
        with freeze_time("2026-03-04 08:00:00"), self.mock_mail_gateway():
            Convocation._cron_send_reminders()  # old date: nothing
        self.assertFalse(self._new_mails)
        with freeze_time("2026-03-09 10:00:00"), self.mock_mail_gateway():
            Convocation._cron_send_reminders()
        self.assertEqual(len(self._new_mails), 1)

    @freeze_time("2026-03-02 08:00:00")
    def test_cancelled_source_cancels_and_refuses_sending(self):
        placement_like = self._convoke()
        self.interview.unlink()
        self.assertEqual(placement_like.state, "cancelled")
        with self.assertRaisesRegex(UserError, "cancelled"):
            placement_like.action_send()

    @freeze_time("2026-03-02 08:00:00")
    def test_nothing_to_a_partner_without_consent(self):
        placement = self._sas_placement()
        supervisor = placement.supervisor_id
        convocation = self._convoke(placement)
        self.assertEqual(convocation.kind, "sas_start")
        self.assertEqual(convocation.place_id, placement.siae_id)
        with self.mock_mail_gateway():
            convocation.action_send()
        self.assertEqual(self._new_mails.recipient_ids, self.person.partner_id)
        with self.assertRaisesRegex(UserError, "has not consented"):
            convocation.message_post(body="Note", partner_ids=supervisor.ids)
        self.env["refugee.consent"].create(
            {"beneficiary_id": self.person.id, "partner_type_id": self.siae_kind.id}
        )
        with self.mock_mail_gateway():
            convocation.action_send()
        self.assertEqual(
            self._new_mails.recipient_ids, self.person.partner_id | supervisor
        )

    def test_counsellors_see_the_convocations_of_their_sites(self):
        convocation = self._convoke()
        Convocation = self.env["refugee.convocation"]
        self.assertEqual(
            Convocation.with_user(self.counsellor_north).search([]), convocation
        )
        self.assertFalse(Convocation.with_user(self.counsellor_south).search([]))
        self.assertEqual(
            Convocation.with_user(self.coordinator).search(
                [("beneficiary_id", "=", self.person.id)]
            ),
            convocation,
        )
        with self.assertRaises(AccessError):
            Convocation.with_user(self.reader).search([])


@tagged("post_install", "-at_install")
class TestConvocationSms(ConvocationCase, MailCase, SMSCase):
    @freeze_time("2026-03-02 08:00:00")
    def test_sms_channel(self):
        convocation = self._convoke()
        text = convocation._sms_text()
        self.assertLessEqual(len(text), 160)
        self.assertIn("04/03", text)
        self.assertIn("10:00", text)
        # off by default: no SMS, no IAP
        with self.mockSMSGateway(), self.mock_mail_gateway():
            convocation.action_send()
        self.assertFalse(self._sms)
        self.env["ir.config_parameter"].set_param(
            "plateforme_refugies.sms_enabled", "1"
        )
        with self.mockSMSGateway(), self.mock_mail_gateway():
            convocation.action_send()
        self.assertSMSIapSent(["+33611223344"], content=text)
        # the reminder too, once
        with (
            freeze_time("2026-03-02 10:00:00"),
            self.mockSMSGateway(),
            self.mock_mail_gateway(),
        ):
            self.env["refugee.convocation"]._cron_send_reminders()
            self.env["refugee.convocation"]._cron_send_reminders()
        self.assertEqual(len(self._sms), 1)
        self.assertSMSIapSent(["+33611223344"], content=text)
