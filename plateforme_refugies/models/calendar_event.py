# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression

from .refugee_interview import SYNCING_CALENDAR
from .refugee_privacy_domain import visible_document_domain, visible_partner_domain


class CalendarEvent(models.Model):
    """Meetings about a person follow the platform's privacy rules, and an
    interview follows its meeting.

    A meeting linked to a record of a file (an interview of a journey…) or
    with a beneficiary among its attendees is hidden from the staff of the
    other sites, and its attendees outside the platform must have the
    person's consent (see ``refugee.beneficiary._check_sharing_consent``).
    Moving the meeting of an interview in the calendar moves the interview.
    """

    _name = "calendar.event"
    _inherit = ["calendar.event", "refugee.visibility.mixin"]

    refugee_interview_ids = fields.One2many(
        comodel_name="refugee.interview",
        inverse_name="calendar_event_id",
        string="Interviews",
    )

    @api.model
    def _refugee_visible_domain(self):
        return expression.AND(
            [
                visible_document_domain(self.env, "res_model", "res_id"),
                [("partner_ids", "not any", ["!", *visible_partner_domain(self.env)])],
            ]
        )

    def _refugee_people(self):
        """The persons named by the meeting: its attendees who are
        beneficiaries and the person of the linked record."""
        people = self.env["refugee.beneficiary"].sudo()
        for event in self.sudo():
            people |= event.partner_ids.refugee_beneficiary_ids
            if event.res_model and event.res_id and event.res_model in self.env:
                document = self.env[event.res_model].sudo().browse(event.res_id)
                if hasattr(document, "_refugee_people") and document.exists():
                    people |= document._refugee_people()
        return people

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._check_attendees_consent()
        return events

    def write(self, vals):
        res = super().write(vals)
        if {"partner_ids", "attendee_ids", "res_model_id", "res_id"} & set(vals):
            self._check_attendees_consent()
        moved = {"start", "stop", "duration", "start_date", "stop_date"}
        if moved.intersection(vals) and not self.env.context.get(SYNCING_CALENDAR):
            # the interview follows its event, as the user who moved it: the
            # interview's access rules apply
            for event in self:
                interviews = event.sudo().refugee_interview_ids
                if interviews:
                    interviews.with_env(self.env)._follow_calendar_event(event)
        return res

    def _check_attendees_consent(self):
        """No invitation leaves the platform without the person's consent."""
        for event in self:
            event._refugee_people()._check_sharing_consent(event.sudo().partner_ids)
