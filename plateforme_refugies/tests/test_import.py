# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io

from odoo.tools import file_open, mute_logger

from .common import RefugeeCase

FIELDS = [
    "name",
    "birthdate",
    "site_id",
    "protection_type",
    "journey_ids/orientation_date",
]


class TestImport(RefugeeCase):
    """Import of an existing caseload: all rows or none, each bad row named."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.existing = cls._create_beneficiary("Ahmad Rahimi")
        cls.Beneficiary = cls.env["refugee.beneficiary"].with_user(cls.coordinator)

    def _created(self, names):
        return self.env["refugee.beneficiary"].search([("name", "in", names)])

    def test_good_and_bad_rows_import_nothing_and_name_each_bad_row(self):
        rows = [
            ["Karim Nazari", "1994-03-12", "Test North", "refugee", "2026-01-12"],
            ["", "1990-01-01", "Test North", "refugee", "2026-01-12"],
            ["Shirin Rahmani", "31/02/1990", "Test North", "subsidiary", ""],
            ["Omar Abdelrahman", "1988-04-01", "Test West", "refugee", ""],
            ["AHMAD  RAHIMI", "1990-05-17", "Test South", "refugee", ""],
            ["Leila Ahmadi", "1999-09-09", "Test South", "subsidiary", "2026-02-02"],
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.Beneficiary.load(FIELDS, rows)
        self.assertFalse(result["ids"])
        errors = {}
        for message in result["messages"]:
            if message["type"] == "error":
                errors.setdefault(message["rows"]["from"], []).append(
                    message["message"]
                )
        self.assertEqual(sorted(errors), [1, 2, 3, 4], result["messages"])
        self.assertIn("name of the person is missing", errors[1][0])
        self.assertIn("31/02/1990", errors[2][0])
        self.assertIn("Test West", errors[3][0])
        self.assertIn("A file already exists for Ahmad Rahimi", errors[4][0])
        self.assertIn(self.existing.reference, errors[4][0])
        self.assertFalse(self._created(["Karim Nazari", "Leila Ahmadi"]))
        self.assertFalse(
            self.env["refugee.journey"].search(
                [("orientation_date", "in", ["2026-01-12", "2026-02-02"])]
            )
        )

    def test_good_rows_import_files_and_journeys(self):
        rows = [
            ["Karim Nazari", "1994-03-12", "Test North", "refugee", "2026-01-12"],
            ["Leila Ahmadi", "1999-09-09", "Test South", "subsidiary", ""],
        ]
        result = self.Beneficiary.load(FIELDS, rows)
        self.assertEqual(len(result["ids"]), 2, result["messages"])
        karim, leila = self.env["refugee.beneficiary"].browse(result["ids"])
        self.assertEqual(karim.site_id, self.site_north)
        self.assertEqual(karim.journey_ids.orientation_date.isoformat(), "2026-01-12")
        self.assertEqual(karim.journey_ids.site_id, self.site_north)
        self.assertFalse(leila.journey_ids)
        self.assertEqual(leila.protection_type, "subsidiary")

    def test_template_is_offered_and_imports_as_is(self):
        templates = self.Beneficiary.get_import_templates()
        self.assertEqual(len(templates), 1)
        path = templates[0]["template"].lstrip("/")
        with file_open(path, "r") as template:
            header, *rows = list(csv.reader(io.StringIO(template.read())))
        result = self.Beneficiary.load(header, rows)
        self.assertEqual(len(result["ids"]), 2, result["messages"])
        people = self.env["refugee.beneficiary"].browse(result["ids"])
        self.assertEqual(len(people.journey_ids), 2)
        self.assertEqual(set(people.mapped("site_id.name")), {"Blaisois", "Vendômois"})
        self.assertTrue(all(people.mapped("nationality_id")))
