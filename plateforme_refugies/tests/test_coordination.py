# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import RefugeeCase


@freeze_time("2026-03-02")
class TestValidationQueue(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journeys = cls.env["refugee.journey"]
        for name in ("Abdullah Safi", "Samir Al Khatib", "Tesfay Haile"):
            journey = cls._create_journey(
                cls._create_beneficiary(name),
                drawer_employment=True,
                exit_date=date(2026, 2, 20),
                exit_outcome_id=cls.outcome_cdi.id,
            )
            journey.action_start_diagnostic()
            journey.action_start_plan()
            journey.action_exit()
            cls.journeys |= journey

    def _queue(self, user):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_journey_action_validation_queue"
        )
        filter_domain = [
            ("state", "in", ("exited", "follow_up")),
            ("follow_up_validated_by_id", "=", False),
        ]
        self.assertIn("search_default_to_validate", action["context"])
        return (
            self.env["refugee.journey"]
            .with_user(user)
            .search([*filter_domain, ("id", "in", self.journeys.ids)])
        )

    def test_bulk_and_single_validation_record_who_and_when(self):
        self.assertEqual(self._queue(self.coordinator), self.journeys)
        first, others = self.journeys[0], self.journeys[1:]
        first.with_user(self.coordinator).action_validate_follow_up()
        self.assertEqual(self._queue(self.coordinator), others)
        others.with_user(self.coordinator).action_validate_follow_up()
        self.assertFalse(self._queue(self.coordinator))
        self.assertEqual(
            set(self.journeys.mapped("follow_up_validated_by_id")), {self.coordinator}
        )
        self.assertTrue(all(self.journeys.mapped("follow_up_validation_date")))

    def test_counsellor_cannot_validate(self):
        with self.assertRaises(AccessError):
            self.journeys.with_user(self.counsellor_north).action_validate_follow_up()
        self.assertFalse(self.journeys.follow_up_validated_by_id)


@freeze_time("2026-03-02")
class TestReorientation(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor_both = cls.env["res.users"].create(
            {
                "name": "Test Counsellor Both",
                "login": "test_cip_both",
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("plateforme_refugies.group_counsellor").id,
                        ]
                    )
                ],
                "refugee_site_ids": [
                    Command.set((cls.site_north | cls.site_south).ids)
                ],
            }
        )
        cls.beneficiary = cls._create_beneficiary("Hewan Gebremedhin")
        cls.journey = cls._create_journey(cls.beneficiary, drawer_workshops=True)

    def _request(self, **values):
        return (
            self.env["refugee.reorientation.request"]
            .with_user(self.counsellor_north)
            .create(
                {
                    "journey_id": self.journey.id,
                    "reason": "Le projet a changé",
                    **values,
                }
            )
        )

    def test_drawer_change_accepted(self):
        request = self._request(
            kind="drawer", new_drawer_sas=True, new_drawer_workshops=True
        )
        self.assertEqual(request.requested_by_id, self.counsellor_north)
        self.assertEqual(request.state, "requested")
        self.assertEqual(self.journey.reorientation_count, 1)
        request.with_user(self.coordinator).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.decided_by_id, self.coordinator)
        self.assertTrue(request.decision_date)
        self.assertTrue(self.journey.drawer_sas)
        self.assertTrue(self.journey.drawer_workshops)
        with self.assertRaisesRegex(UserError, "already decided"):
            request.with_user(self.coordinator).action_accept()

    def test_site_change_moves_file_and_journey(self):
        request = self._request(
            kind="site",
            new_site_id=self.site_south.id,
            new_counsellor_id=self.counsellor_south.id,
        )
        request.with_user(self.coordinator).action_accept()
        self.assertEqual(self.journey.site_id, self.site_south)
        self.assertEqual(self.journey.counsellor_id, self.counsellor_south)
        self.assertEqual(self.beneficiary.site_id, self.site_south)
        self.assertEqual(self.beneficiary.counsellor_id, self.counsellor_south)
        # the request now lives on the south site
        self.assertEqual(request.site_id, self.site_south)

    def test_site_change_without_counsellor_keeps_one_working_there(self):
        self.beneficiary.counsellor_id = self.counsellor_both
        self.journey.counsellor_id = self.counsellor_both
        self._request(kind="site", new_site_id=self.site_south.id).with_user(
            self.coordinator
        ).action_accept()
        self.assertEqual(self.journey.counsellor_id, self.counsellor_both)

    def test_counsellor_change(self):
        request = self._request(
            kind="counsellor", new_counsellor_id=self.counsellor_both.id
        )
        request.with_user(self.coordinator).action_accept()
        self.assertEqual(self.journey.counsellor_id, self.counsellor_both)
        self.assertEqual(self.beneficiary.counsellor_id, self.counsellor_both)

    def test_counsellor_change_to_another_site_is_refused(self):
        request = self._request(
            kind="counsellor", new_counsellor_id=self.counsellor_south.id
        )
        with self.assertRaisesRegex(ValidationError, "does not work on the site"):
            request.with_user(self.coordinator).action_accept()

    def test_refusal_needs_a_reason(self):
        request = self._request(kind="drawer", new_drawer_training=True)
        as_coordinator = request.with_user(self.coordinator)
        with self.assertRaisesRegex(UserError, "Write why"):
            as_coordinator.action_refuse()
        as_coordinator.decision_reason = "Attendre la fin des ateliers"
        as_coordinator.action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.decided_by_id, self.coordinator)
        self.assertFalse(self.journey.drawer_training)

    def test_only_the_coordinator_decides(self):
        request = self._request(kind="drawer", new_drawer_sas=True)
        with self.assertRaises(AccessError):
            request.action_accept()
        with self.assertRaises(AccessError):
            request.action_refuse()
        with self.assertRaises(AccessError):
            request.write({"state": "accepted"})
        with self.assertRaises(AccessError):
            request.decision_reason = "Je décide moi-même"
        self.assertEqual(request.state, "requested")
        self.assertFalse(self.journey.drawer_sas)
        # counsellors of another site do not see it
        with self.assertRaises(AccessError):
            request.with_user(self.counsellor_south).read(["reason"])

    def test_new_values_are_required(self):
        with self.assertRaisesRegex(ValidationError, "choose the new site"):
            self._request(kind="site")
        with self.assertRaisesRegex(ValidationError, "choose at least one drawer"):
            self._request(kind="drawer")

    def test_request_from_the_journey(self):
        action = self.journey.with_user(
            self.counsellor_north
        ).action_request_reorientation()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.counsellor_north)
            .with_context(**action["context"])
        )
        self.assertTrue(form.new_drawer_workshops)
        form.new_drawer_employment = True
        form.reason = "Français suffisant pour une immersion"
        request = form.save()
        self.assertEqual(request.journey_id, self.journey)


