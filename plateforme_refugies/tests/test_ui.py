# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import RefugeeTourCase


@tagged("post_install", "-at_install")
class TestBeneficiaryTour(RefugeeTourCase):
    def test_counsellor_creates_a_file_and_opens_the_journey(self):
        site, counsellor = self._site_with_user(
            "Tour Site", "TOUR", "tour_cip", "Tour Counsellor"
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


@tagged("post_install", "-at_install")
class TestSasPlannerTour(RefugeeTourCase):
    def test_counsellor_plans_a_sas_and_accepts_it(self):
        Partner = self.env["res.partner"]
        Partner.search([("is_sas_partner", "=", True)]).is_sas_partner = False
        sector = self.env.ref("plateforme_refugies.sector_agriculture")
        siaes = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "is_siae": True,
                    "siae_type": "aci",
                    "is_sas_partner": True,
                    "siae_activity_ids": [Command.set(sector.ids)],
                }
                for name in ("Tour Farm", "Tour Garden", "Tour Orchard")
            ]
        )
        site, counsellor = self._site_with_user(
            "Tour SAS", "TSAS", "tour_sas_cip", "Tour SAS Counsellor"
        )
        beneficiary = self.env["refugee.beneficiary"].create(
            {
                "name": "Tour Sas-Person",
                "birthdate": "1992-04-03",
                "site_id": site.id,
                "counsellor_id": counsellor.id,
                "wished_sector_ids": [Command.set(sector.ids)],
            }
        )
        journey = self.env["refugee.journey"].create(
            {
                "beneficiary_id": beneficiary.id,
                "state": "in_progress",
                "drawer_sas": True,
            }
        )
        self.start_tour(
            f"/odoo/journeys/{journey.id}",
            "plateforme_refugies_sas_planner_tour",
            login="tour_sas_cip",
        )
        placements = journey.sas_placement_ids
        self.assertEqual(len(placements), 3)
        self.assertEqual(placements.siae_id, siaes)
        self.assertEqual(set(placements.mapped("state")), {"planned"})
        self.assertEqual(placements.create_uid, counsellor)


@tagged("post_install", "-at_install")
class TestInterviewTour(RefugeeTourCase):
    def test_counsellor_records_an_interview_with_a_referred_barrier(self):
        site, counsellor = self._site_with_user(
            "Tour Site", "TOUR", "tour_cip_interview", "Tour Interview Counsellor"
        )
        cada = self.env["res.partner"].create(
            {
                "name": "CADA Tour-Blois",
                "is_company": True,
                "refugee_partner_type_ids": [
                    Command.link(
                        self.env.ref(
                            "plateforme_refugies.partner_type_accommodation"
                        ).id
                    )
                ],
            }
        )
        beneficiary = self.env["refugee.beneficiary"].create(
            {
                "name": "Karim Tour-Haidari",
                "birthdate": "1992-04-12",
                "site_id": site.id,
                "counsellor_id": counsellor.id,
            }
        )
        journey = self.env["refugee.journey"].create({"beneficiary_id": beneficiary.id})
        self.start_tour(
            "/odoo/interviews",
            "plateforme_refugies_interview_tour",
            login="tour_cip_interview",
        )
        interview = journey.interview_ids
        self.assertEqual(len(interview), 1)
        self.assertEqual(interview.counsellor_id, counsellor)
        self.assertEqual(interview.kind, "follow_up")
        barrier = journey.barrier_ids
        self.assertEqual(
            barrier.barrier_type_id,
            self.env.ref("plateforme_refugies.barrier_type_housing"),
        )
        self.assertEqual(barrier.state, "referred")
        self.assertEqual(barrier.partner_id, cada)
        self.assertTrue(barrier.referred_date)
        self.assertEqual(barrier.interview_id, interview)


@tagged("post_install", "-at_install")
class TestImmersionTour(RefugeeTourCase):
    def test_counsellor_records_and_closes_an_immersion(self):
        site, counsellor = self._site_with_user(
            "Tour PMSMP", "TPM", "tour_cip_pmsmp", "Tour PMSMP Counsellor"
        )
        beneficiary = self.env["refugee.beneficiary"].create(
            {
                "name": "Hewan Tour-Gebremedhin",
                "birthdate": "1994-02-11",
                "site_id": site.id,
                "counsellor_id": counsellor.id,
            }
        )
        journey = self.env["refugee.journey"].create(
            {"beneficiary_id": beneficiary.id, "drawer_employment": True}
        )
        journey.action_start_diagnostic()
        journey.action_start_plan()
        employer = self.env["res.partner"].create(
            {
                "name": "Ferme Tour",
                "is_company": True,
                "is_partner_employer": True,
                "employer_tutor_ids": [
                    Command.create({"name": "Marc Tuteur", "is_employer_tutor": True})
                ],
            }
        )
        self.start_tour(
            "/odoo/immersions",
            "plateforme_refugies_immersion_tour",
            login="tour_cip_pmsmp",
        )
        immersion = self.env["refugee.immersion"].search(
            [("beneficiary_id", "=", beneficiary.id)]
        )
        self.assertEqual(len(immersion), 1)
        self.assertEqual(immersion.create_uid, counsellor)
        self.assertEqual(immersion.journey_id, journey)
        self.assertEqual(immersion.employer_id, employer)
        self.assertEqual(immersion.tutor_id, employer.employer_tutor_ids)
        self.assertEqual(immersion.state, "done")
        self.assertEqual(immersion.assessment_result, "good")
        self.assertEqual(immersion.hire_prospect, "yes")
        self.assertTrue(immersion.assessment_date)


@tagged("post_install", "-at_install")
class TestReportingTour(RefugeeTourCase):
    def test_coordinator_groups_the_journeys_analysis_by_site(self):
        site, __ = self._site_with_user(
            "Tour Reporting Site",
            "TREP",
            "tour_reporting_coordinator",
            "Tour Reporting Coordinator",
            role="group_coordinator",
        )
        beneficiary = self.env["refugee.beneficiary"].create(
            {
                "name": "Tour Reporting Person",
                "birthdate": "1990-05-17",
                "site_id": site.id,
            }
        )
        self.env["refugee.journey"].create({"beneficiary_id": beneficiary.id})
        self.start_tour(
            "/odoo/journeys-analysis",
            "plateforme_refugies_reporting_tour",
            login="tour_reporting_coordinator",
        )
