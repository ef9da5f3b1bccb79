# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._check_assignee_consent()
        return activities

    def write(self, vals):
        res = super().write(vals)
        if {"user_id", "res_model", "res_model_id", "res_id"} & set(vals):
            self._check_assignee_consent()
        return res

    def _check_assignee_consent(self):
        """An activity about a person is assigned to a partner's portal user
        (an employer tutor, a SIAE supervisor) only with the person's consent
        for that partner's kind: its assignment is e-mailed to them."""
        for activity in self.sudo().filtered(lambda a: a.user_id.share):
            Model = self.env.get(activity.res_model)
            if Model is None or not hasattr(Model, "_refugee_people"):
                continue
            document = Model.sudo().browse(activity.res_id)
            document._refugee_people()._check_sharing_consent(
                activity.user_id.partner_id
            )
