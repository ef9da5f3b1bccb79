# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .refugee_placement_attendance import MAX_WEEKLY_HOURS

# Labour Code, articles D5135-1 and following (PMSMP)
MAX_DURATION = relativedelta(months=1)
MAX_PER_EMPLOYER = 2
MAX_DAYS_PER_EMPLOYER = 60
EMPLOYER_WINDOW = relativedelta(months=12)
BACKDATE_TOLERANCE_DAYS = 2

# context key to load past immersions (demo data, migration of history)
HISTORY_CONTEXT_KEY = "refugee_immersion_history"

ASSESSMENT_LEVELS = [
    ("very_good", "Very good"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("insufficient", "Insufficient"),
]
ASSESSMENT_FIELDS = (
    "assessment_result",
    "assessment_punctuality",
    "assessment_soft_skills",
    "assessment_instructions",
    "assessment_skills",
)


class RefugeeImmersion(models.Model):
    """A professional immersion (PMSMP) of a beneficiary with an employer.

    States and their actions::

        draft --action_sign--> signed --action_start--> running
        running --action_done--> done  (with the tutor's assessment)
        draft, signed --stop wizard--> cancelled --action_draft--> draft
        running --stop wizard--> abandoned

    A PMSMP lasts at most one month and is renewed at most once, for the same
    objective (``action_renew``, the renewal points to the first one).
    """

    _name = "refugee.immersion"
    _description = "Professional immersion (PMSMP)"
    _inherit = [
        "refugee.file.mail.mixin",  # mail.thread, following the consents
        "mail.activity.mixin",
        "refugee.journey.record.mixin",
        "refugee.employer.mixin",
        "refugee.state.mixin",
        "refugee.portal.mixin",
    ]
    _order = "date_start desc, id desc"
    _rec_names_search = ["name", "beneficiary_id"]
    _portal_partner_field = "employer_id"
    _portal_states = ("signed", "running", "done", "abandoned")

    name = fields.Char(
        string="Reference",
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    employer_id = fields.Many2one(domain="[('is_partner_employer', '=', True)]")
    prescriber_id = fields.Many2one(
        comodel_name="res.partner",
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="France Travail, Mission Locale, Cap emploi or SIAE prescribing the "
        "PMSMP.",
    )
    objective = fields.Selection(
        selection=[
            ("discover", "Discover a trade"),
            ("confirm", "Confirm a project"),
            ("recruit", "Start a recruitment"),
        ],
        required=True,
        tracking=True,
    )
    job_title = fields.Char(string="Trade")
    date_start = fields.Date(
        string="Start",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
    )
    date_end = fields.Date(
        string="End",
        required=True,
        tracking=True,
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
    )
    duration_days = fields.Integer(
        string="Days", compute="_compute_duration_days", store=True
    )
    schedule = fields.Text(help="Working days and hours in the company.")
    weekly_hours = fields.Float(
        default=35.0, help="Hours a week in the company (35 at most a PMSMP)."
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("running", "Running"),
            ("done", "Done"),
            ("abandoned", "Abandoned"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    stop_reason = fields.Text(
        string="Reason for stopping", readonly=True, copy=False, tracking=True
    )
    renewal_of_id = fields.Many2one(
        comodel_name="refugee.immersion",
        string="Renewal of",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
    )
    renewal_ids = fields.One2many(
        comodel_name="refugee.immersion", inverse_name="renewal_of_id"
    )
    visit_ids = fields.One2many(
        comodel_name="refugee.immersion.visit", inverse_name="immersion_id"
    )
    hire_ids = fields.One2many(comodel_name="refugee.hire", inverse_name="immersion_id")

    # The tutor's end assessment
    assessment_date = fields.Date(copy=False, tracking=True)
    assessment_result = fields.Selection(
        selection=ASSESSMENT_LEVELS,
        string="Overall assessment",
        copy=False,
        tracking=True,
    )
    assessment_punctuality = fields.Selection(
        selection=ASSESSMENT_LEVELS, string="Punctuality", copy=False
    )
    assessment_soft_skills = fields.Selection(
        selection=ASSESSMENT_LEVELS, string="Soft skills", copy=False
    )
    assessment_instructions = fields.Selection(
        selection=ASSESSMENT_LEVELS,
        string="Understanding of instructions",
        copy=False,
    )
    assessment_skills = fields.Selection(
        selection=ASSESSMENT_LEVELS, string="Trade skills", copy=False
    )
    hire_prospect = fields.Selection(
        selection=[("yes", "Yes"), ("later", "Later"), ("no", "No")],
        string="Hiring considered",
        copy=False,
        tracking=True,
    )
    assessment_notes = fields.Text(string="Tutor's comments", copy=False)

    @api.depends("date_start")
    def _compute_date_end(self):
        for immersion in self:
            if immersion.date_start:
                immersion.date_end = immersion._last_allowed_day()

    @api.depends("date_start", "date_end")
    def _compute_duration_days(self):
        for immersion in self:
            immersion.duration_days = immersion._days()

    def _compute_display_name(self):
        for immersion in self:
            immersion.display_name = (
                f"{immersion.name} - {immersion.beneficiary_id.name}"
                if immersion.beneficiary_id
                else immersion.name
            )

    def _days(self):
        if not (self.date_start and self.date_end):
            return 0
        return (self.date_end - self.date_start).days + 1

    def _last_allowed_day(self, date_start=None):
        """One month date to date: from 2 March to 1 April included."""
        return (date_start or self.date_start) + MAX_DURATION - timedelta(days=1)

    def _format(self, date):
        return format_date(self.env, date)

    @api.constrains("beneficiary_id", "journey_id")
    def _check_journey(self):
        for immersion in self:
            if immersion.journey_id.beneficiary_id != immersion.beneficiary_id:
                raise ValidationError(
                    self.env._(
                        "Immersion %(immersion)s must belong to a journey of "
                        "%(person)s.",
                        immersion=immersion.name,
                        person=immersion.beneficiary_id.name,
                    )
                )

    @api.constrains("weekly_hours")
    def _check_weekly_hours(self):
        for immersion in self:
            if not 0 < immersion.weekly_hours <= MAX_WEEKLY_HOURS:
                raise ValidationError(
                    self.env._(
                        "Give the hours a week of the immersion %(immersion)s: "
                        "more than zero and %(max)s at most.",
                        immersion=immersion.display_name,
                        max=MAX_WEEKLY_HOURS,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_duration(self):
        for immersion in self:
            if immersion.date_end < immersion.date_start:
                raise ValidationError(
                    self.env._(
                        "Immersion %(immersion)s ends before it starts.",
                        immersion=immersion.display_name,
                    )
                )
            if immersion.date_end > immersion._last_allowed_day():
                raise ValidationError(
                    self.env._(
                        "A PMSMP lasts at most one month date to date (Labour Code "
                        "D5135-3): %(immersion)s starts on %(start)s and must end on "
                        "%(last_day)s at the latest.",
                        immersion=immersion.display_name,
                        start=self._format(immersion.date_start),
                        last_day=self._format(immersion._last_allowed_day()),
                    )
                )

    @api.constrains("date_start")
    def _check_start_not_backdated(self):
        if self.env.context.get(HISTORY_CONTEXT_KEY):
            return
        earliest = fields.Date.context_today(self) - timedelta(
            days=BACKDATE_TOLERANCE_DAYS
        )
        for immersion in self:
            if immersion.date_start < earliest:
                raise ValidationError(
                    self.env._(
                        "A PMSMP agreement is signed before the immersion starts: "
                        "its start cannot be back-dated by more than %(days)s days. "
                        "%(immersion)s starts on %(start)s, the earliest allowed "
                        "start is %(earliest)s.",
                        days=BACKDATE_TOLERANCE_DAYS,
                        immersion=immersion.display_name,
                        start=self._format(immersion.date_start),
                        earliest=self._format(earliest),
                    )
                )

    @api.constrains(
        "renewal_of_id", "objective", "employer_id", "beneficiary_id", "date_start"
    )
    def _check_renewal(self):
        for immersion in self.filtered("renewal_of_id"):
            first = immersion.renewal_of_id
            if first.renewal_of_id:
                raise ValidationError(
                    self.env._(
                        "A PMSMP is renewed once only (Labour Code D5135-3): "
                        "%(immersion)s is already a renewal of %(first)s.",
                        immersion=first.display_name,
                        first=first.renewal_of_id.display_name,
                    )
                )
            if len(first.renewal_ids.filtered(lambda i: i.state != "cancelled")) > 1:
                raise ValidationError(
                    self.env._(
                        "A PMSMP is renewed once only (Labour Code D5135-3): "
                        "%(first)s already has a renewal.",
                        first=first.display_name,
                    )
                )
            if (
                immersion.objective != first.objective
                or immersion.employer_id != first.employer_id
                or immersion.beneficiary_id != first.beneficiary_id
            ):
                raise ValidationError(
                    self.env._(
                        "A PMSMP is renewed for the same person, employer and "
                        "objective (Labour Code D5135-3): %(immersion)s does not "
                        "match %(first)s.",
                        immersion=immersion.display_name,
                        first=first.display_name,
                    )
                )
            if immersion.date_start <= first.date_end:
                raise ValidationError(
                    self.env._(
                        "The renewal %(immersion)s must start after the end of "
                        "%(first)s (%(end)s).",
                        immersion=immersion.display_name,
                        first=first.display_name,
                        end=self._format(first.date_end),
                    )
                )

    @api.constrains(
        "beneficiary_id", "employer_id", "objective", "date_start", "date_end", "state"
    )
    def _check_employer_limits(self):
        """Over any 12 months, with the same employer: at most 2 PMSMP (renewals
        belong to the PMSMP they renew), with different objectives, and 60
        days in all."""
        counted = self.filtered(lambda i: i.state != "cancelled")
        if not counted:
            return
        pairs = {(i.beneficiary_id.id, i.employer_id.id) for i in counted}
        history = self.sudo().search(
            [
                ("beneficiary_id", "in", [pair[0] for pair in pairs]),
                ("employer_id", "in", [pair[1] for pair in pairs]),
                ("state", "!=", "cancelled"),
            ],
            order="date_start, id",
        )
        by_pair = defaultdict(list)
        for immersion in history:
            by_pair[(immersion.beneficiary_id.id, immersion.employer_id.id)].append(
                immersion
            )
        for pair in pairs:
            immersions = by_pair[pair]
            for anchor in immersions:
                window_end = anchor.date_start + EMPLOYER_WINDOW
                window = history.browse(
                    [
                        i.id
                        for i in immersions
                        if anchor.date_start <= i.date_start < window_end
                    ]
                )
                if window & counted:
                    window._check_employer_window()

    def _check_employer_window(self):
        """Check the immersions of one person with one employer within 12 months."""
        agreements = self.filtered(lambda i: not i.renewal_of_id)
        first = self[:1]
        names = ", ".join(agreements.mapped("name"))
        if len(agreements) > MAX_PER_EMPLOYER:
            raise ValidationError(
                self.env._(
                    "At most %(max)s PMSMP with the same employer over 12 months "
                    "(Labour Code D5135-3): %(person)s would have %(names)s with "
                    "%(employer)s.",
                    max=MAX_PER_EMPLOYER,
                    person=first.beneficiary_id.name,
                    names=names,
                    employer=first.employer_id.name,
                )
            )
        if len(set(agreements.mapped("objective"))) < len(agreements):
            raise ValidationError(
                self.env._(
                    "Two PMSMP with the same employer over 12 months must have "
                    "different objectives (Labour Code D5135-3): %(names)s of "
                    "%(person)s with %(employer)s have the same objective.",
                    names=names,
                    person=first.beneficiary_id.name,
                    employer=first.employer_id.name,
                )
            )
        days = sum(immersion._days() for immersion in self)
        if days > MAX_DAYS_PER_EMPLOYER:
            raise ValidationError(
                self.env._(
                    "PMSMP with the same employer last at most %(max)s days in all "
                    "over 12 months (Labour Code D5135-3): %(person)s would spend "
                    "%(days)s days with %(employer)s.",
                    max=MAX_DAYS_PER_EMPLOYER,
                    person=first.beneficiary_id.name,
                    days=days,
                    employer=first.employer_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        numbers = self.env["ir.sequence"]._next_numbers_by_code(
            "refugee.immersion", len(vals_list)
        )
        for vals, number in zip(vals_list, numbers, strict=True):
            vals["name"] = number
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(immersion.state != "draft" for immersion in self):
            raise UserError(
                self.env._(
                    "Only a draft immersion can be deleted; a signed one is "
                    "cancelled instead."
                )
            )

    def action_sign(self):
        self._check_state(
            ["draft"],
            self.env._("Only a draft immersion can be signed (%(record)s: %(state)s)."),
        )
        if missing := self.filtered(lambda i: not i.tutor_id):
            raise UserError(
                self.env._(
                    "Name the tutor of %s before signing the agreement.",
                    missing[0].display_name,
                )
            )
        self.write({"state": "signed"})

    def action_start(self):
        self._check_state(
            ["signed"],
            self.env._(
                "Only a signed immersion can be started (%(record)s: %(state)s)."
            ),
        )
        today = fields.Date.context_today(self)
        if early := self.filtered(lambda i: i.date_start > today):
            raise UserError(
                self.env._(
                    "%(immersion)s starts on %(start)s: it cannot run before.",
                    immersion=early[0].display_name,
                    start=self._format(early[0].date_start),
                )
            )
        self.write({"state": "running"})

    def action_done(self):
        self._check_state(
            ["running"],
            self.env._(
                "Only a running immersion can be closed (%(record)s: %(state)s)."
            ),
        )
        if missing := self.filtered(lambda i: not i.assessment_result):
            raise UserError(
                self.env._(
                    "Record the tutor's overall assessment of %s before closing it.",
                    missing[0].display_name,
                )
            )
        today = fields.Date.context_today(self)
        for immersion in self:
            immersion.write(
                {
                    "state": "done",
                    "assessment_date": immersion.assessment_date or today,
                }
            )

    def action_open_stop_wizard(self):
        self._check_state(
            ["draft", "signed", "running"],
            self.env._(
                "Only a draft, signed or running immersion can be stopped "
                "(%(record)s: %(state)s)."
            ),
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Stop the immersion"),
            "res_model": "refugee.immersion.stop.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_immersion_ids": self.ids},
        }

    def _stop(self, reason, stop_date):
        """Cancel an immersion that did not start, abandon a running one."""
        self._check_state(
            ["draft", "signed", "running"],
            self.env._(
                "Only a draft, signed or running immersion can be stopped "
                "(%(record)s: %(state)s)."
            ),
        )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for stopping the immersion."))
        for immersion in self:
            values = {"stop_reason": reason, "state": "cancelled"}
            if immersion.state == "running":
                values["state"] = "abandoned"
                if immersion.date_start <= stop_date < immersion.date_end:
                    values["date_end"] = stop_date
            immersion.write(values)

    def action_draft(self):
        self._check_state(
            ["cancelled"],
            self.env._(
                "Only a cancelled immersion can be reset to draft (%(record)s: "
                "%(state)s)."
            ),
        )
        self.write({"state": "draft", "stop_reason": False})

    def action_renew(self):
        """Renew the PMSMP once, for the same objective, right after its end."""
        self.ensure_one()
        self._check_state(
            ["running", "done"],
            self.env._(
                "Only a running or finished immersion can be renewed (%(record)s: "
                "%(state)s)."
            ),
        )
        first = self.renewal_of_id or self
        if self.renewal_of_id or first.renewal_ids.filtered(
            lambda i: i.state != "cancelled"
        ):
            raise UserError(
                self.env._(
                    "A PMSMP is renewed once only (Labour Code D5135-3): %s is "
                    "already renewed.",
                    first.display_name,
                )
            )
        date_start = self.date_end + timedelta(days=1)
        renewal = self.copy(
            {
                "renewal_of_id": self.id,
                "date_start": date_start,
                "date_end": self._last_allowed_day(date_start),
                "journey_id": self.journey_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "views": [(False, "form")],
            "res_id": renewal.id,
        }

    # Portal of the employer tutors (see refugee.portal.mixin)

    def _portal_can_assess(self):
        """The tutor assesses a running immersion, once."""
        self.ensure_one()
        return self.state == "running" and not self.assessment_date

    def _portal_submit_assessment(self, partner, values):
        """Save the end-of-immersion assessment sent by the tutor ``partner``."""
        self.ensure_one()
        if not self._portal_can_assess():
            raise UserError(
                self.env._(
                    "This immersion cannot be assessed now: the tutor assesses a "
                    "running immersion, once."
                )
            )
        answers = self._portal_answers(
            values,
            (*ASSESSMENT_FIELDS, "hire_prospect"),
            "assessment_notes",
            "assessment_date",
        )
        if not answers:
            raise UserError(self.env._("Answer every question of the assessment."))
        self.sudo().write(answers)
        # written for the counsellor, in their language
        env = self._portal_reader_env()
        results = dict(self._fields["assessment_result"]._description_selection(env))
        prospects = dict(self._fields["hire_prospect"]._description_selection(env))
        self._portal_notify(
            partner,
            env._(
                "End-of-immersion assessment sent by the tutor: %(result)s; hiring "
                "considered: %(prospect)s.",
                result=results[self.assessment_result],
                prospect=prospects[self.hire_prospect],
            ),
            env._("Read the tutor's assessment and close the immersion"),
        )
