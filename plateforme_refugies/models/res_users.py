# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
