# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import RefugeeCase, RefugeeTourCase


class TestOrientationWizard(RefugeeCase):
    """The short intake: file and journey in one step, duplicates shown as
    soon as the name and the birth date are typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.existing = cls._create_beneficiary(
            "Amina Youssouf", site=cls.site_south, birthdate=date(1995, 4, 12)
        )
        cls.ofii = cls.env["res.partner"].create(
            {"name": "OFII Orléans", "is_company": True}
        )

    def _form(self):
        wizard = self.env["refugee.orientation.wizard"].with_user(self.counsellor_north)
        return Form(wizard)

    def test_new_orientation_creates_the_file_and_its_journey(self):
        form = self._form()
        self.assertEqual(form.site_id, self.site_north)
        form.name = "Hawa Camara"
        form.birthdate = date(1998, 9, 3)
        form.phone = "06 12 34 56 78"
        form.orienting_partner_id = self.ofii
        form.contact_language_id = self.env.ref("plateforme_refugies.language_bm")
        form.interpreter_needed = True
        self.assertFalse(form.duplicate_warning)
        action = form.save().action_create()
        beneficiary = self.env["refugee.beneficiary"].browse(action["res_id"])
        self.assertEqual(beneficiary.name, "Hawa Camara")
        self.assertEqual(beneficiary.site_id, self.site_north)
        self.assertEqual(beneficiary.counsellor_id, self.counsellor_north)
        self.assertTrue(beneficiary.interpreter_needed)
        journey = beneficiary.current_journey_id
        self.assertEqual(journey.orienting_partner_id, self.ofii)
        self.assertEqual(journey.state, "orientation")

    def test_duplicate_shown_as_soon_as_name_and_birthdate_are_typed(self):
        form = self._form()
        form.name = "YOUSSOUF Amína"
        self.assertFalse(form.duplicate_warning)
        form.birthdate = date(1995, 4, 12)
        # another site's file: the counsellor learns it exists, and where
        self.assertIn(self.existing.reference, form.duplicate_warning)
        self.assertIn("Test South", form.duplicate_warning)
        form.birthdate = date(1995, 4, 13)
        self.assertFalse(form.duplicate_warning)
        form.birthdate = date(1995, 4, 12)
        form.name = "Amina Youssouf"
        wizard = form.save()
        with self.assertRaisesRegex(ValidationError, "already exists"):
            wizard.action_create()
        self.assertEqual(
            self.env["refugee.beneficiary"].search_count(
                [("name", "=", "Amina Youssouf")]
            ),
            1,
        )


@tagged("post_install", "-at_install")
class TestOrientationWizardTour(RefugeeTourCase):
    def test_short_intake_with_the_duplicate_warning(self):
        site, counsellor = self._site_with_user(
            "Tour Orientation", "TOR", "tour_cip_orientation", "Tour Orientation"
        )
        existing = self.env["refugee.beneficiary"].create(
            {
                "name": "Fatou Tour-Doublon",
                "birthdate": "1990-05-17",
                "site_id": site.id,
                "counsellor_id": counsellor.id,
            }
        )
        self.start_tour(
            "/odoo/new-orientation",
            "plateforme_refugies_orientation_tour",
            login="tour_cip_orientation",
        )
        created = self.env["refugee.beneficiary"].search(
            [("name", "=", "Fatou Tour-Doublon"), ("id", "!=", existing.id)]
        )
        self.assertEqual(created.birthdate, date(1991, 5, 17))
        self.assertEqual(created.site_id, site)
        self.assertEqual(created.create_uid, counsellor)
        self.assertEqual(created.current_journey_id.state, "orientation")
