# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeImmersionStopWizard(models.TransientModel):
    """Cancel an immersion that did not start, or abandon a running one."""

    _name = "refugee.immersion.stop.wizard"
    _description = "Stop an immersion"

    immersion_ids = fields.Many2many(comodel_name="refugee.immersion", required=True)
    reason = fields.Text(required=True)
    stop_date = fields.Date(
        string="Stopped on",
        required=True,
        default=fields.Date.context_today,
        help="For a running immersion: its last day in the company.",
    )

    def action_stop(self):
        self.ensure_one()
        self.immersion_ids._stop(self.reason, self.stop_date)
        return {"type": "ir.actions.act_window_close"}
