# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError

from .common_siae import SiaeCase


@freeze_time("2026-03-02")
class TestSiaeAccess(SiaeCase):
    """Placements follow the sites of their journey; SIAE and occupancy are
    shared, since they name no one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north_placement = cls._place(
            cls.north_journey, cls.farm, date(2026, 3, 2), date(2026, 4, 5)
        )
        cls.south_placement = cls._place(
            cls.south_journey, cls.farm, date(2026, 3, 2), date(2026, 4, 5)
        )
        cls.Placement = cls.env["refugee.siae.placement"]
        cls.placements = cls.north_placement | cls.south_placement

    def test_counsellor_sees_and_edits_the_placements_of_their_sites(self):
        Placement = self.Placement.with_user(self.counsellor_north)
        self.assertEqual(
            Placement.search([("id", "in", self.placements.ids)]),
            self.north_placement,
        )
        self.north_placement.with_user(self.counsellor_north).weekly_hours = 30
        self.assertEqual(self.north_placement.weekly_hours, 30)
        with self.assertRaises(AccessError):
            self.south_placement.with_user(self.counsellor_north).read(["siae_id"])
        with self.assertRaises(AccessError):
            self.south_placement.with_user(self.counsellor_north).action_start()
        self.assertEqual(self.south_placement.state, "planned")
        with self.assertRaises(AccessError):
            Placement.create(
                {
                    "journey_id": self.south_journey.id,
                    "siae_id": self.garden.id,
                    "date_start": date(2026, 4, 6),
                    "date_end": date(2026, 5, 10),
                }
            )
        with self.assertRaises(AccessError):
            self.env["refugee.sas.planner.wizard"].with_user(
                self.counsellor_north
            ).create({"journey_id": self.south_journey.id})

    def test_coordinator_sees_every_site(self):
        Placement = self.Placement.with_user(self.coordinator)
        self.assertEqual(
            Placement.search([("id", "in", self.placements.ids)]), self.placements
        )
        self.south_placement.with_user(self.coordinator).action_start()
        self.assertEqual(self.south_placement.state, "running")

    def test_reader_sees_occupancy_never_a_placement(self):
        for user in (self.reader, self.internal_user):
            with self.assertRaises(AccessError):
                self.Placement.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.north_placement.with_user(user).read(["beneficiary_id"])
            with self.assertRaises(AccessError):
                self.env["refugee.sas.planner.wizard"].with_user(user).create(
                    {"journey_id": self.north_journey.id}
                )
        farm = self.farm.with_user(self.reader)
        self.assertEqual((farm.siae_hosted_count, farm.siae_free_places), (2, 0))
        self.env.flush_all()
        report = self.env["refugee.siae.occupancy.report"].with_user(self.reader)
        self.assertEqual(
            report.search(
                [("siae_id", "=", self.farm.id), ("week", "=", date(2026, 3, 2))]
            ).hosted,
            2,
        )
        self.assertNotIn("beneficiary_id", report._fields)
        with self.assertRaises(AccessError):
            self.env["refugee.siae.occupancy.report"].with_user(
                self.internal_user
            ).search([])

    def test_siae_are_contacts_without_personal_data(self):
        partner_fields = self.env["res.partner"]._fields
        for name in ("siae_hosted_count", "siae_free_places", "siae_upcoming_count"):
            self.assertFalse(partner_fields[name].store)
        self.assertNotIn("pass_iae_number", partner_fields)
