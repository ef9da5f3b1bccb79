# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command

from .common import RefugeeCase


class SiaeCase(RefugeeCase):
    """SIAE of the tests, and journeys ready for a SAS.

    The SAS partners of the demo data, if any, stop being partners for the
    test: the planner then only sees the SIAE below.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Partner.search([("is_sas_partner", "=", True)]).is_sas_partner = False
        cls.sector_agriculture = cls.env.ref("plateforme_refugies.sector_agriculture")
        cls.sector_cleaning = cls.env.ref("plateforme_refugies.sector_cleaning")
        cls.sector_recycling = cls.env.ref("plateforme_refugies.sector_recycling")
        cls.sector_logistics = cls.env.ref("plateforme_refugies.sector_logistics")
        cls.farm = cls._create_siae("Test Farm", cls.sector_agriculture)
        cls.garden = cls._create_siae("Test Garden", cls.sector_agriculture)
        cls.cleaning = cls._create_siae("Test Cleaning", cls.sector_cleaning)
        cls.recycling = cls._create_siae("Test Recycling", cls.sector_recycling)
        cls.interim = cls._create_siae(
            "Test Interim", cls.sector_logistics, is_sas_partner=False, capacity=5
        )
        cls.farm_supervisor = Partner.create(
            {
                "name": "Test Farm Supervisor",
                "parent_id": cls.farm.id,
                "is_siae_supervisor": True,
            }
        )
        cls.north_person = cls._create_beneficiary("Ahmad Rahimi")
        cls.north_journey = cls._create_sas_journey(cls.north_person)
        cls.south_person = cls._create_beneficiary("Mariam Hassan", site=cls.site_south)
        cls.south_journey = cls._create_sas_journey(cls.south_person)

    @classmethod
    def _create_siae(cls, name, sector, is_sas_partner=True, capacity=2):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_siae": True,
                "siae_type": "aci",
                "siae_activity_ids": [Command.set(sector.ids)],
                "siae_capacity": capacity,
                "is_sas_partner": is_sas_partner,
            }
        )

    @classmethod
    def _create_sas_journey(cls, beneficiary, **values):
        return cls._create_journey(
            beneficiary,
            **{
                "state": "in_progress",
                "start_date": date(2026, 1, 12),
                "drawer_sas": True,
                **values,
            },
        )

    @classmethod
    def _place(cls, journey, siae, start, end, **values):
        return cls.env["refugee.siae.placement"].create(
            {
                "journey_id": journey.id,
                "siae_id": siae.id,
                "date_start": start,
                "date_end": end,
                "is_sas": True,
                **values,
            }
        )

    @classmethod
    def _person_in_sas(cls, name, site=None):
        return cls._create_sas_journey(cls._create_beneficiary(name, site=site))
