# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _should_notify_attendee(self):
        # invitations, changes and reminders: a consent withdrawn since the
        # invitation stops the next e-mails at once
        return super()._should_notify_attendee() and all(
            person._may_receive_file_data(self.partner_id)
            for person in self.event_id._refugee_people()
        )
