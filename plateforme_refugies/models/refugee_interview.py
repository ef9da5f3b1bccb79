# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

INTERVIEW_KINDS = [
    ("diagnostic", "Diagnostic"),
    ("follow_up", "Follow-up"),
    ("sas_review", "SAS review"),
    ("end_of_journey", "End of journey"),
    ("after_hiring", "After hiring"),
]


class RefugeeInterview(models.Model):
    """An individual interview of a journey: what was achieved, what next.

    Recording it posts a note in the journey's history; it can be put in the
    Odoo calendar with its participants as attendees.
    """

    _name = "refugee.interview"
    _description = "Individual interview"
    _inherit = ["mail.thread", "mail.activity.mixin", "refugee.journey.part.mixin"]
    _order = "date desc, id desc"
    _rec_name = "journey_id"

    journey_id = fields.Many2one(tracking=True)
    date = fields.Datetime(
        required=True, default=fields.Datetime.now, tracking=True, index=True
    )
    duration = fields.Float(default=1.0, help="Duration in hours.")
    kind = fields.Selection(
        selection=INTERVIEW_KINDS,
        required=True,
        default="follow_up",
        tracking=True,
    )
    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    social_referent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Social referent",
        compute="_compute_social_referent_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    interpreter_id = fields.Many2one(comodel_name="res.partner")
    achieved = fields.Html(string="What was achieved")
    next_steps = fields.Html(string="What to work on next")
    barrier_ids = fields.One2many(
        comodel_name="refugee.barrier",
        inverse_name="interview_id",
        string="Barriers discussed",
    )
    calendar_event_id = fields.Many2one(
        comodel_name="calendar.event",
        string="Calendar event",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    @api.depends("journey_id")
    def _compute_social_referent_id(self):
        for interview in self:
            interview.social_referent_id = (
                interview.journey_id.social_referent_id or interview.social_referent_id
            )

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for interview in self:
            interview.display_name = self.env._(
                "%(kind)s interview of %(person)s",
                kind=kinds.get(interview.kind, ""),
                person=interview.beneficiary_id.name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        interviews = super().create(vals_list)
        interviews._post_on_journey()
        return interviews

    def _post_on_journey(self):
        """Put the interview in the history of its journey."""
        for interview in self:
            interview.journey_id.message_post(
                body=Markup("%s<br/>%s")
                % (
                    self.env._(
                        "Interview of %(date)s recorded by %(counsellor)s.",
                        date=format_datetime(self.env, interview.date),
                        counsellor=interview.counsellor_id.name,
                    ),
                    interview._get_html_link(title=interview.display_name),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _get_attendees(self):
        self.ensure_one()
        return (
            self.counsellor_id.partner_id
            | self.social_referent_id
            | self.interpreter_id
        )

    def action_schedule_in_calendar(self):
        """Create (or open) the calendar event of the interview."""
        self.ensure_one()
        if not self.calendar_event_id:
            if not self.date:
                raise UserError(self.env._("Set the date of the interview first."))
            self.calendar_event_id = self.env["calendar.event"].create(
                {
                    "name": self.display_name,
                    "start": self.date,
                    "stop": self.date + timedelta(hours=self.duration or 1.0),
                    "user_id": self.counsellor_id.id,
                    "partner_ids": [Command.set(self._get_attendees().ids)],
                    # the person followed is named: never show it to other staff
                    "privacy": "private",
                    "res_model_id": self.env["ir.model"]._get_id("refugee.journey"),
                    "res_id": self.journey_id.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "views": [(False, "form")],
            "res_id": self.calendar_event_id.id,
        }
