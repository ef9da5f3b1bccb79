# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .employer_common import EmployerCase


class TestProspection(EmployerCase):
    """The prospection pipeline and the partner employers it makes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env.ref("plateforme_refugies.crm_team_prospection")

        def stage(name):
            return cls.env.ref(f"plateforme_refugies.crm_stage_{name}")

        cls.stage_identified = stage("identified")
        cls.stage_contacted = stage("contacted")
        cls.stage_agreement = stage("agreement")
        cls.stage_hosting = stage("hosting")
        cls.Lead = cls.env["crm.lead"].with_context(default_team_id=cls.team.id)

    def _new_lead(self, user, **values):
        return self.Lead.with_user(user).create(
            {"name": "Saison des asperges", "type": "opportunity", **values}
        )

    def test_pipeline_has_its_own_stages(self):
        stages = self.Lead._read_group_stage_ids(self.env["crm.stage"], [])
        self.assertEqual(
            stages.mapped("name"),
            [
                "Identified",
                "Contacted",
                "Meeting",
                "Agreement in principle",
                "Hosting",
                "Inactive",
            ],
        )
        lead = self._new_lead(self.counsellor_north, partner_name="Ferme Test")
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.stage_id, self.stage_identified)

    def test_agreement_marks_the_company_as_partner_employer(self):
        lead = self._new_lead(
            self.counsellor_north,
            partner_name="Ferme des Quatre Vents",
            contact_name="Paul Fermier",
            employer_sector_id=self.sector_agriculture.id,
            french_level_required="a1",
            housing_available=True,
            housing_places=2,
            has_seasonal_need=True,
            season_start_month="4",
            season_end_month="9",
        )
        lead.stage_id = self.stage_contacted
        self.assertFalse(lead.partner_id, "no company before the agreement")
        lead.stage_id = self.stage_agreement
        company = lead.partner_id.commercial_partner_id
        self.assertEqual(company.name, "Ferme des Quatre Vents")
        self.assertTrue(company.is_company)
        self.assertTrue(company.is_partner_employer)
        self.assertEqual(company.employer_since, self.reference_date)
        self.assertEqual(lead.agreement_date, self.reference_date)
        self.assertEqual(company.employer_sector_id, self.sector_agriculture)
        self.assertEqual(company.employer_french_level, "a1")
        self.assertEqual(company.employer_housing_places, 2)
        self.assertIn(
            self.env.ref("plateforme_refugies.partner_type_employer"),
            company.refugee_partner_type_ids,
        )
        self.assertFalse(lead.partner_id.is_partner_employer, "the contact is not")
        lead.stage_id = self.stage_hosting
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("name", "=", "Ferme des Quatre Vents")]
            ),
            1,
            "no second copy of the company",
        )

    def test_existing_company_is_reused_with_its_tutor(self):
        company = self.env["res.partner"].create(
            {"name": "Boulangerie Test", "is_company": True}
        )
        tutor = self.env["res.partner"].create({"name": "Julie Tutrice"})
        lead = self._new_lead(
            self.counsellor_south, partner_id=company.id, employer_tutor_id=tutor.id
        )
        partners = self.env["res.partner"].search_count([])
        lead.stage_id = self.stage_agreement
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(lead.partner_id, company)
        self.assertTrue(company.is_partner_employer)
        self.assertEqual(company.employer_tutor_ids, tutor)
        self.assertTrue(tutor.is_employer_tutor)
        self.assertEqual(company.with_user(self.coordinator).employer_free_tutoring, 1)

    def test_company_typed_by_name_is_the_existing_one(self):
        company = self.env["res.partner"].create(
            {"name": "Boulangerie Émile Dupré", "is_company": True}
        )
        # a contact of the same name is no company
        self.env["res.partner"].create({"name": "Boulangerie Emile Dupre"})
        lead = self._new_lead(
            self.counsellor_north, partner_name="  BOULANGERIE  emile-dupre "
        )
        partners = self.env["res.partner"].search_count([])
        lead.stage_id = self.stage_agreement
        self.assertEqual(lead.partner_id, company)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertTrue(company.is_partner_employer)

    def test_company_typed_without_its_accents_is_the_existing_one(self):
        """Every word of the existing name carries an accent: found all the
        same, whether the database has PostgreSQL's unaccent or not."""
        company = self.env["res.partner"].create(
            {"name": "Élevage Hérault", "is_company": True}
        )
        lead = self._new_lead(self.counsellor_north, partner_name="ELEVAGE HERAULT")
        partners = self.env["res.partner"].search_count([])
        lead.stage_id = self.stage_agreement
        self.assertEqual(lead.partner_id, company)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        # another company whose name only looks alike is no match
        lead = self._new_lead(self.counsellor_north, partner_name="Elevage Herauld")
        lead.stage_id = self.stage_agreement
        self.assertNotEqual(lead.partner_id, company)
        self.assertEqual(lead.partner_id.name, "Elevage Herauld")

    def test_agreement_needs_a_company(self):
        lead = self._new_lead(self.counsellor_north)
        with self.assertRaisesRegex(UserError, "Set the company"):
            lead.stage_id = self.stage_agreement
        self.assertEqual(lead.stage_id, self.stage_identified)

    def test_tutor_works_for_the_company(self):
        with self.assertRaisesRegex(ValidationError, "works for Les Jardins de Test"):
            self._new_lead(
                self.counsellor_north,
                partner_id=self.other_employer.id,
                employer_tutor_id=self.tutor.id,
            )

    def test_counsellors_share_the_pipeline_readers_do_not_see_it(self):
        lead = self._new_lead(self.counsellor_north, partner_name="Ferme Test")
        self.assertEqual(lead.user_id, self.counsellor_north)
        other_lead = lead.with_user(self.counsellor_south)
        self.assertEqual(other_lead.name, "Saison des asperges")
        other_lead.stage_id = self.stage_contacted
        self.assertEqual(lead.stage_id, self.stage_contacted)
        self.assertIn(lead, self.env["crm.lead"].with_user(self.coordinator).search([]))
        with self.assertRaises(AccessError):
            lead.with_user(self.reader).read(["name"])
        with self.assertRaises(AccessError):
            self._new_lead(self.reader, partner_name="Ferme Lecteur")
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.internal_user).search([])

    def test_partner_employer_counts(self):
        self._create_immersion().action_sign()
        self._create_immersion(beneficiary=self.south_file, objective="confirm")
        employer = self.employer.with_user(self.coordinator)
        self.assertEqual(employer.employer_immersion_count, 2)
        self.assertEqual(employer.employer_free_tutoring, 0, "one tutor, one signed")
        self.assertEqual(
            self.employer.with_user(self.counsellor_north).employer_immersion_count, 1
        )
