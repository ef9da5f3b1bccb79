# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeFakeSiteRecord(models.Model):
    _name = "refugee.fake.site.record"
    _inherit = ["mail.thread", "refugee.site.mixin"]
    _description = "Fake site-scoped record"
    _site_user_field = "user_id"

    name = fields.Char()
    user_id = fields.Many2one(comodel_name="res.users")


class RefugeeFakeSiteNote(models.Model):
    _name = "refugee.fake.site.note"
    _inherit = ["mail.thread", "refugee.site.mixin"]
    _description = "Fake site-scoped record without assigned user"

    name = fields.Char()