@freeze_time("2026-03-02")
class TestCaseloads(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.idle = cls.env["res.users"].create(
            {
                "name": "Test Counsellor Idle",
                "login": "test_cip_idle",
                "groups_id": [
                    Command.set(
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("plateforme_refugies.group_counsellor").id,
                        ]
                    )
                ],
                "refugee_site_ids": [Command.set(cls.site_north.ids)],
            }
        )
        cls.followed = cls._create_beneficiary("Omar Abdelrahman")
        cls.unassigned = cls._create_beneficiary("Parwana Haidari")
        cls.unassigned.counsellor_id = False
        cls.unassigned_journey = cls._create_journey(cls.unassigned)

    def test_caseload_counts_and_counsellors_without_caseload(self):
        Users = self.env["res.users"].with_user(self.coordinator)
        users = self.counsellor_north | self.counsellor_south | self.idle
        self.assertEqual(
            users.with_user(self.coordinator).mapped("refugee_caseload_count"),
            [1, 0, 0],
        )
        idle = Users.search(
            [("id", "in", users.ids), ("refugee_caseload_count", "=", 0)]
        )
        self.assertEqual(idle, self.counsellor_south | self.idle)
        self.assertEqual(
            Users.search([("id", "in", users.ids), ("refugee_caseload_count", ">", 0)]),
            self.counsellor_north,
        )

    def test_bulk_assignment(self):
        Beneficiary = self.env["refugee.beneficiary"].with_user(self.coordinator)
        without = Beneficiary.search(
            [
                ("counsellor_id", "=", False),
                ("id", "in", (self.followed | self.unassigned).ids),
            ]
        )
        self.assertEqual(without, self.unassigned)
        Wizard = self.env["refugee.counsellor.assign.wizard"].with_user(
            self.coordinator
        )
        wizard = Wizard.with_context(
            active_model="refugee.beneficiary",
            active_ids=(self.followed | self.unassigned).ids,
        ).create({"counsellor_id": self.idle.id})
        self.assertEqual(wizard.beneficiary_ids, self.followed | self.unassigned)
        wizard.action_assign()
        self.assertEqual(self.unassigned.counsellor_id, self.idle)
        self.assertEqual(self.followed.counsellor_id, self.idle)
        self.assertEqual(self.unassigned_journey.counsellor_id, self.idle)

    def test_bulk_assignment_checks_site_and_role(self):
        wizard = (
            self.env["refugee.counsellor.assign.wizard"]
            .with_user(self.coordinator)
            .create(
                {
                    "beneficiary_ids": [Command.set(self.unassigned.ids)],
                    "counsellor_id": self.counsellor_south.id,
                }
            )
        )
        with self.assertRaisesRegex(ValidationError, "Parwana Haidari"):
            wizard.action_assign()
        self.assertFalse(self.unassigned.counsellor_id)
        with self.assertRaises(AccessError):
            self.env["refugee.counsellor.assign.wizard"].with_user(
                self.counsellor_north
            ).create({"counsellor_id": self.counsellor_north.id})
