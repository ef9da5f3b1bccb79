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

    def test_a_bad_row_is_named_once_on_its_own_row(self):
        """load() refuses the rows that cannot become files before importing
        anything (public API: its own result, ids False): the bad row is named
        once, on its own row, and nothing is reported for the good rows around
        it (Odoo reports the error of a refused batch again on its first row)."""
        rows = [
            ["Karim Nazari", "1994-03-12", "Test North"],
            ["", "1990-01-01", "Test North"],
            ["Leila Ahmadi", "1999-09-09", "Test North"],
        ]
        result = self.Beneficiary.load(["name", "birthdate", "site_id"], rows)
        errors = [
            message["rows"]["from"]
            for message in result["messages"]
            if message["type"] == "error"
        ]
        self.assertEqual(errors, [1], result["messages"])
        self.assertFalse(result["ids"])
        self.assertFalse(self._created(["Karim Nazari", "Leila Ahmadi"]))

    def test_the_same_person_twice_in_the_file(self):
        rows = [
            ["Karim Nazari", "1994-03-12", "Test North", "refugee", "2026-01-12"],
            ["KARIM  Nazari", "1994-03-12", "Test South", "refugee", ""],
            ["Leila Ahmadi", "1999-09-09", "Test West", "subsidiary", ""],
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.Beneficiary.load(FIELDS, rows)
        self.assertFalse(result["ids"])
        by_row = {}
        for message in result["messages"]:
            by_row.setdefault(message["rows"]["from"], []).append(message)
        self.assertEqual(sorted(by_row), [1, 2], result["messages"])
        [twice] = by_row[1]
        self.assertEqual(twice["rows"], {"from": 1, "to": 1})
        self.assertEqual((twice["record"], twice["field"]), (1, "name"))
        self.assertIn("appears twice in the file", twice["message"])
        # the other rows still checked, numbered as in the file
        unknown_site = by_row[2]
        self.assertEqual({message["record"] for message in unknown_site}, {2})
        self.assertIn("Test West", unknown_site[0]["message"])
        self.assertFalse(self._created(["Karim Nazari", "Leila Ahmadi"]))

    def test_rows_updating_a_file_are_not_refused_as_duplicates(self):
        result = self.Beneficiary.load(
            [".id", "name", "birthdate"],
            [[str(self.existing.id), "Ahmad Rahimi", "1990-05-17"]],
        )
        self.assertEqual(result["ids"], self.existing.ids, result["messages"])

    def test_import_wizard_names_each_bad_row_in_french(self):
        """The import screen (base_import), dry run then import: each bad row
        gets its own French message, on the name column, and nothing is
        imported."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env.ref("base.module_plateforme_refugies")._update_translations(
            filter_lang="fr_FR"
        )
        content = (
            "name,birthdate,site_id\n"
            "Karim Nazari,1994-03-12,Test North\n"
            ",1990-01-01,Test North\n"
            "AHMAD RAHIMI,1990-05-17,Test South\n"
            "Leila Ahmadi,1999-09-09,Test North\n"
            "Leila Ahmadi,1999-09-09,Test South\n"
        )
        wizard = (
            self.env["base_import.import"]
            .with_user(self.coordinator)
            .with_context(lang="fr_FR")
            .create(
                {
                    "res_model": "refugee.beneficiary",
                    "file": content.encode(),
                    "file_name": "dossiers.csv",
                    "file_type": "text/csv",
                }
            )
        )
        columns = ["name", "birthdate", "site_id"]
        for dryrun in (True, False):
            result = wizard.execute_import(
                columns,
                columns,
                {
                    "has_headers": True,
                    "quoting": '"',
                    "separator": ",",
                    "encoding": "utf-8",
                    "date_format": "%Y-%m-%d",
                },
                dryrun=dryrun,
            )
            self.assertFalse(result["ids"])
            errors = {
                message["rows"]["from"]: message["message"]
                for message in result["messages"]
                if message["type"] == "error" and message["field"] == "name"
            }
            self.assertEqual(len(result["messages"]), 3, result["messages"])
            self.assertIn("Le nom de la personne est manquant", errors[1])
            self.assertIn("Un dossier existe déjà pour Ahmad Rahimi", errors[2])
            self.assertIn(self.existing.reference, errors[2])
            self.assertIn("apparaît deux fois dans le fichier", errors[4])
            self.assertFalse(self._created(["Karim Nazari", "Leila Ahmadi"]))

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
