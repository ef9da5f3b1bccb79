# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MY_DAY_ACTION = "plateforme_refugies.refugee_my_day_action"
PROSPECTION_TEAM = "plateforme_refugies.crm_team_prospection"
STAFF_GROUP = "plateforme_refugies.group_counsellor"


class ResUsers(models.Model):
    _inherit = "res.users"

    refugee_site_ids = fields.Many2many(
        comodel_name="refugee.site",
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
        users._refugee_setup_staff()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(
            name == "groups_id" or name.startswith(("sel_groups_", "in_group_"))
            for name in vals
        ):
            self._refugee_setup_staff()
        if "refugee_site_ids" in vals:
            # record rules read the user's sites: their cache must follow
            self.env.registry.clear_cache()
        return res

    def _refugee_lang(self):
        """The language the platform writes in for this user (activities,
        notes, messages), whatever the session or the scheduler: theirs, else
        the company's."""
        return (
            self[:1].sudo().lang
            or self.env.company.sudo().partner_id.lang
            or self.env.lang
        )

    @api.model
    def _refugee_setup_all_staff(self):
        """Set up the staff of the platform already there (install)."""
        self.search(
            [("groups_id", "in", self.env.ref(STAFF_GROUP).id)]
        )._refugee_setup_staff()

    def _refugee_setup_staff(self):
        """Counsellors and coordinators land on "Ma journée" (unless they chose
        another home) and, unless they belong to a sales team, work in the
        employers' prospection team: Odoo's CRM shows them its stages only."""
        action = self.env.ref(MY_DAY_ACTION, raise_if_not_found=False)
        team = self.env.ref(PROSPECTION_TEAM, raise_if_not_found=False)
        if not (action and team):  # while the addon's data is being loaded
            return
        staff = self.sudo().filtered(lambda user: user.has_group(STAFF_GROUP))
        homeless = staff.filtered(lambda user: not user.action_id)
        if homeless:
            homeless.action_id = action.id
        # staff who also sell in another team keep it
        newcomers = staff.filtered(lambda user: not user.sale_team_id)
        if newcomers:
            self.env["crm.team.member"].sudo().create(
                [{"crm_team_id": team.id, "user_id": user.id} for user in newcomers]
            )
