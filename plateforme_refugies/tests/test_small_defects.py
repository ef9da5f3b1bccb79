# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .employer_common import EmployerCase


class TestSmallDefects(EmployerCase):
    """What a counsellor met when trying the flows, each with its proof."""

    def _views(self, view_types=("list", "form")):
        """(model, view type, combined arch) of every view of the addon."""
        data = self.env["ir.model.data"].search(
            [("module", "=", "plateforme_refugies"), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id"))
        for view in views.filtered(lambda v: v.type in view_types and not v.inherit_id):
            arch = self.env[view.model].get_views([(view.id, view.type)])["views"][
                view.type
            ]["arch"]
            yield view, etree.fromstring(arch)

    def test_datetimes_without_seconds(self):
        shown_with_seconds = []
        for view, arch in self._views():
            for node in arch.iter("field"):
                model = self.env[view.model]
                # fields of a sub-view belong to the x2many's model
                parent = node.getparent()
                while parent is not None and parent.tag not in ("list", "form"):
                    parent = parent.getparent()
                owner = parent.getparent() if parent is not None else None
                if owner is not None and owner.tag == "field":
                    outer = self.env[view.model]._fields.get(owner.get("name"))
                    if outer is None or not outer.relational:
                        continue
                    model = self.env[outer.comodel_name]
                field = model._fields.get(node.get("name"))
                if not field or field.type != "datetime":
                    continue
                if node.get("column_invisible") == "1" or node.get("invisible") == "1":
                    continue
                options = safe_eval(node.get("options") or "{}")
                if options.get("show_seconds") is not False:
                    shown_with_seconds.append(f"{view.xml_id}: {node.get('name')}")
        self.assertFalse(shown_with_seconds, "datetimes shown with their seconds")

    def test_sas_steps_in_the_order_they_are_lived(self):
        arch = etree.fromstring(
            self.env["refugee.journey"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
        )
        steps = arch.xpath("//field[@name='sas_placement_ids']/list")
        self.assertEqual(steps[0].get("default_order"), "date_start, id")

    def test_pmsmp_needs_its_weekly_hours(self):
        immersion = self._create_immersion()
        self.assertEqual(immersion.weekly_hours, 35.0)
        for hours in (0.0, -1.0, 49.0):
            with self.subTest(hours=hours):
                with self.assertRaisesRegex(ValidationError, "hours a week"):
                    immersion.with_user(self.counsellor_north).weekly_hours = hours
        self.assertEqual(immersion.weekly_hours, 35.0)
        immersion.weekly_hours = 17.5
        self.assertEqual(immersion.weekly_hours, 17.5)

    def test_residence_permit_dates(self):
        person = self.north_file.with_user(self.counsellor_north)
        person.write(
            {
                "protection_date": date(2024, 6, 3),
                "residence_permit_issue_date": date(2024, 9, 2),
                "residence_permit_expiry": date(2034, 9, 1),
            }
        )
        with self.assertRaisesRegex(ValidationError, "cannot expire .* before it was"):
            person.residence_permit_expiry = date(2024, 9, 1)
        with self.assertRaisesRegex(ValidationError, "before the protection was"):
            person.residence_permit_issue_date = date(2024, 6, 2)
        with self.assertRaisesRegex(ValidationError, "before the protection was"):
            person.protection_date = date(2024, 9, 3)
        self.assertEqual(person.residence_permit_issue_date, date(2024, 9, 2))
        self.assertEqual(person.protection_date, date(2024, 6, 3))

    def test_no_attendance_rate_before_a_workshop_is_held(self):
        workshop = self.env["event.event"].create(
            {
                "name": "Atelier CV",
                "is_workshop": True,
                "workshop_theme_id": self.env["refugee.workshop.theme"]
                .search([], limit=1)
                .id,
                "site_id": self.site_north.id,
                "date_begin": "2026-03-20 08:00:00",
                "date_end": "2026-03-20 10:00:00",
            }
        )
        registration = self.env["event.registration"].create(
            {"event_id": workshop.id, "beneficiary_id": self.north_file.id}
        )
        person = self.north_file
        self.assertEqual(person.workshop_count, 1)
        self.assertFalse(person.workshop_attendance_known)
        registration.attendance = "absent"
        self.assertTrue(person.workshop_attendance_known)
        self.assertEqual(person.workshop_attendance_rate, 0.0)
        arch = etree.fromstring(
            self.env["refugee.beneficiary"].get_views([(False, "form")])["views"][
                "form"
            ]["arch"]
        )
        rate = arch.xpath("//button[@name='action_view_workshop_registrations']")[
            0
        ].xpath(".//field[@name='workshop_attendance_rate']/..")[0]
        self.assertEqual(rate.get("invisible"), "not workshop_attendance_known")

    def test_the_file_in_six_tabs_one_of_them_french(self):
        arch = etree.fromstring(
            self.env["refugee.beneficiary"].get_views([(False, "form")])["views"][
                "form"
            ]["arch"]
        )
        tabs = [page.get("string") for page in arch.iter("page")]
        self.assertEqual(
            tabs,
            [
                "Identity and status",
                "French",
                "Experience and wishes",
                "Workshops and schemes",
                "Convocations and presence",
                "Partners and consent",
            ],
        )
