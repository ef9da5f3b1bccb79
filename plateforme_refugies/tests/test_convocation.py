# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date, datetime
from os.path import join
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCase
from odoo.addons.sms.tests.common import SMSCase

from ..models.refugee_convocation import RefugeeConvocation
from ..models.refugee_language import DOCUMENT_LANGS
from .common import RefugeeCase

ARABIC_SENTENCE = "إذا لم تستطع الحضور، اتصل بمستشارك قبل الموعد."
FRENCH_SENTENCE = (
    "Si vous ne pouvez pas venir, appelez votre conseiller avant le rendez-vous."
)
# the migration that gives the languages their language of the documents
LANGUAGES_MIGRATION = ("migrations", "18.0.2.2.0", "post-convocation-languages.py")


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

    def _immersion(self):
        """An immersion of the person, to confirm a project with an employer
        and its tutor."""
        Partner = self.env["res.partner"]
        employer = Partner.create(
            {
                "name": "Maraîchers de Sologne",
                "is_company": True,
                "is_partner_employer": True,
                "company_registry": "12345678900012",
            }
        )
        tutor = Partner.create(
            {
                "name": "Didier Montigny",
                "parent_id": employer.id,
                "function": "Chef de culture",
            }
        )
        self.journey.write({"state": "in_progress", "drawer_employment": True})
        return self.env["refugee.immersion"].create(
            {
                "beneficiary_id": self.person.id,
                "employer_id": employer.id,
                "tutor_id": tutor.id,
                "objective": "confirm",
                "job_title": "Ouvrier maraîcher",
                "tasks": "Récolte et conditionnement des légumes",
                "date_start": date.today(),
                "weekly_hours": 35,
            }
        )

    def _workshop(self):
        """A workshop of the person's site, the person registered, on a
        morning and an afternoon."""
        workshop = self.env["event.event"].create(
            {
                "name": "Codes du monde du travail",
                "is_workshop": True,
                "site_id": self.site_north.id,
                "workshop_theme_id": self.env.ref(
                    "plateforme_refugies.workshop_theme_job_search"
                ).id,
                "date_tz": "Europe/Paris",
                "date_begin": datetime(2026, 3, 10, 8, 0),
                "date_end": datetime(2026, 3, 10, 15, 0),
            }
        )
        self.env["event.registration"].create(
            {"event_id": workshop.id, "beneficiary_id": self.person.id}
        )
        return workshop

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
    def test_moved_letter_prompts_the_counsellor_to_reprint_it(self):
        """A moved appointment of a person no e-mail reaches gives the
        counsellor one activity to print the new letter, in French even when
        the scheduler moves it; a person with an e-mail gets the new
        convocation by e-mail, and no activity."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["plateforme_refugies"], ["fr_FR"]
        )
        self.counsellor_north.lang = "fr_FR"
        refusing = self._create_beneficiary(
            "Farida Nouri", email="farida@example.com", refuses_electronic_messages=True
        )
        without = self._create_beneficiary("Samir Daoud")
        letters = (
            self.env["refugee.convocation"]
            .with_user(self.counsellor_north)
            .create(
                [
                    {"beneficiary_id": person.id, "date_start": datetime(2026, 3, 5, 9)}
                    for person in (refusing, without)
                ]
            )
        )
        by_email = self._convoke()
        with self.mock_mail_gateway():
            (letters | by_email).action_send()
        Activity = self.env["mail.activity"]
        reprint = [
            (
                "activity_type_id",
                "=",
                self.env.ref(
                    "plateforme_refugies.mail_activity_type_convocation_reprint"
                ).id,
            )
        ]
        # printed when sent: nothing to reprint yet
        self.assertFalse(Activity.search(reprint))
        # moved by the scheduler: no language in its context
        env = self.env(context={})
        self.assertFalse(env.lang)
        with self.mock_mail_gateway():
            (letters | by_email).with_env(env).write(
                {"date_start": datetime(2026, 3, 12, 13, 30)}
            )
        # (the others tell the counsellor of the activities)
        to_persons = self._new_mails.filtered(
            lambda m: m.recipient_ids & (letters | by_email).beneficiary_id.partner_id
        )
        self.assertEqual(len(to_persons), 1)
        self.assertEqual(to_persons.recipient_ids, self.person.partner_id)
        self.assertIn("Votre rendez-vous", to_persons.subject)
        self.assertIn("jeudi 12 mars 2026", to_persons.body_html)
        activities = Activity.search(reprint)
        self.assertEqual(len(activities), 2)
        self.assertEqual(set(activities.mapped("res_model")), {"refugee.convocation"})
        self.assertEqual(sorted(activities.mapped("res_id")), letters.ids)
        self.assertEqual(activities.user_id, self.counsellor_north)
        activity = activities.filtered(lambda a: a.res_id == letters[1].id)
        self.assertEqual(
            activity.summary,
            "Réimprimer la convocation : Samir Daoud, jeudi 12 mars 2026",
        )
        self.assertIn("14:30", activity.note)
        self.assertIn("Imprimer la lettre", activity.note)
        self.assertEqual(activity.date_deadline, date(2026, 3, 2))
        # the letter is one click away: the activity opens the convocation,
        # whose button prints it
        document = self.env[activity.res_model].browse(activity.res_id)
        self.assertEqual(
            document.with_user(self.counsellor_north).action_print()["report_name"],
            "plateforme_refugies.refugee_convocation_letter",
        )
        # moved again before it was printed: still one activity each
        with self.mock_mail_gateway():
            letters.with_env(env).write({"date_start": datetime(2026, 3, 13, 8, 0)})
        self.assertFalse(
            self._new_mails.recipient_ids & letters.beneficiary_id.partner_id
        )
        self.assertEqual(Activity.search(reprint), activities)
        self.assertIn("vendredi 13 mars 2026", activity.summary)
        self.assertEqual(letters.mapped("move_count"), [2, 2])
        self.assertEqual(by_email.move_count, 1)
        # cancelled: nothing left to reprint
        letters[0].with_user(self.counsellor_north).action_cancel()
        self.assertEqual(Activity.search(reprint), activity)

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
class TestDocumentLanguages(RefugeeCase):
    """The language a convocation is written in beside the French text, per
    spoken language: on a new database, and on a database that had the
    spoken languages before they had one (18.0.2.2.0)."""

    def _migrate(self, version):
        """Run the migration script as Odoo runs it, from ``version``."""
        path = join(get_module_path("plateforme_refugies"), *LANGUAGES_MIGRATION)
        spec = importlib.util.spec_from_file_location("post_languages", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, version)

    @staticmethod
    def _document_langs(languages):
        return {lang.code: lang.lang_id.code for lang in languages if lang.lang_id}

    def test_existing_databases_get_the_languages_of_the_documents(self):
        Language = self.env["refugee.language"].with_context(active_test=False)
        languages = Language.search([])
        # a new database: set at install
        self.assertEqual(self._document_langs(languages), DOCUMENT_LANGS)
        # a database of 18.0.2.1.0: none yet, but one the coordinator set
        languages.lang_id = False
        kurdish = Language._find_by_code("ku")
        kurdish.lang_id = (
            self.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "=", "tr_TR")])
        )
        self._migrate(None)  # an install: the data file does it
        self.assertEqual(self._document_langs(languages), {"ku": "tr_TR"})
        self._migrate("18.0.2.1.0")
        self.assertEqual(
            self._document_langs(languages), {**DOCUMENT_LANGS, "ku": "tr_TR"}
        )
        # the convocation of a Dari speaker is then written in Persian
        person = self._create_beneficiary(
            "Zarghona Azizi", contact_language_id=Language._find_by_code("prs").id
        )
        convocation = self.env["refugee.convocation"].create(
            {"beneficiary_id": person.id, "date_start": datetime(2026, 3, 4, 9)}
        )
        self.assertEqual(convocation.contact_lang, "fa_IR")


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

    @freeze_time("2026-03-02 08:00:00")
    def test_sms_text_fits_one_sms_with_the_phone(self):
        self.env["refugee.convocation"]._ensure_lang("fr_FR")
        convocation = self._convoke()
        convocation.place_id = self.env["res.partner"].create(
            {
                "name": "Maison de l'emploi du Vendômois",
                "street": "Rue du Maréchal Leclerc",
                "city": "Vendôme",
            }
        )
        # a letter outside the SMS alphabet loses its accent: one SMS holds
        # 160 characters of the SMS alphabet, only 70 of the others
        text = convocation._sms_text()
        self.assertEqual(
            text,
            "RDV 04/03 10:00, Rue du Maréchal Leclerc, Vendome. Tél. 06 11 22 33 44",
        )
        with self.mockSMSGateway(), self.mock_mail_gateway():
            self.env["ir.config_parameter"].set_param(
                "plateforme_refugies.sms_enabled", "1"
            )
            convocation.action_send()
        self.assertSMSIapSent(["+33611223344"], content=text)
        # too long for one SMS: the address is cut to its town, never the
        # phone number
        convocation.place_id.street = (
            "Parc d'activités du Bas-Bourg, bâtiment B, entrée côté parking, "
            "2e étage, au fond du couloir à gauche, porte 214 (suivre le "
            "fléchage « Emploi »)"
        )
        self.assertEqual(
            convocation._sms_text(), "RDV 04/03 10:00, Vendome. Tél. 06 11 22 33 44"
        )

    @freeze_time("2026-03-02 08:00:00")
    def test_another_provider_through_the_hook(self):
        """A module sending through another provider than Odoo's IAP service
        overrides the hook: the IAP service is never called, and nothing goes
        to a person without a mobile or who refused electronic messages."""
        self.env["ir.config_parameter"].set_param(
            "plateforme_refugies.sms_enabled", "1"
        )
        refusing = self._create_beneficiary(
            "Farida Nouri", mobile="+33622334455", refuses_electronic_messages=True
        )
        without = self._create_beneficiary("Samir Daoud")
        others = self.env["refugee.convocation"].create(
            [
                {"beneficiary_id": person.id, "date_start": datetime(2026, 3, 5, 9)}
                for person in (refusing, without)
            ]
        )
        convocation = self._convoke()
        sent = []

        def provider_send(convocation, number, text):
            sent.append((convocation, number, text))

        with (
            patch.object(RefugeeConvocation, "_sms_provider_send", provider_send),
            self.mockSMSGateway(),
            self.mock_mail_gateway(),
        ):
            (convocation | others).action_send()
        self.assertFalse(self._new_sms)
        self.assertFalse(self._sms)
        self.assertEqual(sent, [(convocation, "+33611223344", convocation._sms_text())])
