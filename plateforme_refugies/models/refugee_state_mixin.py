# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class RefugeeStateMixin(models.AbstractModel):
    """Guard of the state machines: an action only runs from its source states."""

    _name = "refugee.state.mixin"
    _description = "State machine guard"

    def _check_state(self, allowed_states, action):
        states = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed_states:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: it cannot be %(action)s.",
                        record=record.display_name,
                        state=states[record.state].lower(),
                        action=action,
                    )
                )
