# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from .common import RefugeeCase


class EmployerCase(RefugeeCase):
    """A partner employer with a tutor, and beneficiaries with a journey in
    progress on both sites; today is the reference date."""

    freeze_time = RefugeeCase.reference_date

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.sector_agriculture = cls.env.ref("plateforme_refugies.sector_agriculture")
        cls.sector_restaurants = cls.env.ref("plateforme_refugies.sector_restaurants")
        cls.sector_construction = cls.env.ref("plateforme_refugies.sector_construction")
        cls.employer = Partner.create(
            {
                "name": "Les Jardins de Test",
                "is_company": True,
                "city": "Blois",
                "is_partner_employer": True,
                "employer_sector_id": cls.sector_agriculture.id,
                "employer_site_id": cls.site_north.id,
            }
        )
        cls.tutor = Partner.create(
            {
                "name": "Didier Tuteur",
                "parent_id": cls.employer.id,
                "is_employer_tutor": True,
            }
        )
        cls.other_employer = Partner.create(
            {"name": "Restaurant Test", "is_company": True, "is_partner_employer": True}
        )
        cls.north_file = cls._create_beneficiary("Yonas Tekle")
        cls.south_file = cls._create_beneficiary("Leila Ahmadi", site=cls.site_south)
        cls.north_journey = cls._start_journey(cls.north_file)
        cls.south_journey = cls._start_journey(cls.south_file)

    @classmethod
    def _start_journey(cls, beneficiary):
        journey = cls._create_journey(beneficiary, drawer_employment=True)
        journey.action_start_diagnostic()
        journey.action_start_plan()
        return journey

    @classmethod
    def _create_immersion(cls, beneficiary=None, employer=None, **values):
        employer = employer or cls.employer
        return cls.env["refugee.immersion"].create(
            {
                "beneficiary_id": (beneficiary or cls.north_file).id,
                "employer_id": employer.id,
                "tutor_id": cls.tutor.id if employer == cls.employer else False,
                "objective": "discover",
                "date_start": date(2026, 3, 2),
                **values,
            }
        )
