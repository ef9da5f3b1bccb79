# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import RefugeeCase


@tagged("is_query_count")
class TestQueryBudgets(RefugeeCase):
    """The cost of the beneficiary screens does not grow with their rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Beneficiary = cls.env["refugee.beneficiary"]
        beneficiaries = Beneficiary.create(
            [
                {
                    "name": f"Budget Person {index}",
                    "birthdate": date(1990, 1, 1 + index),
                    "site_id": cls.site_north.id,
                    "counsellor_id": cls.counsellor_north.id,
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
        Beneficiary = self.env["refugee.beneficiary"].with_user(self.counsellor_north)
        self.env.invalidate_all()
        Beneficiary.web_search_read([("id", "in", self.ids)], spec, limit=limit)

    def _count(self, call):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        call()
        return self.env.cr.sql_log_count - before

    def test_list_load(self):
        spec = self._spec("list")
        self._list(spec, 20)  # warm the ORM caches
        five = self._count(lambda: self._list(spec, 5))
        twenty = self._count(lambda: self._list(spec, 20))
        self.assertEqual(five, twenty, "the list costs the same for 5 or 20 rows")
        with self.assertQueryCount(10):
            self._list(spec, 20)

    def test_form_load(self):
        spec = self._spec("form")
        beneficiary = self.env["refugee.beneficiary"].browse(self.ids[0])
        beneficiary.with_user(self.counsellor_north).web_read(spec)
        self.env.invalidate_all()
        with self.assertQueryCount(37):
            beneficiary.with_user(self.counsellor_north).web_read(spec)
