# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression


class RefugeeVisibilityMixin(models.AbstractModel):
    """Records of Odoo's apps (contacts, meetings, followers) hidden from the
    staff of the sites of the persons they name.

    ``_refugee_visible_domain()`` says which records the current user may
    see; a global record rule ``[('is_refugee_visible', '=', True)]``
    enforces it (``security/plateforme_refugies_privacy_rules.xml``).
    """

    _name = "refugee.visibility.mixin"
    _description = "Record hidden from the staff of other sites"

    is_refugee_visible = fields.Boolean(
        string="Visible to me",
        compute="_compute_is_refugee_visible",
        search="_search_is_refugee_visible",
        help="Names no beneficiary of a site you do not work on.",
    )

    @api.model
    def _refugee_visible_domain(self):
        raise NotImplementedError()

    @api.depends_context("uid")
    def _compute_is_refugee_visible(self):
        visible = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *self._refugee_visible_domain()])
        )
        for record in self:
            record.is_refugee_visible = record in visible

    def _search_is_refugee_visible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(
                self.env._("Unsupported search on the visibility of a record.")
            )
        domain = self._refugee_visible_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]
