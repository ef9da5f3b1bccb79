# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import tagged

from ..models.refugee_beneficiary import RULES_IN_SQL_FROM
from .common import RefugeeCase

# the list of files as a counsellor: the files, their count (the rules of the
# files and of their contacts in the same query), their contacts, activities,
# counsellors (users and their contacts), sites, and their current journeys
# with their names in one query (the site rule applied); the record rules of
# the files read are those the search applied (no query of their own), and
# the reader's own user is not read (no sensitive field, no access to log)
LIST_QUERIES = 9
# a batch of new files: the sequence, the INSERTs of contacts and files (up to
# 100 rows each), the duplicate check; the same for any size up to 100 files
BATCH_CREATE_QUERIES = 6


@tagged("is_query_count")
class TestQueryBudgets(RefugeeCase):
    """The cost of the beneficiary screens does not grow with their rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Beneficiary = cls.env["refugee.beneficiary"]
        # the files of a colleague of the same site: the counsellor's list
        # shows every file of the site
        colleague = cls._counsellor(
            "test_cip_north_colleague", cls.site_north, name="Test Colleague North"
        )
        beneficiaries = Beneficiary.create(
            [
                {
                    "name": f"Budget Person {index}",
                    "birthdate": date(1990, 1, 1 + index),
                    "site_id": cls.site_north.id,
                    "counsellor_id": colleague.id,
                }
                for index in range(20)
            ]
        )
        cls.env["refugee.journey"].create(
            [{"beneficiary_id": b.id} for b in beneficiaries[:10]]
        )
        cls.ids = beneficiaries.ids

    def _spec(self, view_type):
        Beneficiary = self.env["refugee.beneficiary"].with_user(self.counsellor_north)
        views = Beneficiary.get_views([(False, view_type)])
        fields = views["models"]["refugee.beneficiary"]["fields"]
        return {
            name: {"fields": {"display_name": {}}}
            if info["type"] in ("many2one", "one2many", "many2many")
            else {}
            for name, info in fields.items()
        }

    def _list(self, spec, limit):
        # with the user's time zone, as the web client sends it
        Beneficiary = (
            self.env["refugee.beneficiary"]
            .with_user(self.counsellor_north)
            .with_context(tz="Europe/Paris")
        )
        self.env.invalidate_all()
        return Beneficiary.web_search_read([("id", "in", self.ids)], spec, limit=limit)

    def _count(self, call):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        call()
        return self.env.cr.sql_log_count - before

    def test_list_load(self):
        spec = self._spec("list")
        self._list(spec, 20)  # warm the ORM caches
        few = self._count(lambda: self._list(spec, RULES_IN_SQL_FROM))
        twenty = self._count(lambda: self._list(spec, 20))
        self.assertEqual(few, twenty, "the list costs the same for 10 or 20 rows")
        with self.assertQueryCount(LIST_QUERIES):
            result = self._list(spec, 20)
        self.assertEqual(result["length"], 20)
        journeys = {
            record["id"]: record["current_journey_id"] for record in result["records"]
        }
        with_journey = self.ids[:10]
        self.assertTrue(all(journeys[id_]["display_name"] for id_ in with_journey))
        self.assertFalse(any(journeys[id_] for id_ in self.ids[10:]))

    def test_form_load(self):
        spec = self._spec("form")
        beneficiary = (
            self.env["refugee.beneficiary"]
            .browse(self.ids[0])
            .with_user(self.counsellor_north)
            .with_context(tz="Europe/Paris")
        )
        beneficiary.web_read(spec)
        self.env.invalidate_all()
        with self.assertQueryCount(20):
            beneficiary.web_read(spec)

    def _create_files(self, count, prefix):
        return self.env["refugee.beneficiary"].create(
            [
                {
                    "name": f"{prefix} Person {index}",
                    "birthdate": date(1985, 1, 1) + timedelta(days=index),
                    "site_id": self.site_north.id,
                }
                for index in range(count)
            ]
        )

    def test_batch_create(self):
        """A batch of new files costs the same queries for 5 or 50 files: one
        query for their numbers, no UPDATE after their INSERT."""
        self._create_files(2, "Warm")

        def create(count, prefix):
            self._create_files(count, prefix)
            self.env.flush_all()

        five = self._count(lambda: create(5, "Five"))
        fifty = self._count(lambda: create(50, "Fifty"))
        self.assertEqual(five, fifty, "a batch costs the same for 5 or 50 files")
        with self.assertQueryCount(BATCH_CREATE_QUERIES):
            files = self._create_files(50, "Budget")
        numbers = [int(ref.removeprefix("BEN-")) for ref in files.mapped("reference")]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 50)))
        self.assertEqual(files.mapped("name_key")[:1], ["budget person 0"])
        self.assertTrue(all(files.partner_id.mapped("is_refugee_beneficiary")))
