# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import RefugeeCase


class TestConsent(RefugeeCase):
    """Consent per partner kind: who may receive data of the file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.kind_ofii = cls.env.ref("plateforme_refugies.partner_type_ofii")
        cls.kind_siae = cls.env.ref("plateforme_refugies.partner_type_siae")
        cls.kind_employer = cls.env.ref("plateforme_refugies.partner_type_employer")
        cls.ofii = Partner.create(
            {
                "name": "Test OFII Orléans",
                "is_company": True,
                "email": "ofii@example.com",
                "refugee_partner_type_ids": [Command.set(cls.kind_ofii.ids)],
            }
        )
        cls.siae = Partner.create(
            {
                "name": "Test Jardins",
                "is_company": True,
                "refugee_partner_type_ids": [Command.set(cls.kind_siae.ids)],
            }
        )
        cls.supervisor = Partner.create(
            {
                "name": "Test Supervisor",
                "parent_id": cls.siae.id,
                "email": "encadrant@example.com",
            }
        )
        cls.stranger = Partner.create(
            {"name": "Test Stranger", "email": "stranger@example.com"}
        )
        cls.person = cls._create_beneficiary(
            "Ahmad Rahimi", email="ahmad.rahimi@example.com"
        )
        cls.journey = cls._create_journey(cls.person)
        cls.Consent = cls.env["refugee.consent"]

    def _give(self, kind, scope="file", user=None):
        return self.Consent.with_user(user or self.counsellor_north).create(
            {
                "beneficiary_id": self.person.id,
                "partner_type_id": kind.id,
                "scope": scope,
                "given_on": date(2026, 2, 1),
            }
        )

    def test_consent_records_who_and_when_and_its_withdrawal(self):
        consent = self._give(self.kind_ofii)
        self.assertEqual(consent.recorded_by_id, self.counsellor_north)
        self.assertEqual(consent.site_id, self.site_north)
        self.assertEqual(consent.state, "given")
        self.assertTrue(self.person._has_consent(self.ofii))
        consent.with_user(self.counsellor_north).action_withdraw()
        self.assertEqual(consent.state, "withdrawn")
        self.assertEqual(consent.withdrawn_by_id, self.counsellor_north)
        self.assertTrue(consent.withdrawn_on)
        self.assertFalse(self.person._has_consent(self.ofii))
        with self.assertRaises(UserError):
            consent.action_withdraw()
        # a new agreement is a new consent; two given at once are refused
        self._give(self.kind_ofii)
        with self.assertRaises(ValidationError):
            self._give(self.kind_ofii)

    def test_consent_of_the_company_covers_its_contacts_and_scope_counts(self):
        self.assertFalse(self.person._has_consent(self.supervisor))
        self._give(self.kind_siae, scope="evaluations")
        self.assertTrue(self.person._has_consent(self.supervisor))
        self.assertTrue(self.person._has_consent(self.supervisor, "evaluations"))
        self.assertFalse(self.person._has_consent(self.supervisor, "contact"))
        self.assertFalse(self.person._has_consent(self.ofii))
        self.assertFalse(self.person._has_consent(self.stranger))

    def test_consents_follow_the_sites(self):
        consent = self._give(self.kind_ofii)
        self.assertFalse(
            self.Consent.with_user(self.counsellor_south).search(
                [("id", "=", consent.id)]
            )
        )
        with self.assertRaises(AccessError):
            consent.with_user(self.reader).read(["scope"])
        with self.assertRaises(AccessError):
            consent.with_user(self.counsellor_north).unlink()

    def test_no_message_to_a_partner_without_consent(self):
        person = self.person.with_user(self.counsellor_north)
        for recipient in (self.ofii, self.supervisor, self.stranger):
            with self.assertRaisesRegex(UserError, "has not consented"):
                person.message_post(
                    body="Bilan", partner_ids=recipient.ids, message_type="comment"
                )
        with self.assertRaisesRegex(UserError, "has not consented"):
            self.journey.with_user(self.counsellor_north).message_post(
                body="Bilan", partner_ids=self.supervisor.ids
            )
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", person._name), ("res_id", "=", person.id)]
                + [("body", "ilike", "Bilan")]
            )
        )
        # the person, staff and partners with consent receive it
        self._give(self.kind_siae)
        message = person.message_post(
            body="Bilan",
            partner_ids=(
                self.supervisor | self.person.partner_id | self.coordinator.partner_id
            ).ids,
        )
        self.assertIn(self.supervisor, message.partner_ids)
        self.journey.with_user(self.counsellor_north).message_post(
            body="Bilan", partner_ids=self.supervisor.ids
        )

    def test_followers_without_consent_are_not_notified(self):
        for thread in (self.person, self.journey):
            thread.message_subscribe(partner_ids=(self.ofii | self.supervisor).ids)
        self._give(self.kind_ofii)
        for thread in (self.person, self.journey):
            message = thread.with_user(self.counsellor_north).message_post(
                body="Point d'étape",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            notified = message.notification_ids.res_partner_id
            self.assertIn(self.ofii, notified)
            self.assertNotIn(self.supervisor, notified)

    def test_mail_composer_blocks_partners_without_consent(self):
        # the person and staff receive the file's data, partners need consent
        self.assertTrue(self.person._may_receive_file_data(self.person.partner_id))
        self.assertTrue(
            self.person._may_receive_file_data(self.counsellor_south.partner_id)
        )
        self.assertFalse(self.person._may_receive_file_data(self.ofii))
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.counsellor_north)
            .with_context(
                default_model="refugee.beneficiary",
                default_res_ids=self.person.ids,
                default_composition_mode="comment",
                default_partner_ids=self.ofii.ids,
            )
        )
        composer.body = "Dossier complet"
        wizard = composer.save()
        with self.assertRaisesRegex(UserError, "Test OFII"):
            wizard.action_send_mail()
        self._give(self.kind_ofii)
        wizard.action_send_mail()
        self.assertTrue(
            self.env["mail.message"].search(
                [
                    ("model", "=", "refugee.beneficiary"),
                    ("res_id", "=", self.person.id),
                    ("partner_ids", "in", self.ofii.ids),
                ]
            )
        )
