# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# IAE categories: a contract of 6 months or more is durable employment
DURABLE_CONTRACT = relativedelta(months=6)
# contract type -> (exit outcome if 6 months or more, exit outcome if shorter)
EXIT_OUTCOMES = {
    "cdi": ("exit_outcome_cdi", "exit_outcome_cdi"),
    "cdd": ("exit_outcome_cdd_long", "exit_outcome_cdd_short"),
    "seasonal": ("exit_outcome_cdd_long", "exit_outcome_cdd_short"),
    "apprenticeship": ("exit_outcome_cdd_long", "exit_outcome_cdd_short"),
    "interim": ("exit_outcome_interim_long", "exit_outcome_interim_short"),
    "cddi": ("exit_outcome_other_siae", "exit_outcome_other_siae"),
}
OPEN_ENDED_CONTRACTS = ("cdi", "other")


class RefugeeHire(models.Model):
    """A beneficiary hired by an employer, followed at 1, 3 and 6 months.

    States and their actions::

        draft --action_confirm--> confirmed  (plans the follow-up, once)
        draft, confirmed --action_cancel--> cancelled --action_draft--> draft

    The hire proposes the exit outcome and date of the journey, unless the
    counsellor set them by hand (``refugee.journey.exit_set_by_hand``).
    """

    _name = "refugee.hire"
    _description = "Hire"
    _inherit = [
        "refugee.file.mail.mixin",  # mail.thread, following the consents
        "mail.activity.mixin",
        "refugee.journey.record.mixin",
        "refugee.employer.mixin",
        "refugee.state.mixin",
        "refugee.portal.mixin",
    ]
    _order = "date_start desc, id desc"
    _rec_names_search = ["beneficiary_id", "journey_id", "employer_id"]
    _portal_partner_field = "employer_id"
    _portal_states = ("confirmed",)

    immersion_id = fields.Many2one(
        comodel_name="refugee.immersion",
        string="After the immersion",
        index="btree_not_null",
        domain="[('beneficiary_id', '=', beneficiary_id)]",
    )
    job_title = fields.Char(required=True, tracking=True)
    contract_type = fields.Selection(
        selection=[
            ("cdi", "Permanent contract (CDI)"),
            ("cdd", "Fixed-term contract (CDD)"),
            ("interim", "Temporary work"),
            ("seasonal", "Seasonal contract"),
            ("apprenticeship", "Apprenticeship"),
            ("cddi", "CDDI in a SIAE"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    weekly_hours = fields.Float()
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("confirmed", "Hired"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    follow_up_ids = fields.One2many(
        comodel_name="refugee.hire.follow.up",
        inverse_name="hire_id",
        string="Follow-ups",
        copy=False,
    )
    follow_up_done = fields.Boolean(
        string="Follow-up recorded",
        compute="_compute_follow_up_done",
        store=True,
        help="Every follow-up after hiring (1, 3 and 6 months) is recorded.",
    )

    @api.depends("follow_up_ids.state")
    def _compute_follow_up_done(self):
        milestones = len(self.env["refugee.hire.follow.up"].MILESTONES)
        for hire in self:
            done = hire.follow_up_ids.filtered(lambda f: f.state == "done")
            hire.follow_up_done = len(done) == milestones

    def _compute_display_name(self):
        for hire in self:
            hire.display_name = self.env._(
                "%(person)s at %(employer)s",
                person=hire.beneficiary_id.name or "",
                employer=hire.employer_id.name or "",
            )

    @api.constrains("beneficiary_id", "journey_id")
    def _check_journey(self):
        for hire in self:
            if hire.journey_id.beneficiary_id != hire.beneficiary_id:
                raise ValidationError(
                    self.env._(
                        "The hire of %(person)s must belong to one of their journeys.",
                        person=hire.beneficiary_id.name,
                    )
                )

    @api.constrains("contract_type", "date_start", "date_end")
    def _check_dates(self):
        for hire in self:
            if hire.date_end and hire.date_end < hire.date_start:
                raise ValidationError(
                    self.env._(
                        "The contract of %s ends before it starts.", hire.display_name
                    )
                )
            if not hire.date_end and hire.contract_type not in OPEN_ENDED_CONTRACTS:
                raise ValidationError(
                    self.env._(
                        "Give the end date of the fixed-term contract of %s.",
                        hire.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        hires = super().create(vals_list)
        hires._update_journey_exit()
        return hires

    def write(self, vals):
        res = super().write(vals)
        if {"contract_type", "date_start", "date_end", "state"} & vals.keys():
            self._update_journey_exit()
        if "date_start" in vals:
            self.follow_up_ids._reschedule()
        return res

    def action_confirm(self):
        self._check_state(
            ["draft"],
            self.env._("Only a draft hire can be confirmed (%(record)s: %(state)s)."),
        )
        self.write({"state": "confirmed"})
        self._plan_follow_ups()

    def action_cancel(self):
        self._check_state(
            ["draft", "confirmed"],
            self.env._(
                "Only a draft or confirmed hire can be cancelled (%(record)s: "
                "%(state)s)."
            ),
        )
        self.write({"state": "cancelled"})
        self.follow_up_ids.filtered(lambda f: f.state == "planned").activity_id.unlink()

    def action_draft(self):
        self._check_state(
            ["cancelled"],
            self.env._(
                "Only a cancelled hire can be reset to draft (%(record)s: %(state)s)."
            ),
        )
        self.write({"state": "draft"})

    def _exit_outcome(self):
        """The exit outcome this contract gives the journey, if any."""
        self.ensure_one()
        xmlids = EXIT_OUTCOMES.get(self.contract_type)
        if not xmlids:
            return self.env["refugee.exit.outcome"]
        durable = not self.date_end or self.date_end >= (
            self.date_start + DURABLE_CONTRACT - timedelta(days=1)
        )
        return self.env.ref(f"plateforme_refugies.{xmlids[0 if durable else 1]}")

    def _update_journey_exit(self):
        """Propose the journey's exit from its latest hire, unless set by hand."""
        journeys = self.journey_id.filtered(
            lambda j: j.state != "closed" and not j.exit_set_by_hand
        )
        if not journeys:
            return
        latest = {}
        for hire in self.search(
            [("journey_id", "in", journeys.ids), ("state", "!=", "cancelled")],
            order="date_start desc, id desc",
        ):
            latest.setdefault(hire.journey_id, hire)
        for journey, hire in latest.items():
            outcome = hire._exit_outcome()
            if outcome and (
                journey.exit_outcome_id != outcome
                or journey.exit_date != hire.date_start
            ):
                journey.with_context(refugee_exit_from_hire=True).write(
                    {"exit_outcome_id": outcome.id, "exit_date": hire.date_start}
                )

    def _plan_follow_ups(self):
        """Plan the follow-ups at 1, 3 and 6 months, once per hire; a hire
        confirmed again after a cancellation gets its activities back."""
        FollowUp = self.env["refugee.hire.follow.up"]
        vals_list = []
        for hire in self:
            planned = set(hire.follow_up_ids.mapped("milestone"))
            vals_list += [
                {"hire_id": hire.id, "milestone": milestone}
                for milestone, _label in FollowUp.MILESTONES
                if milestone not in planned
            ]
        FollowUp.create(vals_list)
        self.follow_up_ids.filtered(
            lambda f: f.state == "planned" and not f.activity_id
        )._schedule_activity()
