# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from .employer_common import EmployerCase


class TestMatching(EmployerCase):
    """Suggest employers to a beneficiary, and beneficiaries to an employer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north_file.write(
            {
                "city": "Blois",
                "wished_sector_ids": [Command.set(cls.sector_agriculture.ids)],
                "french_level": "a2",
                "mobility_area": "site",
                "housing_situation": "cada",
            }
        )
        Partner = cls.env["res.partner"]
        # wished sector, level reached, same commune, housing, a free tutor
        cls.employer.write(
            {
                "employer_french_level": "a1",
                "employer_housing_available": True,
                "employer_housing_places": 2,
            }
        )
        cls.demanding = Partner.create(
            {
                "name": "Coopérative exigeante",
                "is_company": True,
                "is_partner_employer": True,
                "city": "Mer",
                "employer_site_id": cls.site_north.id,
                "employer_sector_id": cls.sector_agriculture.id,
                "employer_french_level": "b1",
                "employer_tutor_ids": [Command.create({"name": "Tuteur Coop"})],
            }
        )
        cls.builder = Partner.create(
            {
                "name": "Bâtiment du Nord",
                "is_company": True,
                "is_partner_employer": True,
                "city": "Vineuil",
                "employer_site_id": cls.site_north.id,
                "employer_sector_id": cls.sector_construction.id,
                "employer_french_level": "a1",
                "employer_tutor_ids": [
                    Command.create({"name": "Tuteur BTP", "is_employer_tutor": True})
                ],
            }
        )
        cls.far_restaurant = Partner.create(
            {
                "name": "Restaurant du Sud",
                "is_company": True,
                "is_partner_employer": True,
                "city": "Romorantin-Lanthenay",
                "employer_site_id": cls.site_south.id,
                "employer_sector_id": cls.sector_restaurants.id,
                "employer_housing_available": True,
            }
        )
        cls.not_partner = Partner.create({"name": "Pas partenaire", "is_company": True})

    def _suggest(self, user, beneficiary=None, employer=None):
        wizard = (
            self.env["refugee.match.wizard"]
            .with_user(user)
            .create(
                {
                    "beneficiary_id": beneficiary and beneficiary.id,
                    "employer_id": employer and employer.id,
                }
            )
        )
        return wizard.line_ids

    def test_employers_ranked_for_a_beneficiary(self):
        lines = self._suggest(self.counsellor_north, beneficiary=self.north_file)
        mine = self.employer | self.builder | self.demanding | self.far_restaurant
        ranked = lines.employer_id
        self.assertEqual(
            ranked.filtered(lambda employer: employer in mine).ids,
            [
                self.employer.id,
                self.builder.id,
                self.demanding.id,
                self.far_restaurant.id,
            ],
        )
        self.assertNotIn(self.not_partner, ranked)
        best = lines.filtered(lambda line: line.employer_id == self.employer)
        self.assertEqual(best.score, 40 + 20 + 20 + 15 + 10)
        self.assertEqual(
            best.reasons,
            "Wished sector · French A2, A1 required · Same commune · Housing offered "
            "· 1 tutoring place(s) free",
        )
        demanding = lines.filtered(lambda line: line.employer_id == self.demanding)
        self.assertIn("French A2 below the B1 required", demanding.reasons)
        self.assertIn("Needs housing, none offered", demanding.reasons)
        self.assertIn("No tutor free", demanding.reasons, "not flagged as a tutor")
        far = lines.filtered(lambda line: line.employer_id == self.far_restaurant)
        self.assertIn("Outside the accepted area", far.reasons)

    def test_busy_tutor_lowers_the_employer(self):
        self._create_immersion().action_sign()
        lines = self._suggest(self.counsellor_north, beneficiary=self.north_file)
        mine = self.employer | self.builder
        self.assertEqual(
            lines.employer_id.filtered(lambda employer: employer in mine).ids,
            [self.employer.id, self.builder.id],
        )
        employer_line = lines.filtered(lambda line: line.employer_id == self.employer)
        self.assertEqual(employer_line.free_tutoring, 0)
        self.assertEqual(employer_line.score, 105 - 35)
        self.assertIn("No tutor free", employer_line.reasons)

    def test_beneficiaries_ranked_for_an_employer(self):
        self.south_file.write({"mobility_area": "commune", "city": "Romorantin"})
        closed = self._create_beneficiary("Sans parcours ouvert", city="Blois")
        lines = self._suggest(self.coordinator, employer=self.employer)
        mine = self.north_file | self.south_file | closed
        self.assertEqual(
            lines.beneficiary_id.filtered(lambda person: person in mine).ids,
            [self.north_file.id, self.south_file.id],
            "best first; no file without a journey in progress",
        )
        # a counsellor only gets the people of their sites
        lines = self._suggest(self.counsellor_south, employer=self.employer)
        self.assertEqual(lines.beneficiary_id, self.south_file)
        self.assertIn("Outside the accepted area", lines.reasons)

    def test_one_query_whatever_the_number_of_records(self):
        Wizard = self.env["refugee.match.wizard"].with_user(self.counsellor_north)
        for_beneficiary = {"beneficiary_id": self.north_file.id}
        for_employer = {"employer_id": self.employer.id}
        Wizard.create(for_beneficiary)  # warm the registry caches (rules, groups)
        Wizard.create(for_employer)
        for employers in (0, 60):
            self.env["res.partner"].create(
                [
                    {
                        "name": f"Employeur {index}",
                        "is_company": True,
                        "is_partner_employer": True,
                        "employer_sector_id": self.sector_agriculture.id,
                        "employer_tutor_ids": [
                            Command.create(
                                {"name": f"Tuteur {index}", "is_employer_tutor": True}
                            )
                        ],
                    }
                    for index in range(employers)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(9):
                suggestion = Wizard.create(for_beneficiary)
            self.env.invalidate_all()
            with self.assertQueryCount(8):
                Wizard.create(for_employer)
        self.assertEqual(len(suggestion.line_ids), 30, "ranked and cut by the database")
