# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RefugeeSite(models.Model):
    _name = "refugee.site"
    _inherit = ["refugee.configuration.mixin"]
    _description = "Platform site"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    city = fields.Char(string="Main town")
    user_ids = fields.Many2many(
        comodel_name="res.users",
        relation="refugee_site_res_users_rel",
        column1="site_id",
        column2="user_id",
        string="Staff",
        domain=[("share", "=", False)],
    )
    beneficiary_count = fields.Integer(compute="_compute_beneficiary_count")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another site already has this code."),
    ]

    def _compute_beneficiary_count(self):
        counts = dict(
            self.env["refugee.beneficiary"]._read_group(
                [("site_id", "in", self.ids)], ["site_id"], ["__count"]
            )
        )
        for site in self:
            site.beneficiary_count = counts.get(site, 0)

    @api.model_create_multi
    def create(self, vals_list):
        sites = super().create(vals_list)
        if any("user_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        return sites

    def write(self, vals):
        res = super().write(vals)
        if "user_ids" in vals or "active" in vals:
            # record rules read the user's sites: their cache must follow
            self.env.registry.clear_cache()
        return res

    def action_view_beneficiaries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_beneficiary_action"
        )
        action["domain"] = [("site_id", "=", self.id)]
        action["context"] = {"default_site_id": self.id}
        return action
