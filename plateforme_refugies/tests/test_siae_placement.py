# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common_siae import SiaeCase


@freeze_time("2026-03-02")
class TestSasRules(SiaeCase):
    """The rules of the SAS IAE, each with its error, data left unchanged."""

    def _placements(self, journey):
        return self.env["refugee.siae.placement"].search(
            [("journey_id", "=", journey.id)]
        )

    def _assert_refused(self, pattern, journey, create_or_write):
        before = self._placements(journey).read(["siae_id", "date_start", "date_end"])
        with self.assertRaisesRegex(ValidationError, pattern), self.env.cr.savepoint():
            create_or_write()
        self.env.invalidate_all()
        self.assertEqual(
            self._placements(journey).read(["siae_id", "date_start", "date_end"]),
            before,
        )

    def _assert_outcome_refused(self, pattern, values):
        with self.assertRaisesRegex(ValidationError, pattern), self.env.cr.savepoint():
            self.north_journey.write(values)
        self.env.invalidate_all()
        self.assertFalse(self.north_journey.sas_outcome)

    def _three_steps(self, journey):
        return (
            self._place(journey, self.farm, date(2026, 3, 2), date(2026, 4, 5))
            | self._place(journey, self.cleaning, date(2026, 4, 6), date(2026, 5, 10))
            | self._place(journey, self.recycling, date(2026, 5, 11), date(2026, 6, 14))
        )

    def test_a_sas_of_three_placements_and_its_outcome(self):
        journey = self.north_journey.with_user(self.counsellor_north)
        steps = self._three_steps(journey).with_user(self.counsellor_north)
        self.assertEqual(journey.sas_date_start, date(2026, 3, 2))
        self.assertEqual(journey.sas_date_end, date(2026, 6, 14))
        self.assertEqual(journey.siae_placement_count, 3)
        self.assertEqual(steps.site_id, self.site_north)
        self.assertEqual(steps.beneficiary_id, self.north_person)
        for step in steps:
            step.action_start()
            step.action_done()
        self.assertEqual(set(steps.mapped("state")), {"done"})
        form = Form(journey)
        form.sas_outcome = "training"
        self.assertEqual(form.exit_outcome_id, self.outcome_training)
        form.save()
        self.assertEqual(journey.sas_outcome, "training")
        self.assertEqual(journey.exit_category, "positive")

    def test_at_most_three_placements(self):
        self._three_steps(self.north_journey)
        self._assert_refused(
            "SAS rule: .* at most 3 successive placements",
            self.north_journey,
            lambda: self._place(
                self.north_journey, self.garden, date(2026, 6, 15), date(2026, 6, 20)
            ),
        )

    def test_each_placement_in_a_different_siae(self):
        self._place(self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        self._assert_refused(
            "SAS rule: each placement .* different SIAE; Test Farm appears twice",
            self.north_journey,
            lambda: self._place(
                self.north_journey, self.farm, date(2026, 4, 6), date(2026, 5, 10)
            ),
        )

    def test_placements_do_not_overlap(self):
        first = self._place(
            self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5)
        )
        self._assert_refused(
            "SAS rule: the placements of Ahmad Rahimi follow one another and cannot "
            "overlap",
            self.north_journey,
            lambda: self._place(
                self.north_journey, self.cleaning, date(2026, 4, 5), date(2026, 5, 10)
            ),
        )
        second = self._place(
            self.north_journey, self.cleaning, date(2026, 4, 6), date(2026, 5, 10)
        )
        self._assert_refused(
            "cannot overlap",
            self.north_journey,
            lambda: first.write({"date_end": date(2026, 4, 20)}),
        )
        # outside the SAS too: a person is in one SIAE at a time
        self._assert_refused(
            "cannot overlap",
            self.north_journey,
            lambda: self._place(
                self.north_journey,
                self.interim,
                date(2026, 5, 1),
                date(2026, 5, 20),
                is_sas=False,
            ),
        )
        self.assertEqual(second.date_start, date(2026, 4, 6))

    def test_four_months_from_first_start_to_last_end(self):
        self._place(self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        self._assert_refused(
            "SAS rule: .* at most 4 months .* from 03/02/2026 to 07/02/2026",
            self.north_journey,
            lambda: self._place(
                self.north_journey, self.cleaning, date(2026, 6, 1), date(2026, 7, 2)
            ),
        )
        last = self._place(
            self.north_journey, self.cleaning, date(2026, 6, 1), date(2026, 7, 1)
        )
        self.assertEqual(self.north_journey.sas_date_end, date(2026, 7, 1))
        # the limit is a setting
        self.env["ir.config_parameter"].set_param(
            "plateforme_refugies.sas_max_months", "5"
        )
        last.date_end = date(2026, 7, 31)
        self.assertEqual(self.north_journey.sas_date_end, date(2026, 7, 31))

    def test_only_sas_partners_in_the_sas_other_siae_outside(self):
        self._assert_refused(
            "SAS rule: Test Interim is not a partner of the SAS IAE",
            self.north_journey,
            lambda: self._place(
                self.north_journey, self.interim, date(2026, 3, 2), date(2026, 4, 5)
            ),
        )
        outside = self._place(
            self.north_journey,
            self.interim,
            date(2026, 3, 2),
            date(2026, 8, 31),
            is_sas=False,
        )
        self.assertFalse(self.north_journey.sas_date_start)
        self.assertEqual(self.north_journey.siae_placement_ids, outside)
        self.assertFalse(self.north_journey.sas_placement_ids)

    def test_a_placement_is_in_a_siae(self):
        not_siae = self.env["res.partner"].create(
            {"name": "Ordinary Company", "is_company": True}
        )
        self._assert_refused(
            "Ordinary Company is not a SIAE",
            self.north_journey,
            lambda: self._place(
                self.north_journey,
                not_siae,
                date(2026, 3, 2),
                date(2026, 4, 5),
                is_sas=False,
            ),
        )
        with self.assertRaisesRegex(ValidationError, "only a SIAE can be a SAS"):
            not_siae.is_sas_partner = True

    def test_the_sas_needs_its_drawer(self):
        journey = self._create_sas_journey(
            self._create_beneficiary("Yonas Tekle"), drawer_sas=False
        )
        journey.drawer_workshops = True
        self._assert_refused(
            "SAS rule: journey .* does not include the SAS IAE drawer",
            journey,
            lambda: self._place(journey, self.farm, date(2026, 3, 2), date(2026, 4, 5)),
        )
        self._place(self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        with self.assertRaisesRegex(ValidationError, "keep its SAS IAE drawer"):
            with self.env.cr.savepoint():
                self.north_journey.drawer_sas = False

    def test_the_outcome_comes_after_two_or_three_finished_placements(self):
        journey = self.north_journey
        first = self._place(journey, self.farm, date(2026, 1, 5), date(2026, 2, 8))
        first.action_start()
        first.action_done()
        self._assert_outcome_refused(
            "needs 2 or 3 successive",
            {"sas_outcome": "other_siae", "sas_outcome_siae_id": self.interim.id},
        )
        second = self._place(journey, self.garden, date(2026, 2, 9), date(2026, 3, 15))
        second.action_start()
        self._assert_outcome_refused("is not finished", {"sas_outcome": "employment"})
        second.write(
            {"interruption_date": date(2026, 3, 2), "interruption_reason": "Hired"}
        )
        second.action_interrupt()
        self._assert_outcome_refused("name the SIAE", {"sas_outcome": "sas_siae"})
        self._assert_outcome_refused(
            "is not one of the SIAE of",
            {"sas_outcome": "sas_siae", "sas_outcome_siae_id": self.interim.id},
        )
        self._assert_outcome_refused(
            "is one of the SIAE of the SAS",
            {"sas_outcome": "other_siae", "sas_outcome_siae_id": self.farm.id},
        )
        journey.write({"sas_outcome": "sas_siae", "sas_outcome_siae_id": self.farm.id})
        self.assertEqual(journey.sas_outcome_siae_id, self.farm)
        # a new step after the outcome would reopen a finished SAS
        with self.assertRaisesRegex(ValidationError, "is not finished"):
            with self.env.cr.savepoint():
                self._place(journey, self.cleaning, date(2026, 3, 16), date(2026, 4, 1))
        # an abandonment may come after a single placement
        other = self._person_in_sas("Tesfay Haile")
        single = self._place(other, self.cleaning, date(2026, 1, 5), date(2026, 2, 8))
        single.write(
            {"interruption_date": date(2026, 1, 20), "interruption_reason": "Moved"}
        )
        single.action_interrupt()
        other.sas_outcome = "other"

    def test_sas_outcome_proposes_the_exit_outcome(self):
        journey = self.north_journey
        form = Form(journey)
        form.exit_outcome_id = self.outcome_cdi
        form.sas_outcome = "training"
        self.assertEqual(form.exit_outcome_id, self.outcome_cdi)
        form.exit_outcome_id = self.env["refugee.exit.outcome"]
        form.sas_outcome = "employment"
        self.assertFalse(form.exit_outcome_id)

    def test_dates_and_hours(self):
        self._assert_refused(
            "cannot end before it starts",
            self.north_journey,
            lambda: self._place(
                self.north_journey, self.farm, date(2026, 4, 5), date(2026, 3, 2)
            ),
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._place(
                    self.north_journey,
                    self.farm,
                    date(2026, 3, 2),
                    date(2026, 4, 5),
                    weekly_hours=0,
                )
        placement = self._place(
            self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5)
        )
        with self.assertRaisesRegex(ValidationError, "between its start and its end"):
            with self.env.cr.savepoint():
                placement.interruption_date = date(2026, 4, 6)


@freeze_time("2026-03-02")
class TestPlacementLife(SiaeCase):
    def test_states_and_their_actions(self):
        placement = self._place(
            self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5)
        ).with_user(self.counsellor_north)
        self.assertEqual(placement.state, "planned")
        self.assertEqual(placement.display_name, "Test Farm - Ahmad Rahimi")
        with self.assertRaisesRegex(
            UserError, "Only a running placement can be finished"
        ):
            placement.action_done()
        with self.assertRaisesRegex(UserError, "interruption date and reason"):
            placement.action_interrupt()
        placement.action_cancel()
        self.assertFalse(placement.occupancy_end)
        placement.action_plan_again()
        placement.action_start()
        with self.assertRaisesRegex(
            UserError, "Only a planned placement can be cancelled"
        ):
            placement.action_cancel()
        with self.assertRaisesRegex(UserError, "Only a planned or cancelled"):
            placement.unlink()
        placement.write(
            {
                "interruption_date": date(2026, 3, 20),
                "interruption_reason": "Health",
            }
        )
        placement.action_interrupt()
        self.assertEqual(placement.state, "interrupted")
        self.assertEqual(placement.occupancy_end, date(2026, 3, 19))
        planned = self._place(
            self.north_journey, self.garden, date(2026, 3, 20), date(2026, 4, 20)
        ).with_user(self.counsellor_north)
        planned.unlink()
        self.assertFalse(planned.exists())

    def test_supervisor_evaluates_at_the_end(self):
        placement = self._place(
            self.north_journey,
            self.farm,
            date(2026, 1, 19),
            date(2026, 2, 22),
            supervisor_id=self.farm_supervisor.id,
        ).with_user(self.counsellor_north)
        with self.assertRaisesRegex(ValidationError, "evaluates .* at its end"):
            with self.env.cr.savepoint():
                placement.evaluation_skills = "3"
        self.env.invalidate_all()
        self.assertFalse(placement.evaluation_skills)
        placement.action_start()
        placement.action_done()
        action = placement.action_open_evaluation()
        self.assertEqual(action["target"], "new")
        form = Form(
            placement,
            view="plateforme_refugies.refugee_siae_placement_view_form_evaluation",
        )
        form.evaluation_skills = "3"
        self.assertEqual(form.evaluation_date, date(2026, 3, 2))
        form.evaluation_soft_skills = "4"
        form.evaluation_written_instructions = "2"
        form.evaluation_oral_instructions = "3"
        form.evaluation_punctuality = "4"
        form.evaluation_comment = "Ponctuel, à l'aise avec l'équipe."
        form.save()
        self.assertEqual(placement.evaluation_score, 3.2)
        self.assertEqual(placement.supervisor_id, self.farm_supervisor)

    def test_supervisor_is_proposed_from_the_siae(self):
        form = Form(self.env["refugee.siae.placement"].with_user(self.counsellor_north))
        form.journey_id = self.north_journey
        form.siae_id = self.farm
        self.assertEqual(form.supervisor_id, self.farm_supervisor)
        form.siae_id = self.garden
        self.assertFalse(form.supervisor_id)

    def test_pass_iae_warns_without_blocking(self):
        placement = self._place(
            self.north_journey, self.farm, date(2026, 3, 2), date(2026, 4, 5)
        )
        self.assertIn("has no valid PASS IAE", placement.pass_iae_warning)
        self.north_person.write(
            {
                "pass_iae_number": "PASS-41-00042",
                "pass_iae_start": date(2026, 3, 1),
                "pass_iae_end": date(2026, 3, 31),
            }
        )
        self.assertIn("falls outside the PASS IAE", placement.pass_iae_warning)
        self.north_person.pass_iae_end = date(2028, 2, 29)
        self.assertFalse(placement.pass_iae_warning)
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            with self.env.cr.savepoint():
                self.north_person.pass_iae_end = date(2026, 2, 1)
        # the form warns, and saves all the same
        with mute_logger("odoo.tests.form.onchange"):
            form = Form(
                self.env["refugee.siae.placement"].with_user(self.counsellor_north)
            )
            form.journey_id = self.north_journey
            form.siae_id = self.garden
            form.date_start = date(2026, 4, 6)
            form.date_end = date(2028, 3, 31)
            self.assertIn("falls outside", form.pass_iae_warning)
            form.is_sas = False
            outside = form.save()
        self.assertTrue(outside.exists())


@freeze_time("2026-03-02")
class TestCapacity(SiaeCase):
    """At any date a SIAE hosts at most its capacity, whatever the order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journeys = [
            cls._person_in_sas(name)
            for name in ("Yonas Tekle", "Abdullah Safi", "Fatouma Diallo")
        ]

    def test_capacity_holds_whatever_the_order(self):
        first, second, third = self.journeys
        # the last one first: the capacity is full from April 1 to April 5
        self._place(third, self.farm, date(2026, 4, 1), date(2026, 5, 5))
        self._place(first, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        with self.assertRaisesRegex(
            ValidationError,
            "SIAE capacity: Test Farm hosts at most 2 refugees at the same time, "
            "and would host 3 on 04/01/2026",
        ):
            with self.env.cr.savepoint():
                self._place(second, self.farm, date(2026, 3, 20), date(2026, 4, 20))
        self.assertFalse(second.siae_placement_ids)
        # before April 1 there is room; an edit into the full days is refused
        placement = self._place(second, self.farm, date(2026, 3, 2), date(2026, 3, 31))
        with self.assertRaisesRegex(ValidationError, "would host 3 on 04/01/2026"):
            with self.env.cr.savepoint():
                placement.date_end = date(2026, 4, 10)
        self.env.invalidate_all()
        self.assertEqual(placement.date_end, date(2026, 3, 31))
        # several placements saved together are counted together
        with self.assertRaisesRegex(ValidationError, "SIAE capacity: Test Garden"):
            with self.env.cr.savepoint():
                self.env["refugee.siae.placement"].create(
                    [
                        {
                            "journey_id": journey.id,
                            "siae_id": self.garden.id,
                            "date_start": date(2026, 6, 1),
                            "date_end": date(2026, 6, 30),
                            "is_sas": True,
                        }
                        for journey in self.journeys
                    ]
                )
        self.assertEqual(self.garden.siae_upcoming_count, 0)

    def test_an_interruption_or_a_cancellation_frees_the_place(self):
        first, second, third = self.journeys
        one = self._place(first, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        two = self._place(second, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        one.action_start()
        one.write({"interruption_date": date(2026, 3, 16), "interruption_reason": "?"})
        one.action_interrupt()
        with self.assertRaisesRegex(ValidationError, "on 03/15/2026"):
            with self.env.cr.savepoint():
                self._place(third, self.farm, date(2026, 3, 15), date(2026, 4, 5))
        self._place(third, self.farm, date(2026, 3, 16), date(2026, 4, 5))
        two.action_cancel()
        self._place(self.south_journey, self.farm, date(2026, 3, 20), date(2026, 4, 5))
        with self.assertRaisesRegex(ValidationError, "would host 3 on 03/20/2026"):
            with self.env.cr.savepoint():
                two.action_plan_again()
        self.env.invalidate_all()
        self.assertEqual(two.state, "cancelled")

    def test_capacity_cannot_drop_below_the_placements_to_come(self):
        first, second, __ = self.journeys
        self._place(first, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        self._place(second, self.farm, date(2026, 3, 20), date(2026, 4, 20))
        with self.assertRaisesRegex(ValidationError, "would host 2 on 03/20/2026"):
            with self.env.cr.savepoint():
                self.farm.siae_capacity = 1
        self.env.invalidate_all()
        self.assertEqual(self.farm.siae_capacity, 2)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.recycling.siae_capacity = 0
        self.farm.siae_capacity = 3
        self._place(self.journeys[2], self.farm, date(2026, 3, 2), date(2026, 4, 5))

    def test_occupancy_report_counts_each_day_of_each_week(self):
        """The report, counted by periods, gives for each SIAE and week what
        counting every day of the week gives: the busiest day, and the places
        taken over the days of the period that fall in the week."""
        first, second, third = self.journeys
        self._place(first, self.farm, date(2026, 3, 2), date(2026, 4, 5))
        late = self._place(third, self.farm, date(2026, 4, 1), date(2026, 5, 5))
        late.write(
            {"interruption_date": date(2026, 4, 20), "interruption_reason": "Moved"}
        )
        late.action_interrupt()  # hosted until April 19
        self._place(second, self.cleaning, date(2026, 3, 18), date(2026, 3, 18))
        # interrupted on its first day: never hosted
        gone = self._place(
            self.south_journey, self.recycling, date(2026, 3, 9), date(2026, 3, 20)
        )
        gone.write(
            {"interruption_date": date(2026, 3, 9), "interruption_reason": "Ill"}
        )
        gone.action_interrupt()
        self._place(
            self.north_journey, self.garden, date(2026, 3, 3), date(2026, 3, 13)
        )
        self.north_journey.siae_placement_ids.action_cancel()  # not counted
        self.env.flush_all()
        siaes = self.farm | self.cleaning | self.recycling | self.garden
        placements = self.env["refugee.siae.placement"].search(
            [("siae_id", "in", siaes.ids), ("occupancy_end", "!=", False)]
        )
        rows = self.env["refugee.siae.occupancy.report"].search_read(
            [("siae_id", "in", siaes.ids)],
            ["siae_id", "week", "capacity", "hosted", "free_places", "occupancy_rate"],
        )
        # the period: half a year around the database's today, widened to
        # every placement
        self.env.cr.execute("SELECT CURRENT_DATE")
        today = self.env.cr.fetchone()[0]
        every = self.env["refugee.siae.placement"].search([])
        first_day = min([today - timedelta(days=182), *every.mapped("date_start")])
        last_day = max(
            [
                today + timedelta(days=182),
                *every.filtered("occupancy_end").mapped("occupancy_end"),
            ]
        )
        weeks = {first_day - timedelta(days=first_day.weekday())}
        while max(weeks) + timedelta(days=7) <= last_day:
            weeks.add(max(weeks) + timedelta(days=7))
        self.assertEqual(
            sorted((row["siae_id"][0], row["week"]) for row in rows),
            sorted((siae.id, week) for siae in siaes for week in weeks),
        )
        for row in rows:
            siae = self.env["res.partner"].browse(row["siae_id"][0])
            days = [
                row["week"] + timedelta(days=n)
                for n in range(7)
                if first_day <= row["week"] + timedelta(days=n) <= last_day
            ]
            hosted = [
                len(
                    placements.filtered(
                        lambda p, day=day, siae=siae: (
                            p.siae_id == siae and p.date_start <= day <= p.occupancy_end
                        )
                    )
                )
                for day in days
            ]
            self.assertEqual(row["hosted"], max(hosted), row)
            self.assertEqual(row["free_places"], siae.siae_capacity - max(hosted))
            rate = Decimal(100 * sum(hosted)) / len(days) / siae.siae_capacity
            self.assertEqual(
                row["occupancy_rate"],
                float(rate.quantize(Decimal("0.1"), ROUND_HALF_UP)),
                row,
            )
        busiest = {
            (row["siae_id"][0], row["week"]): row["hosted"]
            for row in rows
            if row["hosted"]
        }
        self.assertEqual(
            busiest,
            {
                **{
                    (self.farm.id, date(2026, 3, 2) + timedelta(weeks=n)): 1
                    for n in range(4)
                },
                (self.farm.id, date(2026, 3, 30)): 2,
                (self.farm.id, date(2026, 4, 6)): 1,
                (self.farm.id, date(2026, 4, 13)): 1,
                (self.cleaning.id, date(2026, 3, 16)): 1,
            },
        )

    def test_occupancy_grouped_by_week_label_as_by_week(self):
        """The screen groups its columns by the week's text (no date
        formatting per cell): the same cells as by week, in the order of the
        weeks across a new year, each row with its own id."""
        first, second, __ = self.journeys
        self._place(first, self.farm, date(2026, 12, 21), date(2027, 1, 24))
        self._place(second, self.farm, date(2027, 1, 4), date(2027, 2, 7))
        self.env.flush_all()
        Report = self.env["refugee.siae.occupancy.report"].with_user(self.reader)
        domain = [
            ("siae_id", "=", self.farm.id),
            ("week", ">=", date(2026, 12, 14)),
            ("week", "<=", date(2027, 1, 11)),
        ]
        by_label = Report.read_group(
            domain, ["hosted:max"], ["week_label"], orderby="week_label", lazy=False
        )
        self.assertEqual(
            [(group["week_label"], group["hosted"]) for group in by_label],
            [
                ("2026 S51 · 14/12", 0),
                ("2026 S52 · 21/12", 1),
                ("2026 S53 · 28/12", 1),
                ("2027 S01 · 04/01", 2),
                ("2027 S02 · 11/01", 2),
            ],
        )
        by_week = Report._read_group(domain, ["week:week"], ["hosted:max"])
        self.assertEqual(
            [hosted for __, hosted in by_week],
            [group["hosted"] for group in by_label],
        )
        rows = Report.search([("siae_id", "in", (self.farm | self.cleaning).ids)])
        self.assertEqual(len(set(rows.ids)), len(rows))

    def test_occupancy_counters_and_report(self):
        first, second, third = self.journeys
        self._place(first, self.farm, date(2026, 2, 2), date(2026, 3, 8))
        self._place(second, self.farm, date(2026, 3, 23), date(2026, 4, 26))
        self._place(third, self.cleaning, date(2026, 3, 2), date(2026, 4, 5))
        # on another site: counted all the same, without naming anyone
        self._place(self.south_journey, self.farm, date(2026, 3, 1), date(2026, 3, 20))
        siaes = (self.farm | self.cleaning | self.recycling).with_user(
            self.counsellor_north
        )
        self.assertEqual(siaes.mapped("siae_hosted_count"), [2, 1, 0])
        self.assertEqual(siaes.mapped("siae_free_places"), [0, 1, 2])
        self.assertEqual(siaes.mapped("siae_upcoming_count"), [1, 0, 0])
        self.env.flush_all()
        Report = self.env["refugee.siae.occupancy.report"].with_user(self.reader)
        weeks = Report.search(
            [("siae_id", "=", self.farm.id), ("week", "=", date(2026, 3, 2))]
        )
        self.assertEqual(weeks.hosted, 2)
        self.assertEqual(weeks.free_places, 0)
        self.assertEqual(weeks.capacity, 2)
        groups = Report._read_group(
            [("siae_id", "=", self.farm.id), ("week", ">=", date(2026, 3, 16))],
            ["siae_id"],
            ["hosted:max"],
        )
        self.assertEqual(groups, [(self.farm, 1)])
