# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from odoo import Command, models
from odoo.exceptions import AccessError

from ..models.refugee_beneficiary import RULES_IN_SQL_FROM
from .common import RefugeeCase


class TestAccess(RefugeeCase):
    """Who may read and write which file, per role and per site."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north_file = cls._create_beneficiary(
            "Ahmad Rahimi", health_constraints="Asthme"
        )
        cls.south_file = cls._create_beneficiary("Mariam Hassan", site=cls.site_south)
        cls.north_journey = cls._create_journey(cls.north_file)
        cls.south_journey = cls._create_journey(cls.south_file)
        cls.Beneficiary = cls.env["refugee.beneficiary"]
        cls.Journey = cls.env["refugee.journey"]

    def test_counsellor_sees_and_edits_only_their_sites(self):
        Beneficiary = self.Beneficiary.with_user(self.counsellor_north)
        self.assertEqual(
            Beneficiary.search([("id", "in", (self.north_file | self.south_file).ids)]),
            self.north_file,
        )
        self.north_file.with_user(self.counsellor_north).wished_jobs = "Maraîcher"
        self.assertEqual(self.north_file.wished_jobs, "Maraîcher")
        with self.assertRaises(AccessError):
            self.south_file.with_user(self.counsellor_north).read(["name"])
        with self.assertRaises(AccessError):
            self.south_file.with_user(self.counsellor_north).wished_jobs = "Cuisinier"
        with self.assertRaises(AccessError):
            Beneficiary.create(
                {
                    "name": "Yonas Tekle",
                    "birthdate": date(1999, 1, 1),
                    "site_id": self.site_south.id,
                    "counsellor_id": False,
                }
            )

    def _files_of_both_sites(self, name, year):
        """The files of both sites, RULES_IN_SQL_FROM of them and two more:
        two thirds in the north, a third in the south."""
        files = self.north_file | self.south_file
        for index in range(RULES_IN_SQL_FROM):
            files |= self._create_beneficiary(
                f"{name} {index}",
                site=self.site_north if index % 3 else self.site_south,
                birthdate=date(year, 1, 1 + index),
            )
        return files

    def test_a_batch_of_files_is_checked_as_odoo_checks_each(self):
        """From RULES_IN_SQL_FROM files, the rules are checked in one query:
        the same files refused as by Odoo's check record by record, for
        reading and writing, also after a change not yet written."""
        files = self._files_of_both_sites("Lot Dossier", 1990)
        # moved to the south, not yet written to the database
        moved = files.filtered(lambda f: f.site_id == self.site_north)[-1]
        moved.site_id = self.site_south
        south = files.filtered(lambda f: f.site_id == self.site_south)
        self.assertGreater(len(south), 2)
        mine = files.with_user(self.counsellor_north)
        for operation in ("read", "write"):
            with self.subTest(operation=operation):
                forbidden, error = mine._check_access(operation)
                expected, __ = models.BaseModel._check_access(mine, operation)
                self.assertEqual(forbidden, expected)
                self.assertEqual(forbidden, south)
                self.assertIn(moved, forbidden)
                self.assertIsInstance(error(), AccessError)
                self.assertIsNone((mine - south)._check_access(operation))
        with self.assertRaises(AccessError):
            mine.read(["name"])
        self.assertEqual(len((mine - south).read(["name"])), len(files - south))

    def test_a_list_reads_what_its_search_found_and_only_that(self):
        """The files of a list are read without checking again the rules its
        search applied; any other read, after it or in it, is checked."""
        files = self._files_of_both_sites("Liste Dossier", 1991)
        south = files.filtered(lambda f: f.site_id == self.site_south)
        Files = self.env["refugee.beneficiary"].with_user(self.counsellor_north)
        spec = {"name": {}, "site_id": {"fields": {"display_name": {}}}}
        result = Files.web_search_read([("id", "in", files.ids)], spec)
        self.assertEqual({r["id"] for r in result["records"]}, set((files - south).ids))
        # the search as another user, or a read of other files during it
        Beneficiary = type(Files)
        search_fetch = Beneficiary.search_fetch

        def search_then_read_others(model, *args, **kwargs):
            found = search_fetch(model, *args, **kwargs)
            with self.assertRaises(AccessError):
                (found | south.with_env(found.env)).read(["name"])
            return found

        with patch.object(Beneficiary, "search_fetch", search_then_read_others):
            Files.web_search_read([("id", "in", files.ids)], spec)
        with self.assertRaises(AccessError):
            files.with_user(self.counsellor_north).read(["name"])

    def test_counsellor_journeys_follow_their_sites(self):
        Journey = self.Journey.with_user(self.counsellor_north)
        self.assertEqual(
            Journey.search(
                [("id", "in", (self.north_journey | self.south_journey).ids)]
            ),
            self.north_journey,
        )
        self.north_journey.with_user(self.counsellor_north).action_start_diagnostic()
        self.assertEqual(self.north_journey.state, "diagnostic")
        with self.assertRaises(AccessError):
            self.south_journey.with_user(
                self.counsellor_north
            ).action_start_diagnostic()
        self.assertEqual(self.south_journey.state, "orientation")

    def test_counsellor_cannot_delete_a_file(self):
        with self.assertRaises(AccessError):
            self.north_file.with_user(self.counsellor_north).unlink()
        self.assertTrue(self.north_file.exists())

    def test_new_site_opens_its_files_at_once(self):
        Beneficiary = self.Beneficiary.with_user(self.counsellor_north)
        self.assertFalse(Beneficiary.search([("id", "=", self.south_file.id)]))
        self.counsellor_north.refugee_site_ids = [Command.link(self.site_south.id)]
        self.assertEqual(
            Beneficiary.search([("id", "=", self.south_file.id)]), self.south_file
        )
        self.site_south.user_ids = [Command.unlink(self.counsellor_north.id)]
        self.assertFalse(Beneficiary.search([("id", "=", self.south_file.id)]))

    def test_coordinator_sees_and_edits_every_site(self):
        files = self.north_file | self.south_file
        Beneficiary = self.Beneficiary.with_user(self.coordinator)
        self.assertEqual(Beneficiary.search([("id", "in", files.ids)]), files)
        self.south_file.with_user(self.coordinator).wished_jobs = "Cuisinier"
        self.assertEqual(self.south_file.wished_jobs, "Cuisinier")
        journeys = self.Journey.with_user(self.coordinator).search(
            [("id", "in", (self.north_journey | self.south_journey).ids)]
        )
        self.assertEqual(journeys, self.north_journey | self.south_journey)

    def test_reader_sees_no_file_at_all(self):
        for user in (self.reader, self.internal_user):
            with self.assertRaises(AccessError):
                self.Beneficiary.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.north_file.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.Journey.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.north_journey.with_user(user).read(["state"])
            with self.assertRaises(AccessError):
                self.Beneficiary.with_user(user).create(
                    {
                        "name": "X",
                        "birthdate": date(1990, 1, 1),
                        "site_id": self.site_north.id,
                    }
                )

    def test_reader_does_not_find_beneficiaries_among_contacts(self):
        Partner = self.env["res.partner"].with_user(self.reader)
        partners = self.north_file.partner_id | self.south_file.partner_id
        self.assertFalse(Partner.search([("id", "in", partners.ids)]))
        self.assertFalse(Partner.name_search("Ahmad Rahimi"))
        self.assertTrue(
            Partner.search([("id", "=", self.counsellor_north.partner_id.id)])
        )
        # counsellors see the contacts of the people of their sites only
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.counsellor_north)
            .search([("id", "in", partners.ids)]),
            self.north_file.partner_id,
        )

    def test_sensitive_fields_only_for_the_sensitive_data_group(self):
        sensitive = {
            "health_constraints",
            "disability_recognised",
            "confidential_notes",
        }
        for user in (self.reader, self.internal_user, self.counsellor_north):
            fields_seen = self.Beneficiary.with_user(user).fields_get()
            self.assertFalse(sensitive & set(fields_seen), user.login)
        with self.assertRaises(AccessError):
            self.north_file.with_user(self.counsellor_north).read(
                ["health_constraints"]
            )
        self.counsellor_north.groups_id += self.env.ref(
            "plateforme_refugies.group_sensitive_data"
        )
        for user in (self.counsellor_north, self.coordinator):
            record = self.north_file.with_user(user)
            self.assertTrue(
                sensitive <= set(self.Beneficiary.with_user(user).fields_get())
            )
            self.assertEqual(
                record.read(["health_constraints"])[0]["health_constraints"], "Asthme"
            )

    def test_nothing_sensitive_on_the_contact(self):
        partner_fields = set(self.env["res.partner"]._fields)
        for name, field in self.Beneficiary._fields.items():
            if "plateforme_refugies" in (field.groups or ""):
                self.assertNotIn(name, partner_fields)
        self.assertTrue(self.north_file.partner_id.is_refugee_beneficiary)
        contact = self.env["res.partner"].create({"name": "Existing Contact"})
        linked = self._create_beneficiary("Existing Contact", partner_id=contact.id)
        self.assertEqual(linked.partner_id, contact)
        self.assertTrue(contact.is_refugee_beneficiary)

    def test_only_the_coordinator_configures(self):
        with self.assertRaises(AccessError):
            self.site_north.with_user(self.counsellor_north).name = "Renamed"
        with self.assertRaises(AccessError):
            self.env["refugee.exit.outcome"].with_user(self.counsellor_north).create(
                {"name": "Nope", "iae_category": "other"}
            )
        self.site_north.with_user(self.coordinator).name = "Blaisois bis"
        self.assertEqual(self.site_north.name, "Blaisois bis")
