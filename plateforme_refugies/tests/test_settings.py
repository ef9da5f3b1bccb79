# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RefugeeCase


@tagged("post_install", "-at_install")
class TestSettings(RefugeeCase):
    """The figures DOMAIN.md keeps configurable, in Settings > Refugee
    insertion, for the coordinator who administers the settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_admin = new_test_user(
            cls.env,
            "test_coordinator_settings",
            groups="base.group_user,base.group_system,"
            "plateforme_refugies.group_coordinator",
            name="Test Coordinator Settings",
        )
        cls.Settings = cls.env["res.config.settings"].with_user(cls.coordinator_admin)
        cls.no_interview = cls.env.ref("plateforme_refugies.deadline_rule_no_interview")
        cls.oral = cls.env.ref(
            "plateforme_refugies.french_threshold_oral_comprehension"
        )

    def test_defaults_are_the_domain_figures(self):
        settings = self.Settings.create({})
        self.assertEqual(settings.refugee_retention_months, 24)
        self.assertEqual(settings.refugee_sas_max_months, 4)
        self.assertEqual(settings.refugee_siae_capacity, 2)
        self.assertEqual(settings.refugee_reminder_days, 2)
        self.assertEqual(settings.refugee_no_show_threshold, 30)
        rules = self.env["refugee.deadline.rule"].with_context(active_test=False)
        self.assertEqual(settings.refugee_deadline_rule_ids, rules.search([]))
        self.assertEqual(
            settings.refugee_french_threshold_ids,
            self.env["refugee.french.threshold"].search([]),
        )

    def test_saved_settings_are_in_effect(self):
        self.Settings.create(
            {
                "refugee_retention_months": 36,
                "refugee_sas_max_months": 5,
                "refugee_siae_capacity": 3,
                "refugee_reminder_days": 3,
                "refugee_deadline_rule_ids": [
                    Command.update(
                        self.no_interview.id, {"delay": 4, "delay_unit": "weeks"}
                    )
                ],
                "refugee_french_threshold_ids": [
                    Command.update(self.oral.id, {"level": "b1"})
                ],
            }
        ).execute()
        self.assertEqual(self.env["refugee.beneficiary"]._get_retention_months(), 36)
        self.assertEqual(self.env["refugee.siae.placement"]._sas_max_months(), 5)
        siae = self.env["res.partner"].create({"name": "SIAE Test", "is_siae": True})
        self.assertEqual(siae.siae_capacity, 3)
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("plateforme_refugies.reminder_days"),
            "3",
        )
        self.assertEqual(self.no_interview.delay, 4)
        self.assertEqual(self.oral.level, "b1")
        self.assertEqual(
            self.env["refugee.french.threshold"]._get_required_ranks()[
                "oral_comprehension"
            ],
            4,
        )

    def test_figures_below_one_are_refused(self):
        for field in (
            "refugee_retention_months",
            "refugee_sas_max_months",
            "refugee_siae_capacity",
            "refugee_reminder_days",
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.Settings.create({field: 0}).execute()
        self.assertEqual(self.env["refugee.beneficiary"]._get_retention_months(), 24)

    def test_no_show_rate_that_alerts_is_a_percentage(self):
        for rate in (-1, 100):
            with self.subTest(rate=rate), self.assertRaises(ValidationError):
                self.Settings.create({"refugee_no_show_threshold": rate}).execute()
        self.Settings.create({"refugee_no_show_threshold": 50}).execute()
        self.assertEqual(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("plateforme_refugies.no_show_threshold"),
            "50",
        )

    def test_settings_belong_to_the_settings_administrators(self):
        for user in (self.coordinator, self.counsellor_north):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["res.config.settings"].with_user(user).create(
                    {"refugee_retention_months": 1}
                ).execute()
        self.assertEqual(self.env["refugee.beneficiary"]._get_retention_months(), 24)
