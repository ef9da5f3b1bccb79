# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common_siae import SiaeCase


@freeze_time("2026-03-02")
@tagged("is_query_count")
class TestSasPlanner(SiaeCase):
    def _planner(self, journey=None, **values):
        return (
            self.env["refugee.sas.planner.wizard"]
            .with_user(self.counsellor_north)
            .create(
                {
                    "journey_id": (journey or self.north_journey).id,
                    "date_start": date(2026, 3, 2),
                    "step_count": "3",
                    "step_weeks": 5,
                    **values,
                }
            )
        )

    def _fill(self, siaes, start, end):
        """Take every place of these SIAE, by people of another site."""
        for siae in siaes:
            for index in range(siae.siae_capacity):
                journey = self._person_in_sas(
                    f"{siae.name} Person {index}", site=self.site_south
                )
                self._place(journey, siae, start, end, is_sas=False)

    def test_a_plan_that_fits_is_accepted(self):
        self.north_person.wished_sector_ids = self.sector_cleaning
        action = self.north_journey.with_user(
            self.counsellor_north
        ).action_open_sas_planner()
        self.assertEqual(action["res_model"], "refugee.sas.planner.wizard")
        self._fill(self.farm, date(2026, 2, 1), date(2026, 3, 1))  # already over
        planner = self._planner(weekly_hours=24)
        self.assertFalse(planner.no_fit_message)
        self.assertEqual(planner.sector_ids, self.sector_cleaning)
        lines = planner.line_ids
        self.assertEqual(
            lines.siae_id.mapped("name"), ["Test Cleaning", "Test Farm", "Test Garden"]
        )
        self.assertEqual(
            [(line.date_start, line.date_end) for line in lines],
            [
                (date(2026, 3, 2), date(2026, 4, 5)),
                (date(2026, 4, 6), date(2026, 5, 10)),
                (date(2026, 5, 11), date(2026, 6, 14)),
            ],
        )
        self.assertEqual(lines.mapped("free_places"), [2, 2, 2])
        self.assertEqual(lines.mapped("matches_wishes"), [True, False, False])
        self.assertEqual(lines[1].supervisor_id, self.farm_supervisor)
        planner.action_accept()
        placements = self.north_journey.sas_placement_ids.sorted("date_start")
        self.assertEqual(placements.siae_id, lines.siae_id)
        self.assertEqual(set(placements.mapped("state")), {"planned"})
        self.assertEqual(set(placements.mapped("weekly_hours")), {24.0})
        self.assertEqual(self.north_journey.sas_date_end, date(2026, 6, 14))
        with self.assertRaisesRegex(UserError, "already has a SAS plan"):
            self.north_journey.with_user(
                self.counsellor_north
            ).action_open_sas_planner()

    def test_wishes_then_new_siae_come_first(self):
        self.north_person.wished_sector_ids = self.sector_agriculture
        planner = self._planner(step_count="2")
        self.assertEqual(planner.line_ids.siae_id, self.farm | self.garden)
        self.assertEqual(planner.line_ids.mapped("matches_wishes"), [True, True])
        # the person already worked at the farm: the garden comes first
        earlier = self._place(
            self.north_journey,
            self.farm,
            date(2025, 11, 3),
            date(2025, 12, 7),
            is_sas=False,
        )
        earlier.action_start()
        earlier.action_done()
        planner = self._planner(step_count="2")
        self.assertEqual(
            planner.line_ids.siae_id.mapped("name"), ["Test Garden", "Test Farm"]
        )
        self.assertEqual(planner.line_ids.mapped("visited_before"), [False, True])
        # other wishes, chosen in the wizard
        planner.sector_ids = self.sector_recycling
        self.assertEqual(planner.line_ids[0].siae_id, self.recycling)

    def test_a_step_takes_a_siae_free_over_the_whole_step(self):
        self.north_person.wished_sector_ids = self.sector_agriculture
        # the farm is full in the middle of the first step, the garden later
        self._fill(self.farm, date(2026, 3, 20), date(2026, 3, 25))
        self._fill(self.garden, date(2026, 4, 10), date(2026, 4, 12))
        planner = self._planner()
        self.assertEqual(
            planner.line_ids.siae_id.mapped("name"),
            ["Test Garden", "Test Farm", "Test Cleaning"],
        )

    def test_no_fit_says_why_and_proposes_the_earliest_start(self):
        self._fill(
            self.farm | self.garden | self.cleaning | self.recycling,
            date(2026, 3, 1),
            date(2026, 3, 31),
        )
        planner = self._planner()
        self.assertFalse(planner.line_ids)
        self.assertIn("No SAS plan fits from this start", planner.no_fit_message)
        self.assertIn(
            "Step 1 (03/02/2026 - 04/05/2026): every SAS partner SIAE is full",
            planner.no_fit_message,
        )
        self.assertIn(
            "Test Farm full from 03/02/2026 to 03/31/2026", planner.no_fit_message
        )
        self.assertNotIn("Step 2", planner.no_fit_message)
        self.assertEqual(planner.suggested_date_start, date(2026, 4, 1))
        action = planner.action_use_suggested_start()
        self.assertEqual(action["res_id"], planner.id)
        self.assertEqual(planner.date_start, date(2026, 4, 1))
        self.assertFalse(planner.no_fit_message)
        self.assertEqual(len(planner.line_ids), 3)
        self.assertEqual(planner.line_ids[0].date_start, date(2026, 4, 1))

    def test_no_fit_when_too_few_siae_or_too_long(self):
        (self.cleaning | self.recycling).is_sas_partner = False
        planner = self._planner()
        self.assertIn("too few SAS partner SIAE", planner.no_fit_message)
        self.assertFalse(planner.suggested_date_start)
        planner.step_count = "2"
        self.assertEqual(len(planner.line_ids), 2)
        planner.write({"step_count": "3", "step_weeks": 6})
        self.assertIn(
            "SAS rule: 3 steps of 6 weeks last more than the 4 months",
            planner.no_fit_message,
        )
        (self.farm | self.garden).is_sas_partner = False
        planner.step_weeks = 5
        self.assertIn("No SIAE is a partner", planner.no_fit_message)

    def test_the_counsellor_adjusts_the_plan(self):
        planner = self._planner()
        form = Form(planner)
        with form.line_ids.edit(2) as line:
            line.siae_id = self.recycling
            line.date_end = date(2026, 6, 30)
        planner = form.save()
        self.assertEqual(planner.line_ids[2].free_places, 2)
        planner.action_accept()
        last = self.north_journey.sas_placement_ids.sorted("date_start")[-1]
        self.assertEqual(
            (last.siae_id, last.date_end), (self.recycling, date(2026, 6, 30))
        )

    def test_the_counsellor_is_warned_without_the_siae_consent(self):
        """As on a planned placement, in the counsellor's French: the SIAE of
        the plan would only see a pseudonym of the person."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["plateforme_refugies"], ["fr_FR"]
        )
        kind_siae = self.env.ref("plateforme_refugies.partner_type_siae")
        siaes = self.farm | self.garden | self.cleaning | self.recycling
        siaes.refugee_partner_type_ids = kind_siae
        form = Form(
            self.env["refugee.sas.planner.wizard"]
            .with_user(self.counsellor_north)
            .with_context(lang="fr_FR", default_journey_id=self.north_journey.id)
        )
        form.date_start = date(2026, 3, 2)
        warning = form.siae_consent_warning
        self.assertIn("Ahmad Rahimi n'a pas donné son accord", warning)
        planner = form.save()
        self.assertEqual(len(planner.line_ids), 3)
        for siae in planner.line_ids.siae_id:
            self.assertIn(siae.name, warning)
        self.env["refugee.consent"].create(
            {
                "beneficiary_id": self.north_person.id,
                "partner_type_id": kind_siae.id,
                "scope": "evaluations",
                "given_on": date(2026, 2, 20),
            }
        )
        planner.invalidate_recordset(["siae_consent_warning"])
        self.assertFalse(planner.siae_consent_warning)

    def test_an_adjusted_plan_still_follows_the_rules(self):
        planner = self._planner()
        planner.line_ids[2].siae_id = planner.line_ids[0].siae_id
        with self.assertRaisesRegex(ValidationError, "appears twice"):
            with self.env.cr.savepoint():
                planner.action_accept()
        planner.line_ids[1:].unlink()
        with self.assertRaisesRegex(UserError, "2 or 3 successive placements"):
            planner.action_accept()
        self.assertFalse(self.north_journey.sas_placement_ids)

    def test_query_budget_of_a_plan_that_fits(self):
        """A proposal that fits, stored with its 3 steps: 10 queries (the target
        of make bench), the counsellor's access check on the journey included."""
        self.north_person.wished_sector_ids = self.sector_cleaning
        self._planner()  # warms the caches of access rights and rules
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            planner = self._planner()
            planner.line_ids.mapped("siae_id")
        self.assertEqual(
            planner.line_ids.siae_id.mapped("name"),
            ["Test Cleaning", "Test Farm", "Test Garden"],
        )
        self.assertEqual(
            planner.line_ids.mapped("matches_wishes"), [True, False, False]
        )

    def test_one_query_per_need_with_many_siae_and_placements(self):
        """The proposal costs the same queries for 4 SIAE or 104 SIAE and
        thousands of placements, and the earliest start is found without more."""
        self.north_person.wished_sector_ids = self.sector_cleaning
        siaes = self.farm | self.garden | self.cleaning | self.recycling
        self._fill(siaes, date(2026, 3, 1), date(2026, 3, 31))
        self._planner()  # warms the caches of access rights and rules
        self.env.invalidate_all()
        with self.assertQueryCount(11):
            small = self._planner()
        self.assertEqual(small.suggested_date_start, date(2026, 4, 1))

        many = self.env["res.partner"].create(
            [
                {
                    "name": f"Test SIAE {index:03}",
                    "is_company": True,
                    "is_siae": True,
                    "is_sas_partner": True,
                    "siae_activity_ids": [Command.set(self.sector_cleaning.ids)],
                }
                for index in range(100)
            ]
        )
        self.env.flush_all()
        # a place taken in every SIAE, week after week, and all of them full in
        # March: 100 SIAE x 43 placements, inserted directly
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO refugee_siae_placement
                       (journey_id, site_id, siae_id, date_start, date_end,
                        occupancy_end, state, weekly_hours, is_sas)
                SELECT %(journey)s, %(site)s, siae.id, day::date, day::date + 4,
                       day::date + 4, 'planned', 26, FALSE
                  FROM unnest(%(siaes)s) AS siae(id),
                       generate_series('2026-03-01'::date, '2026-09-30', '5 days')
                           AS day
                 UNION ALL
                SELECT %(journey)s, %(site)s, siae.id, '2026-03-01', '2026-03-31',
                       '2026-03-31', 'planned', 26, FALSE
                  FROM unnest(%(siaes)s) AS siae(id)
                """,
                journey=self.south_journey.id,
                site=self.site_south.id,
                siaes=many.ids,
            )
        )
        self.assertGreater(self.env["refugee.siae.placement"].search_count([]), 4300)
        self.env.invalidate_all()
        with self.assertQueryCount(11):
            large = self._planner()
        self.assertEqual(large.suggested_date_start, date(2026, 4, 1))
        self.assertIn("Test Cleaning full from 03/02/2026", large.no_fit_message)
        large.date_start = date(2026, 4, 1)
        self.assertEqual(
            large.line_ids.siae_id.mapped("name"),
            ["Test Cleaning", "Test SIAE 000", "Test SIAE 001"],
        )
        self.assertEqual(large.line_ids.mapped("free_places"), [2, 1, 1])
