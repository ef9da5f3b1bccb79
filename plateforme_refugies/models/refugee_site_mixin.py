# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RefugeeSiteMixin(models.AbstractModel):
    """Records that belong to one site of the platform.

    Record rules restrict counsellors to the records of the sites they work
    on (``res.users.refugee_site_ids``). A model may name, in
    ``_site_user_field``, a ``res.users`` field (the assigned counsellor) whose
    user must work on the record's site.
    """

    _name = "refugee.site.mixin"
    _description = "Site-scoped record"
    _site_user_field = None

    site_id = fields.Many2one(
        comodel_name="refugee.site",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_site_id(),
    )
    is_my_site = fields.Boolean(
        string="On my sites",
        compute="_compute_is_my_site",
        search="_search_is_my_site",
    )

    def _default_site_id(self):
        return self.env.user.refugee_site_ids[:1]

    @api.depends_context("uid")
    @api.depends("site_id")
    def _compute_is_my_site(self):
        my_sites = self.env.user.refugee_site_ids
        for record in self:
            record.is_my_site = record.site_id in my_sites

    def _search_is_my_site(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on my sites."))
        positive = (operator == "=") == value
        site_ids = self.env.user.refugee_site_ids.ids
        return [("site_id", "in" if positive else "not in", site_ids)]

    @api.constrains(lambda self: ["site_id", self._site_user_field or "site_id"])
    def _check_site_user(self):
        if not self._site_user_field:
            return
        for record in self:
            user = record[self._site_user_field]
            if user and record.site_id not in user.sudo().refugee_site_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work on the site %(site)s: add the site "
                        "to this user or choose another person.",
                        user=user.name,
                        site=record.site_id.name,
                    )
                )
