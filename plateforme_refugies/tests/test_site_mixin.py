# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo_test_helper import FakeModelLoader

from odoo import Command
from odoo.exceptions import ValidationError

from .common import RefugeeCase


class TestSiteMixin(RefugeeCase):
    """The site mixin, tested on fake models of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .fake_models import RefugeeFakeSiteNote, RefugeeFakeSiteRecord

        cls.loader.update_registry((RefugeeFakeSiteRecord, RefugeeFakeSiteNote))
        cls.Record = cls.env["refugee.fake.site.record"]
        cls.Note = cls.env["refugee.fake.site.note"]
        cls.env["ir.model.access"].create(
            {
                "name": "fake site record",
                "model_id": cls.env["ir.model"]._get_id("refugee.fake.site.record"),
                "group_id": cls.env.ref("plateforme_refugies.group_counsellor").id,
                "perm_read": True,
            }
        )

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def test_default_site_is_the_users_first_site(self):
        record = self.Record.with_user(self.counsellor_south).new({"name": "x"})
        self.assertEqual(record.site_id, self.site_south)
        note = self.Note.with_user(self.reader).new({"name": "y"})
        self.assertFalse(note.site_id, "a user without site gets no default site")

    def test_is_my_site_compute_and_search(self):
        north = self.Record.create({"name": "north", "site_id": self.site_north.id})
        south = self.Record.create({"name": "south", "site_id": self.site_south.id})
        as_north = self.Record.with_user(self.counsellor_north)
        self.assertTrue(north.with_user(self.counsellor_north).is_my_site)
        self.assertFalse(south.with_user(self.counsellor_north).is_my_site)
        mine = as_north.search(
            [("id", "in", (north | south).ids), ("is_my_site", "=", True)]
        )
        self.assertEqual(mine, north)
        others = as_north.search(
            [("id", "in", (north | south).ids), ("is_my_site", "!=", True)]
        )
        self.assertEqual(others, south)

    def test_assigned_user_must_work_on_the_site(self):
        values = {"site_id": self.site_north.id, "user_id": self.counsellor_north.id}
        record = self.Record.create(values)
        with self.assertRaisesRegex(ValidationError, "does not work on the site"):
            self.Record.create(values).user_id = self.counsellor_south
        with self.assertRaisesRegex(ValidationError, "Test South"):
            self.Record.create(values).site_id = self.site_south
        with self.assertRaisesRegex(ValidationError, "Test Counsellor South"):
            self.Record.create({**values, "user_id": self.counsellor_south.id})
        self.counsellor_north.refugee_site_ids = [Command.link(self.site_south.id)]
        record.site_id = self.site_south
        self.assertEqual(record.site_id, self.site_south)

    def test_model_without_assigned_user_has_no_user_check(self):
        note = self.Note.create({"name": "free", "site_id": self.site_south.id})
        note.site_id = self.site_north
        self.assertEqual(note.site_id, self.site_north)
