# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from .refugee_file_privacy_mixin import SENSITIVE_GROUPS

# the coordinator's setting: two-factor authentication for the sensitive data
SENSITIVE_2FA_PARAMETER = "plateforme_refugies.sensitive_data_2fa_required"


class ResUsers(models.Model):
    _inherit = "res.users"

    refugee_site_ids = fields.Many2many(
        comodel_name="refugee.site",
        ondelete="restrict",
        relation="refugee_site_res_users_rel",
        column1="user_id",
        column2="site_id",
        string="Platform sites",
        help="Sites of the refugees platform this person works on: a counsellor "
        "only sees the beneficiaries and journeys of these sites.",
    )
    refugee_caseload_count = fields.Integer(
        string="Caseload",
        compute="_compute_refugee_caseload_count",
        search="_search_refugee_caseload_count",
        help="Beneficiaries this person follows as counsellor.",
    )

    @tools.ormcache("self.id")
    def _refugee_site_ids_cached(self):
        """The ids of the user's active sites, cached for the record rules
        evaluated at each query (cleared when a user's sites change)."""
        return tuple(self.sudo().refugee_site_ids.ids)

    def _refugee_caseload_counts(self, domain=()):
        return dict(
            self.env["refugee.beneficiary"]
            .sudo()
            ._read_group(
                [("counsellor_id", "!=", False), *domain],
                ["counsellor_id"],
                ["__count"],
            )
        )

    def _compute_refugee_caseload_count(self):
        counts = self._refugee_caseload_counts([("counsellor_id", "in", self.ids)])
        for user in self:
            user.refugee_caseload_count = counts.get(user, 0)

    def _search_refugee_caseload_count(self, operator, value):
        if operator not in ("=", "!=", ">") or value != 0:
            raise NotImplementedError(
                self.env._("Only an empty or non-empty caseload can be searched.")
            )
        followers = list(self._refugee_caseload_counts())
        with_caseload = [user.id for user in followers]
        return [("id", "not in" if operator == "=" else "in", with_caseload)]

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any("refugee_site_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "refugee_site_ids" in vals:
            # record rules read the user's sites: their cache must follow
            self.env.registry.clear_cache()
        return res

    def _mfa_type(self):
        """Odoo's two-factor authentication by e-mail (auth_totp_mail_enforce)
        for whoever holds the sensitive-data group, when the coordinator
        requires it, unless the user set up an authenticator app (``totp``)."""
        mfa_type = super()._mfa_type()
        if mfa_type is None and self._refugee_requires_2fa():
            return "totp_mail"
        return mfa_type

    def _refugee_requires_2fa(self):
        self.ensure_one()
        required = (
            self.env["ir.config_parameter"].sudo().get_param(SENSITIVE_2FA_PARAMETER)
        )
        return required == "True" and self.sudo().has_group(SENSITIVE_GROUPS)
