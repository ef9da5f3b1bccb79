# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError

from .common import RefugeeCase

PARTNER_TYPES = (
    "accommodation",
    "ofii",
    "language_provider",
    "france_travail",
    "mission_locale",
    "departement",
    "siae",
    "training",
    "afpa",
    "association",
    "transvaloire",
    "employer",
)


@freeze_time("2026-03-02")
class TestPartner(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.types = {
            code: cls.env.ref(f"plateforme_refugies.partner_type_{code}")
            for code in PARTNER_TYPES
        }

    def test_partner_has_several_types(self):
        siae = (
            self.env["res.partner"]
            .with_user(self.counsellor_north)
            .create(
                {
                    "name": "Jardins du Cœur",
                    "is_company": True,
                    "refugee_partner_type_ids": [
                        Command.set((self.types["siae"] | self.types["employer"]).ids)
                    ],
                }
            )
        )
        self.assertEqual(len(self.types), 12)
        Partner = self.env["res.partner"].with_user(self.reader)
        self.assertIn(
            siae,
            Partner.search([("refugee_partner_type_ids", "in", self.types["siae"].id)]),
        )
        self.assertIn(
            siae, Partner.search([("refugee_partner_type_ids.name", "=", "Employer")])
        )
        # readers see partner types, only the coordinator configures them
        self.assertEqual(self.types["ofii"].with_user(self.reader).name, "OFII")
        with self.assertRaises(AccessError):
            self.types["ofii"].with_user(self.counsellor_north).name = "OFII 41"

    def test_agreement_dates_and_access(self):
        partner = self.env["res.partner"].create({"name": "AFPA", "is_company": True})
        Agreement = self.env["refugee.partnership.agreement"]
        with self.assertRaisesRegex(ValidationError, "cannot end before"):
            Agreement.with_user(self.coordinator).create(
                {
                    "name": "Reconnaissance des compétences",
                    "partner_id": partner.id,
                    "start_date": date(2026, 3, 1),
                    "end_date": date(2026, 2, 1),
                }
            )
        agreement = Agreement.with_user(self.coordinator).create(
            {
                "name": "Reconnaissance des compétences",
                "partner_id": partner.id,
                "start_date": date(2026, 1, 1),
                "end_date": date(2026, 12, 31),
            }
        )
        self.assertEqual(agreement.user_id, self.coordinator)
        self.assertTrue(agreement.is_running)
        self.assertIn(agreement, Agreement.search([("is_running", "=", True)]))
        self.assertEqual(
            agreement.with_user(self.counsellor_north).name, agreement.name
        )
        with self.assertRaises(AccessError):
            agreement.with_user(self.counsellor_north).end_date = date(2027, 1, 1)
        with self.assertRaises(AccessError):
            agreement.with_user(self.reader).read(["name"])
