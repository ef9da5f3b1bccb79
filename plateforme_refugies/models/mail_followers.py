# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression

from .refugee_privacy_domain import visible_document_domain, visible_partner_domain


class MailFollowers(models.Model):
    """Followers that name a beneficiary of another site are hidden: the
    follower is such a beneficiary, or the followed record is a file's."""

    _name = "mail.followers"
    _inherit = ["mail.followers", "refugee.visibility.mixin"]

    @api.model
    def _refugee_visible_domain(self):
        return expression.AND(
            [
                visible_document_domain(self.env, "res_model", "res_id"),
                [("partner_id", "any", visible_partner_domain(self.env))],
            ]
        )
