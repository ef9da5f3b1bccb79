# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBeneficiaryTour(HttpCase):
    def test_counsellor_creates_a_file_and_opens_the_journey(self):
        site = self.env["refugee.site"].create({"name": "Tour Site", "code": "TOUR"})
        counsellor = new_test_user(
            self.env,
            "tour_cip",
            groups="base.group_user,plateforme_refugies.group_counsellor",
            name="Tour Counsellor",
            refugee_site_ids=[Command.set(site.ids)],
        )
        self.start_tour(
            "/odoo/beneficiaries",
            "plateforme_refugies_beneficiary_tour",
            login="tour_cip",
        )
        beneficiary = self.env["refugee.beneficiary"].search(
            [("name", "=", "Amina Tour-Ibrahim")]
        )
        self.assertEqual(len(beneficiary), 1)
        self.assertEqual(beneficiary.create_uid, counsellor)
        self.assertEqual(beneficiary.site_id, site)
        self.assertEqual(beneficiary.contact_language_id.code, "ar")
        journey = beneficiary.current_journey_id
        self.assertEqual(journey.state, "diagnostic")
        self.assertEqual(journey.counsellor_id, counsellor)
