# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .employer_common import EmployerCase


class TestHire(EmployerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(
            "plateforme_refugies.mail_activity_type_hire_follow_up"
        )

    def _hire(self, contract_type="cdi", journey=None, **values):
        journey = journey or self.north_journey
        return (
            self.env["refugee.hire"]
            .with_user(journey.counsellor_id)
            .create(
                {
                    "beneficiary_id": journey.beneficiary_id.id,
                    "employer_id": self.employer.id,
                    "job_title": "Ouvrier maraîcher",
                    "contract_type": contract_type,
                    "date_start": date(2026, 3, 2),
                    **values,
                }
            )
            .with_user(self.env.user)
        )

    def _exit_outcome_ref(self, xmlid):
        return self.env.ref(f"plateforme_refugies.{xmlid}")

    def test_contract_sets_the_exit_category(self):
        cases = [
            ("cdi", None, "exit_outcome_cdi", "durable"),
            ("cdd", date(2026, 9, 1), "exit_outcome_cdd_long", "durable"),
            ("cdd", date(2026, 8, 31), "exit_outcome_cdd_short", "transition"),
            ("seasonal", date(2026, 6, 30), "exit_outcome_cdd_short", "transition"),
            ("interim", date(2026, 12, 31), "exit_outcome_interim_long", "durable"),
            ("interim", date(2026, 4, 30), "exit_outcome_interim_short", "transition"),
            ("cddi", date(2026, 8, 31), "exit_outcome_other_siae", "positive"),
        ]
        journey = self.north_journey
        for contract_type, date_end, outcome, category in cases:
            with self.subTest(contract=contract_type, end=date_end):
                hire = self._hire(contract_type, date_end=date_end)
                self.assertEqual(
                    journey.exit_outcome_id, self._exit_outcome_ref(outcome)
                )
                self.assertEqual(journey.exit_category, category)
                self.assertEqual(journey.exit_date, date(2026, 3, 2))
                self.assertFalse(journey.exit_set_by_hand)
                hire.action_cancel()

    def test_contract_change_updates_the_exit(self):
        hire = self._hire("cdd", date_end=date(2026, 5, 31))
        journey = self.north_journey
        self.assertEqual(journey.exit_category, "transition")
        hire.date_end = date(2027, 2, 28)
        self.assertEqual(
            journey.exit_outcome_id, self._exit_outcome_ref("exit_outcome_cdd_long")
        )
        self.assertEqual(journey.exit_category, "durable")
        journey.action_exit()
        self.assertEqual(journey.state, "exited")

    def test_other_contract_leaves_the_exit_to_the_counsellor(self):
        self._hire("other")
        self.assertFalse(self.north_journey.exit_outcome_id)

    def test_counsellor_override_wins(self):
        journey = self.north_journey.with_user(self.counsellor_north)
        journey.exit_outcome_id = self._exit_outcome_ref("exit_outcome_subsidised")
        self.assertTrue(journey.exit_set_by_hand)
        self._hire("cdi")
        self.assertEqual(
            journey.exit_outcome_id, self._exit_outcome_ref("exit_outcome_subsidised")
        )
        journey.exit_category = "durable"
        self.assertEqual(journey.exit_category, "durable")
        journey.exit_set_by_hand = False
        self.assertEqual(
            journey.exit_outcome_id, self._exit_outcome_ref("exit_outcome_cdi")
        )

    def test_fixed_term_contract_needs_an_end(self):
        with self.assertRaisesRegex(ValidationError, "end date of the fixed-term"):
            self._hire("cdd")
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._hire("cdd", date_end=date(2026, 3, 1))

    def test_follow_up_activities_created_once_at_the_right_dates(self):
        hire = self._hire("cdi")
        self.assertFalse(hire.follow_up_ids)
        hire.with_user(self.counsellor_north).action_confirm()
        self.assertEqual(
            hire.follow_up_ids.mapped("date_due"),
            [date(2026, 4, 2), date(2026, 6, 2), date(2026, 9, 2)],
        )
        activities = hire.activity_ids
        self.assertEqual(len(activities), 3)
        self.assertEqual(activities.activity_type_id, self.activity_type)
        self.assertEqual(activities.user_id, self.counsellor_north)
        self.assertEqual(
            sorted(activities.mapped("date_deadline")),
            hire.follow_up_ids.mapped("date_due"),
        )
        # planning again creates nothing
        hire._plan_follow_ups()
        self.assertEqual(len(hire.follow_up_ids), 3)
        self.assertEqual(hire.activity_ids, activities)
        # a cancelled then confirmed hire gets its activities back, not more lines
        hire.action_cancel()
        self.assertFalse(hire.activity_ids)
        hire.action_draft()
        hire.action_confirm()
        self.assertEqual(len(hire.follow_up_ids), 3)
        self.assertEqual(len(hire.activity_ids), 3)
        # the start moves: so do the planned follow-ups
        hire.date_start = date(2026, 3, 16)
        self.assertEqual(
            sorted(hire.activity_ids.mapped("date_deadline")),
            [date(2026, 4, 16), date(2026, 6, 16), date(2026, 9, 16)],
        )

    def test_last_follow_up_lets_the_coordinator_validate(self):
        journey = self.north_journey
        hire = self._hire("cdi")
        hire.action_confirm()
        journey.action_exit()
        journey.action_start_follow_up()
        self.assertFalse(journey.hire_follow_up_done)
        with self.assertRaisesRegex(UserError, "not finished: record Follow-up at 1"):
            journey.with_user(self.coordinator).action_validate_follow_up()
        follow_ups = hire.follow_up_ids.with_user(self.counsellor_north)
        with self.assertRaisesRegex(UserError, "still employed"):
            follow_ups[0].action_record()
        for follow_up, when in zip(
            follow_ups, ("2026-04-02", "2026-06-03", "2026-09-02"), strict=True
        ):
            with freeze_time(when):
                follow_up.still_employed = "yes"
                follow_up.action_record()
                self.assertEqual(follow_up.done_date, date.fromisoformat(when))
        self.assertFalse(hire.activity_ids, "activities are marked done")
        self.assertTrue(hire.follow_up_done)
        self.assertTrue(journey.hire_follow_up_done)
        with self.assertRaisesRegex(UserError, "already recorded"):
            follow_ups[2].action_record()
        journey.with_user(self.coordinator).action_validate_follow_up()
        journey.action_close()
        self.assertEqual(journey.state, "closed")

    def test_journey_without_hire_is_not_held(self):
        journey = self.north_journey
        journey.write(
            {"exit_outcome_id": self.outcome_training.id, "exit_date": date(2026, 3, 2)}
        )
        journey.action_exit()
        self.assertTrue(journey.hire_follow_up_done)
        journey.with_user(self.coordinator).action_validate_follow_up()
        journey.action_close()
        self.assertEqual(journey.state, "closed")

    def test_access_by_site(self):
        north = self._hire("cdi")
        south = self._hire("cdi", journey=self.south_journey)
        north.action_confirm()
        south.action_confirm()
        Hire = self.env["refugee.hire"].with_user(self.counsellor_north)
        self.assertEqual(Hire.search([("id", "in", (north | south).ids)]), north)
        FollowUp = self.env["refugee.hire.follow.up"].with_user(self.counsellor_north)
        self.assertEqual(
            FollowUp.search([("hire_id", "in", (north | south).ids)]),
            north.follow_up_ids,
        )
        with self.assertRaises(AccessError):
            south.follow_up_ids[0].with_user(self.counsellor_north).action_record()
        with self.assertRaises(AccessError):
            south.with_user(self.counsellor_north).action_cancel()
        self.assertEqual(
            self.employer.with_user(self.coordinator).employer_hire_count, 2
        )
