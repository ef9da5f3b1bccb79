# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import psycopg2
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase
from odoo.tools import mute_logger

from .common import RefugeeCase

TRANSITIONS = {
    "action_start_diagnostic": {"orientation"},
    "action_start_plan": {"diagnostic"},
    "action_exit": {"in_progress"},
    "action_start_follow_up": {"exited"},
    "action_close": {"exited", "follow_up"},
}


@freeze_time("2026-03-02")
class TestJourney(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls._create_beneficiary("Abdullah Safi")

    def _run_precommit(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _journey_as_counsellor(self, **values):
        journey = self._create_journey(self.beneficiary, **values)
        return journey.with_user(self.counsellor_north)

    def test_full_journey_to_closing(self):
        journey = self._journey_as_counsellor()
        self.assertEqual(journey.state, "orientation")
        self.assertTrue(journey.name.startswith("PAR/"))
        self.assertEqual(journey.site_id, self.site_north)
        self.assertEqual(journey.counsellor_id, self.counsellor_north)
        self.assertEqual(self.beneficiary.current_journey_id, journey)

        journey.action_start_diagnostic()
        self.assertEqual(journey.state, "diagnostic")
        self.assertEqual(journey.diagnostic_date, date(2026, 3, 2))

        journey.drawer_sas = journey.drawer_employment = True
        journey.action_start_plan()
        self.assertEqual(journey.state, "in_progress")
        self.assertEqual(journey.start_date, date(2026, 3, 2))

        journey.write(
            {"exit_date": date(2026, 3, 1), "exit_outcome_id": self.outcome_cdi.id}
        )
        self.assertEqual(journey.exit_category, "durable")
        journey.action_exit()
        self.assertEqual(journey.state, "exited")

        journey.action_start_follow_up()
        self.assertEqual(journey.state, "follow_up")

        journey.with_user(self.coordinator).action_validate_follow_up()
        self.assertEqual(journey.follow_up_validated_by_id, self.coordinator)
        self.assertTrue(journey.follow_up_validation_date)

        journey.action_close()
        self.assertEqual(journey.state, "closed")
        self.assertEqual(journey.close_date, date(2026, 3, 2))
        self.assertFalse(self.beneficiary.current_journey_id)
        self.assertEqual(self.beneficiary.journey_count, 1)

    def test_exit_without_hire_closes_without_follow_up(self):
        journey = self._journey_as_counsellor(drawer_training=True)
        journey.action_start_diagnostic()
        journey.action_start_plan()
        journey.write(
            {
                "exit_date": date(2026, 2, 20),
                "exit_outcome_id": self.outcome_training.id,
            }
        )
        journey.action_exit()
        self.assertEqual(journey.exit_category, "positive")
        with self.assertRaisesRegex(UserError, "did not end with a hire"):
            journey.action_start_follow_up()
        journey.with_user(self.coordinator).action_validate_follow_up()
        journey.action_close()
        self.assertEqual(journey.state, "closed")

    def test_every_illegal_transition_is_refused(self):
        states = [
            state
            for state, __ in self.env["refugee.journey"]._fields["state"].selection
        ]
        journey = self._journey_as_counsellor(
            drawer_sas=True,
            exit_date=date(2026, 2, 1),
            exit_outcome_id=self.outcome_cdi.id,
        )
        refused = 0
        for action, sources in TRANSITIONS.items():
            for state in set(states) - sources:
                journey.sudo().state = state
                with self.subTest(action=action, state=state):
                    with self.assertRaisesRegex(
                        UserError, r"^Only an? .*journey.* can .* \(.*: .*\)\.$"
                    ):
                        getattr(journey, action)()
                    self.assertEqual(journey.state, state)
                    refused += 1
        self.assertEqual(refused, 24)
        for state in ("orientation", "diagnostic", "in_progress", "closed"):
            journey.sudo().state = state
            with self.assertRaises(UserError):
                journey.with_user(self.coordinator).action_validate_follow_up()

    def test_plan_needs_a_drawer(self):
        journey = self._journey_as_counsellor()
        journey.action_start_diagnostic()
        with self.assertRaisesRegex(UserError, "at least one drawer"):
            journey.action_start_plan()
        self.assertEqual(journey.state, "diagnostic")

    def test_exit_needs_date_and_outcome(self):
        journey = self._journey_as_counsellor(drawer_workshops=True)
        journey.action_start_diagnostic()
        journey.action_start_plan()
        with self.assertRaisesRegex(UserError, "exit date and the exit outcome"):
            journey.action_exit()
        self.assertEqual(journey.state, "in_progress")

    def test_only_the_coordinator_validates_and_validation_comes_first(self):
        journey = self._journey_as_counsellor(drawer_workshops=True)
        journey.action_start_diagnostic()
        journey.action_start_plan()
        journey.write(
            {"exit_date": date(2026, 2, 20), "exit_outcome_id": self.outcome_cdi.id}
        )
        journey.action_exit()
        with self.assertRaisesRegex(UserError, "must validate"):
            journey.action_close()
        with self.assertRaisesRegex(AccessError, "Only the coordinator"):
            journey.action_validate_follow_up()
        self.assertFalse(journey.follow_up_validated_by_id)
        self.assertEqual(journey.state, "exited")

    def test_exit_category_can_be_overridden(self):
        journey = self._journey_as_counsellor()
        journey.exit_outcome_id = self.outcome_cdi
        self.assertEqual(journey.exit_category, "durable")
        journey.exit_category = "transition"
        self.assertEqual(journey.exit_category, "transition")

    def test_one_open_journey_per_beneficiary(self):
        first = self._journey_as_counsellor()
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self._create_journey(self.beneficiary)
        self.assertIn(first.name, str(error.exception))
        self.assertEqual(self.beneficiary.journey_count, 1)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["refugee.journey"].create(
                [{"beneficiary_id": self.beneficiary.id}] * 2
            )
        first.sudo().write(
            {
                "state": "closed",
                "exit_date": date(2026, 2, 1),
                "exit_outcome_id": self.outcome_cdi.id,
            }
        )
        second = self._create_journey(
            self.beneficiary, orientation_date=date(2026, 2, 15)
        )
        self.assertEqual(self.beneficiary.current_journey_id, second)
        with self.assertRaisesRegex(ValidationError, "already has an open journey"):
            first.sudo().state = "exited"

    def test_current_journey_follows_the_site_rule(self):
        """The list of files names each file's current journey in one query
        that keeps the site rule of journeys: a journey followed on a site the
        counsellor does not work on is not shown to them."""
        journey = self._create_journey(
            self.beneficiary,
            site_id=self.site_south.id,
            counsellor_id=self.counsellor_south.id,
        )
        self.env.invalidate_all()
        coordinator_view = self.beneficiary.with_user(self.coordinator)
        self.assertEqual(coordinator_view.current_journey_id, journey)
        self.assertEqual(coordinator_view.journey_count, 1)
        self.env.invalidate_all()
        counsellor_view = self.beneficiary.with_user(self.counsellor_north)
        self.assertFalse(counsellor_view.current_journey_id)
        self.assertEqual(counsellor_view.journey_count, 0)

    def test_one_open_journey_is_kept_by_the_database(self):
        first = self._create_journey(self.beneficiary)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.cr.execute("SET CONSTRAINTS ALL IMMEDIATE")
                self.env.cr.execute(
                    "INSERT INTO refugee_journey "
                    "(name, beneficiary_id, site_id, state, orientation_date) "
                    "VALUES ('dup', %s, %s, 'diagnostic', '2026-01-01')",
                    [self.beneficiary.id, first.site_id.id],
                )

    def test_dates_in_order(self):
        with (
            self.assertRaisesRegex(ValidationError, "in the future"),
            self.env.cr.savepoint(),
        ):
            self._create_journey(self.beneficiary, orientation_date=date(2026, 3, 3))
        journey = self._create_journey(self.beneficiary)
        with self.assertRaisesRegex(ValidationError, "cannot precede its orientation"):
            journey.exit_date = date(2025, 12, 31)

    def test_only_a_journey_not_started_can_be_deleted(self):
        journey = self._journey_as_counsellor()
        journey.action_start_diagnostic()
        with self.assertRaisesRegex(UserError, "orientation step"):
            journey.unlink()
        other = self._create_beneficiary("Tesfay Haile")
        fresh = self._create_journey(other).with_user(self.counsellor_north)
        fresh.unlink()
        self.assertFalse(fresh.exists())

    def test_form_takes_site_and_counsellor_from_the_file(self):
        beneficiary = self._create_beneficiary("Zarghona Azizi", site=self.site_south)
        form = Form(self.env["refugee.journey"].with_user(self.coordinator))
        form.beneficiary_id = beneficiary
        self.assertEqual(form.site_id, self.site_south)
        self.assertEqual(form.counsellor_id, self.counsellor_south)
        journey = form.save()
        self.assertEqual(journey.display_name, f"{journey.name} - Zarghona Azizi")

    def test_state_changes_are_tracked(self):
        journey = self._create_journey(self.beneficiary).with_context(
            tracking_disable=False
        )
        self._run_precommit()  # records created in the transaction are not tracked
        journey.with_user(self.counsellor_north).action_start_diagnostic()
        self._run_precommit()
        tracked = journey.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracked.new_value_char, "Diagnostic")


class TestJourneyConcurrency(TransactionCase):
    """Two counsellors open a journey for the same person at the same moment."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            site = env["refugee.site"].create({"name": "Race Site", "code": "RACE"})
            beneficiary = env["refugee.beneficiary"].create(
                {
                    "name": "Race Person",
                    "birthdate": date(1994, 6, 1),
                    "site_id": site.id,
                }
            )
        self.site_id, self.beneficiary_id = site.id, beneficiary.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["refugee.journey"].search(
                [("beneficiary_id", "=", self.beneficiary_id)]
            ).unlink()
            beneficiary = env["refugee.beneficiary"].browse(self.beneficiary_id)
            partner = beneficiary.partner_id
            beneficiary.unlink()
            partner.unlink()
            env["refugee.site"].browse(self.site_id).unlink()

    def test_two_transactions_cannot_both_open_a_journey(self):
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        self.addCleanup(cr1.close)
        self.addCleanup(cr2.close)
        for cr in (cr1, cr2):
            env = api.Environment(cr, SUPERUSER_ID, {})
            # each transaction passes the constraint method: it cannot see the other
            env["refugee.journey"].create({"beneficiary_id": self.beneficiary_id})
            env.flush_all()
        cr1.commit()
        with self.assertRaises(psycopg2.errors.ExclusionViolation):
            cr2.commit()
        cr2.rollback()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM refugee_journey WHERE beneficiary_id = %s",
                [self.beneficiary_id],
            )
            self.assertEqual(cr.fetchone()[0], 1)
