# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class RefugeeStateMixin(models.AbstractModel):
    """Guard of the state machines: an action only runs from its source states."""

    _name = "refugee.state.mixin"
    _description = "State machine guard"

    def _check_state(self, allowed_states, message):
        """Refuse the action unless every record is in one of ``allowed_states``.

        ``message`` is the whole translated sentence of the refusal, written
        for its action (``self.env._("Only a draft … can be signed (%(record)s:
        %(state)s).")``): it receives the record's name and its current status.
        """
        states = dict(self._fields["state"]._description_selection(self.env))
        for record in self:
            if record.state not in allowed_states:
                raise UserError(
                    message
                    % {"record": record.display_name, "state": states[record.state]}
                )
