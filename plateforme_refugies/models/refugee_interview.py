# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

# the fields of an interview its calendar event shows
CALENDAR_FIELDS = {
    "date",
    "duration",
    "kind",
    "journey_id",
    "counsellor_id",
    "social_referent_id",
    "interpreter_id",
}
# context key: the interview and its event are being synchronised
SYNCING_CALENDAR = "refugee_syncing_calendar"

INTERVIEW_KINDS = [
    ("diagnostic", "Diagnostic"),
    ("follow_up", "Follow-up"),
    ("sas_review", "SAS review"),
    ("end_of_journey", "End of journey"),
    ("after_hiring", "After hiring"),
]


class RefugeeInterview(models.Model):
    """An individual interview of a journey: what was achieved, what next.

    Recording it posts a note in the journey's history and puts it in the
    Odoo calendar with its participants as attendees; moving the event in the
    calendar moves the interview.
    """

    _name = "refugee.interview"
    _description = "Individual interview"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "refugee.journey.part.mixin",
        "refugee.convocation.source.mixin",
    ]
    _convocation_date_fields = ("date",)
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
        index="btree_not_null",
        ondelete="set null",
    )

    @api.depends("journey_id")
    def _compute_social_referent_id(self):
        for interview in self:
            interview.social_referent_id = (
                interview.journey_id.social_referent_id or interview.social_referent_id
            )

    @api.depends_context("lang")
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
        interviews._sync_calendar_event()
        return interviews

    def write(self, vals):
        sync = CALENDAR_FIELDS.intersection(vals) and not self.env.context.get(
            SYNCING_CALENDAR
        )
        # the attendees the interview put in its meeting, before the change
        managed = (
            {interview: interview._get_attendees() for interview in self}
            if sync
            else {}
        )
        res = super().write(vals)
        if sync:
            self._sync_calendar_event(managed)
        return res

    def _post_on_journey(self):
        """Put the interview in the history of its journey."""
        for interview in self:
            # in the language of the journey's counsellor, who reads it
            lang = interview.journey_id.counsellor_id._refugee_lang()
            reader = interview.with_context(lang=lang)
            interview.journey_id.message_post(
                body=Markup("%s<br/>%s")
                % (
                    reader.env._(
                        "Interview of %(date)s recorded by %(counsellor)s.",
                        date=format_datetime(
                            reader.env, interview.date, dt_format="short"
                        ),
                        counsellor=interview.counsellor_id.name,
                    ),
                    interview._get_html_link(title=reader.display_name),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _convocation_values(self):
        self.ensure_one()
        return {
            "kind": "follow_up" if self.kind == "after_hiring" else "interview",
            "beneficiary_id": self.beneficiary_id.id,
            "counsellor_id": self.counsellor_id.id,
            "date_start": self.date,
            "duration": self.duration,
            "ask_for": self.counsellor_id.name,
        }

    def _get_attendees(self):
        self.ensure_one()
        # the person is invited only where they have an account to see it
        person = self.beneficiary_id.partner_id.filtered(
            lambda partner: partner.sudo().user_ids
        )
        # partners outside the platform only with the person's consent: the
        # invitation would tell them about the person
        outside = (self.social_referent_id | self.interpreter_id).filtered(
            lambda partner: self.beneficiary_id._may_receive_file_data(partner)
        )
        return self.counsellor_id.partner_id | outside | person

    def _calendar_event_values(self, managed=None):
        """The values of the interview's meeting. Its attendees are the
        interview's; on a meeting that exists, only those the interview
        managed (``managed``, before a change) that it no longer has leave:
        the attendees added by hand in the calendar stay."""
        self.ensure_one()
        attendees = self._get_attendees()
        if managed is None:
            partner_commands = [Command.set(attendees.ids)]
        else:
            partner_commands = [
                Command.unlink(partner.id) for partner in managed - attendees
            ] + [Command.link(partner.id) for partner in attendees]
        # in the language of the counsellor whose calendar it is, also when
        # the scheduler or an upgrade builds it
        reader = self.with_context(lang=self.counsellor_id._refugee_lang())
        return {
            "name": reader.display_name,
            "start": self.date,
            "stop": self.date + timedelta(hours=self.duration or 1.0),
            "user_id": self.counsellor_id.id,
            "partner_ids": partner_commands,
        }

    def _sync_calendar_event(self, managed=None):
        """The interview is an event of the counsellor's calendar from its
        creation; a change of date, length or participants moves it.

        ``managed``: the attendees each interview had before a change
        (``{interview: partners}``), who leave the meeting unless the
        interview still has them; the others stay.
        """
        managed = managed or {}
        Event = self.env["calendar.event"].with_context(**{SYNCING_CALENDAR: True})
        for interview in self.filtered("calendar_event_id"):
            interview.calendar_event_id.with_env(Event.env).write(
                interview._calendar_event_values(
                    managed.get(interview, self.env["res.partner"])
                )
            )
        new = self.filtered(lambda interview: not interview.calendar_event_id)
        if not new:
            return
        journey_model_id = self.env["ir.model"]._get_id("refugee.journey")
        # the meeting's history in the language of the counsellor whose
        # calendar it is
        by_lang = new.grouped(lambda interview: interview.counsellor_id._refugee_lang())
        for lang, interviews in by_lang.items():
            events = Event.with_context(lang=lang).create(
                [
                    {
                        **interview._calendar_event_values(),
                        # the person followed is named: never show it to
                        # other staff
                        "privacy": "private",
                        "res_model_id": journey_model_id,
                        "res_id": interview.journey_id.id,
                    }
                    for interview in interviews
                ]
            )
            for interview, event in zip(interviews, events, strict=True):
                interview.calendar_event_id = event

    @api.model
    def _create_missing_calendar_events(self):
        """Put in the calendar the interviews of today and later that have no
        meeting yet: those recorded before an interview was a meeting from its
        creation (the upgrade to 18.0.2.2.0). Nobody is e-mailed an
        invitation: the people were convoked already."""
        today_start = datetime.combine(fields.Date.today(), time.min)
        interviews = self.search(
            [("calendar_event_id", "=", False), ("date", ">=", today_start)]
        )
        interviews.with_context(no_mail_to_attendees=True)._sync_calendar_event()
        return interviews

    def _follow_calendar_event(self, event):
        """The event was moved in the calendar: the interview moves with it."""
        self.with_context(**{SYNCING_CALENDAR: True}).write(
            {"date": event.start, "duration": event.duration}
        )

    def action_schedule_in_calendar(self):
        """Open the calendar event of the interview (created if missing).
        The referent and the interpreter are left out of the meeting without
        the person's consent: the counsellor is told so here."""
        self.ensure_one()
        self.beneficiary_id._check_sharing_consent(
            self.social_referent_id | self.interpreter_id
        )
        if not self.calendar_event_id:
            if not self.date:
                raise UserError(self.env._("Set the date of the interview first."))
            self._sync_calendar_event()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "views": [(False, "form")],
            "res_id": self.calendar_event_id.id,
        }
