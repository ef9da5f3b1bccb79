# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class RefugeeConfigurationMixin(models.AbstractModel):
    """Configuration that the history of the persons depends on: sites, exit
    outcomes, sectors, languages, partner and barrier types.

    Their references are ``ondelete="restrict"``; once used, a record is
    archived, never deleted (the error says so); the platform finds the ones
    its rules need by their technical ``code`` (``_find_by_code``), never by
    XML id.
    """

    _name = "refugee.configuration.mixin"
    _description = "Configuration kept for the history of the files"

    @api.model
    def _find_by_code(self, code):
        """The active record of this technical code, or an empty recordset."""
        return self.search([("code", "=", code)], limit=1) if code else self.browse()

    def _references(self):
        """Stored fields of other models pointing to this model."""
        for Model in self.env.registry.values():
            if Model._abstract or Model._transient or not Model._auto:
                continue
            for field in Model._fields.values():
                if (
                    field.type in ("many2one", "many2many")
                    and field.comodel_name == self._name
                    and field.store
                    and not field.inherited
                ):
                    yield field

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        for field in self._references():
            Model = self.env[field.model_name].sudo().with_context(active_test=False)
            used = Model.search([(field.name, "in", self.ids)], limit=1)
            if used:
                record = (used[field.name] & self)[:1]
                raise UserError(
                    self.env._(
                        "%(record)s is used by %(model)s records: the history of "
                        "the files depends on it. Archive it instead of deleting it.",
                        record=record.display_name,
                        model=Model._description,
                    )
                )
