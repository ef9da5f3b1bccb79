# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from ..models.refugee_beneficiary import normalize_name
from .common import RefugeeCase


class TestBeneficiary(RefugeeCase):
    def test_normalize_name(self):
        self.assertEqual(normalize_name("  Mohammad   NOORÎ "), "mohammad noori")
        self.assertEqual(normalize_name("Al-Khatib, Samir"), "al khatib samir")
        self.assertEqual(normalize_name("Zoé"), normalize_name("ZOE"))

    def test_file_number_and_contact(self):
        beneficiary = self._create_beneficiary("Fatouma Diallo", phone="06 12 34 56 78")
        self.assertTrue(beneficiary.reference.startswith("BEN-"))
        self.assertEqual(beneficiary.partner_id.name, "Fatouma Diallo")
        self.assertEqual(beneficiary.partner_id.phone, "06 12 34 56 78")
        self.assertTrue(beneficiary.partner_id.is_refugee_beneficiary)

    def test_a_new_file_is_announced_once_on_the_file(self):
        """The file's chatter says it was created and its creator follows it;
        its contact, created with it, has no second message nor follower.
        Another contact is created as Odoo does."""
        env = self.env(user=self.counsellor_north, context={"tracking_disable": False})
        beneficiary = env["refugee.beneficiary"].create(
            {"name": "Awa Konaté", "birthdate": date(1994, 5, 6)}
            | {"site_id": self.site_north.id}
        )
        creator = self.counsellor_north.partner_id
        self.assertEqual(len(beneficiary.message_ids), 1)
        self.assertEqual(beneficiary.message_partner_ids, creator)
        contact = beneficiary.partner_id.sudo()
        self.assertFalse(contact.message_ids)
        self.assertFalse(contact.message_partner_ids)
        other = env["res.partner"].create({"name": "Boulangerie Martin"}).sudo()
        self.assertEqual(len(other.message_ids), 1)
        self.assertEqual(other.message_partner_ids, creator)

    def test_the_contact_fields_read_are_the_contacts(self):
        """A file reads the fields of its contact as the contact has them,
        relations named or not, as the counsellor; a deleted file is left out
        as Odoo leaves it out."""
        france = self.env.ref("base.fr")
        files = self.env["refugee.beneficiary"].create(
            [
                {"name": f"Read Person {i}", "birthdate": date(1990, 3, 1 + i)}
                | {"site_id": self.site_north.id, "phone": f"06 00 00 00 0{i}"}
                | {"city": "Blois", "country_id": france.id}
                for i in range(3)
            ]
        )
        gone = files[2]
        gone.unlink()
        fields = ["name", "phone", "city", "country_id", "reference"]
        contact_fields = ["name", "phone", "city", "country_id"]
        as_counsellor = files.with_user(self.counsellor_north)
        as_counsellor.invalidate_recordset()
        for load in ("_classic_read", None):
            values = as_counsellor.read(fields, load=load)
            contacts = files[:2].partner_id.read(contact_fields, load=load)
            self.assertEqual([v["id"] for v in values], files[:2].ids)
            for value, contact, file in zip(values, contacts, files, strict=False):
                self.assertEqual(value["reference"], file.reference)
                for name in contact_fields:
                    self.assertEqual(value[name], contact[name])
        self.assertEqual(
            as_counsellor[:1].read(["country_id"])[0]["country_id"],
            (france.id, france.display_name),
        )

    def test_a_batch_of_files_gets_consecutive_numbers(self):
        files = self.env["refugee.beneficiary"].create(
            [
                {"name": f"Batch Person {i}", "birthdate": date(1991, 2, 3 + i)}
                | {"site_id": self.site_north.id}
                for i in range(3)
            ]
        )
        numbers = [int(ref.removeprefix("BEN-")) for ref in files.mapped("reference")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))

    def test_duplicate_names_the_existing_file(self):
        existing = self._create_beneficiary("Mohammad Noori", site=self.site_south)
        count = self.env["refugee.beneficiary"].search_count([])
        partners = self.env["res.partner"].search_count([])
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self._create_beneficiary("  mohammad   NOORÎ ")
        self.assertIn(existing.reference, str(error.exception))
        self.assertIn("Test South", str(error.exception))
        self.assertEqual(self.env["refugee.beneficiary"].search_count([]), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        # the same name with another date of birth is another person
        other = self._create_beneficiary("Mohammad Noori", birthdate=date(1985, 2, 3))
        self.assertNotEqual(other, existing)
        # renaming a file into a duplicate is refused too
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._create_beneficiary("Noori Ahmad").name = "Mohammad noori"

    def test_duplicate_is_found_across_sites_and_archives(self):
        existing = self._create_beneficiary("Yonas Tekle", site=self.site_south)
        existing.active = False
        with self.assertRaisesRegex(ValidationError, existing.reference):
            self.env["refugee.beneficiary"].with_user(self.counsellor_north).create(
                {
                    "name": "YONAS TEKLE",
                    "birthdate": date(1990, 5, 17),
                    "site_id": self.site_north.id,
                }
            )

    def test_duplicate_is_refused_by_the_database_too(self):
        self._create_beneficiary("Leila Ahmadi")
        other = self._create_beneficiary("Leila Ahmadi", birthdate=date(1991, 1, 1))
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.cr.execute("SET CONSTRAINTS ALL IMMEDIATE")
                self.env.cr.execute(
                    "UPDATE refugee_beneficiary SET birthdate = '1990-05-17' "
                    "WHERE id = %s",
                    [other.id],
                )

    @freeze_time("2026-03-02")
    def test_age_and_under_26(self):
        young = self._create_beneficiary("Nour Al-Hamad", birthdate=date(2000, 3, 3))
        turned_26 = self._create_beneficiary(
            "Idriss Mahamat", birthdate=date(2000, 3, 2)
        )
        self.assertEqual(young.age, 25)
        self.assertTrue(young.is_under_26)
        self.assertEqual(turned_26.age, 26)
        self.assertFalse(turned_26.is_under_26)
        Beneficiary = self.env["refugee.beneficiary"]
        ids = (young | turned_26).ids
        self.assertEqual(
            Beneficiary.search([("id", "in", ids), ("is_under_26", "=", True)]), young
        )
        self.assertEqual(
            Beneficiary.search([("id", "in", ids), ("is_under_26", "=", False)]),
            turned_26,
        )

    @freeze_time("2026-03-02")
    def test_birthdate_in_the_future_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._create_beneficiary("Hamid Karimi", birthdate=date(2026, 3, 3))

    def test_negative_counts_are_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._create_beneficiary("Omar Abdelrahman", schooling_years=-1)

    def test_counsellor_must_work_on_the_site(self):
        with self.assertRaisesRegex(ValidationError, "does not work on the site"):
            self._create_beneficiary(
                "Tesfay Haile", site=self.site_north, counsellor=self.counsellor_south
            )

    def test_counsellor_creates_a_file_with_the_form(self):
        form = Form(self.env["refugee.beneficiary"].with_user(self.counsellor_south))
        self.assertEqual(form.site_id, self.site_south)
        self.assertEqual(form.counsellor_id, self.counsellor_south)
        form.name = "Aminata Konaté"
        form.birthdate = date(1998, 11, 20)
        form.interpreter_needed = True
        form.contact_language_id = self.env.ref("plateforme_refugies.language_bm")
        beneficiary = form.save()
        self.assertEqual(beneficiary.site_id, self.site_south)
        self.assertEqual(beneficiary.create_uid, self.counsellor_south)
        self.assertFalse(beneficiary.current_journey_id)
        action = beneficiary.with_user(self.counsellor_south).action_open_journey()
        self.assertEqual(action["context"]["default_beneficiary_id"], beneficiary.id)
