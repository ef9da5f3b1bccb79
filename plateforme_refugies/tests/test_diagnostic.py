# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import RefugeeCase


@freeze_time("2026-03-02")
class TestDiagnostic(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journey = cls._create_journey(cls._create_beneficiary("Mariam Hassan"))

    def _open_diagnostic(self):
        action = self.journey.with_user(self.counsellor_north).action_open_diagnostic()
        return self.env["refugee.diagnostic"].browse(action["res_id"])

    def test_completion_starts_the_plan(self):
        self.journey.action_start_diagnostic()
        diagnostic = self._open_diagnostic().with_user(self.counsellor_north)
        self.assertEqual(self.journey.diagnostic_id, diagnostic)
        self.assertEqual(diagnostic.site_id, self.site_north)
        diagnostic.write(
            {
                "skills": "Soins aux personnes",
                "conclusion": "Ateliers puis immersion en EHPAD",
                "drawer_workshops": True,
                "drawer_employment": True,
            }
        )
        diagnostic.action_complete()
        self.assertEqual(diagnostic.state, "done")
        self.assertEqual(diagnostic.completed_by_id, self.counsellor_north)
        self.assertEqual(diagnostic.completion_date, date(2026, 3, 2))
        self.assertEqual(self.journey.state, "in_progress")
        self.assertTrue(self.journey.drawer_workshops)
        self.assertTrue(self.journey.drawer_employment)
        self.assertFalse(self.journey.drawer_sas)
        # opening it again gives the same diagnostic
        self.assertEqual(self._open_diagnostic(), diagnostic)

    def test_completion_from_the_orientation_step(self):
        diagnostic = self._open_diagnostic()
        diagnostic.write({"conclusion": "SAS IAE", "drawer_sas": True})
        diagnostic.with_user(self.counsellor_north).action_complete()
        self.assertEqual(self.journey.state, "in_progress")
        self.assertEqual(self.journey.diagnostic_date, date(2026, 3, 2))

    def test_drawers_are_proposed_from_the_journey(self):
        self.journey.drawer_training = True
        self.assertTrue(self._open_diagnostic().drawer_training)

    def test_completion_needs_a_conclusion_and_a_drawer(self):
        self.journey.action_start_diagnostic()
        diagnostic = self._open_diagnostic().with_user(self.counsellor_north)
        with self.assertRaisesRegex(UserError, "conclusion"):
            diagnostic.action_complete()
        diagnostic.conclusion = "À revoir"
        with self.assertRaisesRegex(UserError, "at least one drawer"):
            diagnostic.action_complete()
        self.assertEqual(self.journey.state, "diagnostic")
        self.assertEqual(diagnostic.state, "draft")

    @mute_logger("odoo.sql_db")
    def test_one_diagnostic_per_journey(self):
        self._open_diagnostic()
        with self.assertRaises(IntegrityError):
            self.env["refugee.diagnostic"].create({"journey_id": self.journey.id})
            self.env.flush_all()
