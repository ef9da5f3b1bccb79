# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import RefugeeCase


class TestSensitiveDataTwoFactor(RefugeeCase):
    """The coordinator can require Odoo's two-factor authentication of
    everyone who reads special-category data."""

    def test_two_factor_for_the_sensitive_data_group(self):
        sensitive = self.env.ref("plateforme_refugies.group_sensitive_data")
        self.counsellor_north.groups_id += sensitive
        staff = (self.counsellor_north, self.coordinator)
        for user in (*staff, self.counsellor_south, self.reader):
            self.assertIsNone(user._mfa_type(), user.login)
        # the coordinator requires it (Configuration > Retention of the files)
        self.env["refugee.retention.settings"].with_user(self.coordinator).create(
            {"sensitive_data_2fa_required": True}
        ).action_save()
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
        settings = self.env["refugee.retention.settings"].with_user(self.coordinator)
        self.assertTrue(settings.create({}).sensitive_data_2fa_required)
        settings.create({"sensitive_data_2fa_required": False}).action_save()
        self.assertIsNone(self.coordinator._mfa_type())
