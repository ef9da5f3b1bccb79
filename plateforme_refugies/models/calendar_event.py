# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .refugee_interview import SYNCING_CALENDAR


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    refugee_interview_ids = fields.One2many(
        comodel_name="refugee.interview",
        inverse_name="calendar_event_id",
        string="Interviews",
    )

    def write(self, vals):
        res = super().write(vals)
        moved = {"start", "stop", "duration", "start_date", "stop_date"}
        if moved.intersection(vals) and not self.env.context.get(SYNCING_CALENDAR):
            # the interview follows its event, as the user who moved it: the
            # interview's access rules apply
            for event in self:
                interviews = event.sudo().refugee_interview_ids
                if interviews:
                    interviews.with_env(self.env)._follow_calendar_event(event)
        return res
