# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import RefugeeCase


@tagged("post_install", "-at_install")
class TestSensitiveDataTwoFactor(RefugeeCase):
    """The coordinator can require Odoo's two-factor authentication of
    everyone who reads special-category data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.settings_admin = new_test_user(
            cls.env,
            "test_coordinator_2fa",
            groups="base.group_user,base.group_system,"
            "plateforme_refugies.group_coordinator",
        )

    def test_two_factor_for_the_sensitive_data_group(self):
        sensitive = self.env.ref("plateforme_refugies.group_sensitive_data")
        self.counsellor_north.groups_id += sensitive
        staff = (self.counsellor_north, self.coordinator)
        for user in (*staff, self.counsellor_south, self.reader):
            self.assertIsNone(user._mfa_type(), user.login)
        # the coordinator who administers the settings requires it
        settings = self.env["res.config.settings"].with_user(self.settings_admin)
        settings.create({"refugee_sensitive_data_2fa_required": True}).execute()
        for user in staff:
            # a code by e-mail at each login (auth_totp_mail_enforce)
            self.assertEqual(user._mfa_type(), "totp_mail", user.login)
            self.assertEqual(user._mfa_url(), "/web/login/totp")
            self.assertTrue(user._rpc_api_keys_only())
        for user in (self.counsellor_south, self.reader):
            self.assertIsNone(user._mfa_type(), user.login)
        # an authenticator app set up by the user takes precedence
        self.counsellor_north.sudo().totp_secret = "JBSWY3DPEHPK3PXP"
        self.assertEqual(self.counsellor_north._mfa_type(), "totp")
        self.assertTrue(settings.create({}).refugee_sensitive_data_2fa_required)
        settings.create({"refugee_sensitive_data_2fa_required": False}).execute()
        self.assertIsNone(self.coordinator._mfa_type())
