# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MY_DAY_ACTION = "plateforme_refugies.refugee_my_day_action"
MY_DAY_GROUP = "plateforme_refugies.group_counsellor"


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
        users._refugee_set_my_day_home()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(
            name == "groups_id" or name.startswith(("sel_groups_", "in_group_"))
            for name in vals
        ):
            self._refugee_set_my_day_home()
        if "refugee_site_ids" in vals:
            # record rules read the user's sites: their cache must follow
            self.env.registry.clear_cache()
        return res

    @api.model
    def _refugee_set_my_day_home_all(self):
        """Give "Ma journée" as home to the staff of the platform (install)."""
        self.search(
            [("groups_id", "in", self.env.ref(MY_DAY_GROUP).id)]
        )._refugee_set_my_day_home()

    def _refugee_set_my_day_home(self):
        """Counsellors and coordinators without a home action land on "Ma
        journée" (the RDV-Insertion way: the day's caseload first)."""
        action = self.env.ref(MY_DAY_ACTION, raise_if_not_found=False)
        if not action:  # while the addon's data is being loaded
            return
        staff = self.sudo().filtered(
            lambda user: not user.action_id and user.has_group(MY_DAY_GROUP)
        )
        if staff:
            staff.action_id = action.id
