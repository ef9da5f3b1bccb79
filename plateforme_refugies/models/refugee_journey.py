# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .refugee_exit_outcome import IAE_CATEGORIES
from .refugee_siae_placement import SAS_MAX_STEPS, SAS_MIN_STEPS

JOURNEY_STATES = [
    ("orientation", "Orientation received"),
    ("diagnostic", "Diagnostic"),
    ("in_progress", "In progress"),
    ("exited", "Exited"),
    ("follow_up", "Follow-up after hiring"),
    ("closed", "Closed"),
]
SAS_OUTCOMES = [
    ("sas_siae", "Stays in a SIAE of the SAS"),
    ("other_siae", "Joins another SIAE"),
    ("training", "HOPE or other training"),
    ("employment", "Direct employment"),
    ("other", "Other (abandonment, moving away...)"),
]
# SAS outcome -> code of the exit outcome it proposes for the journey
SAS_OUTCOME_EXITS = {
    "sas_siae": "other_siae",
    "other_siae": "other_siae",
    "training": "qualifying_training",
}


class RefugeeJourney(models.Model):
    """The journey of one beneficiary towards work.

    States and their actions::

        orientation --action_start_diagnostic--> diagnostic
        diagnostic --action_start_plan--> in_progress
        in_progress --action_exit--> exited
        exited --action_start_follow_up--> follow_up  (hired only)
        exited, follow_up --action_close--> closed  (once the coordinator
                                                     validated the follow-up)

    A beneficiary has at most one journey that is not closed.
    """

    _name = "refugee.journey"
    _description = "Insertion journey"
    _inherit = [
        "refugee.file.mail.mixin",  # mail.thread, following the consents
        "mail.activity.mixin",
        "refugee.site.mixin",
        "refugee.state.mixin",
    ]
    _order = "orientation_date desc, id desc"
    # the number, or the person (name, first name, file number; see the file)
    _rec_names_search = ["name", "beneficiary_id"]
    _site_user_field = "counsellor_id"

    name = fields.Char(
        string="Reference",
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    site_id = fields.Many2one(
        default=None,
        compute="_compute_site_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        compute="_compute_counsellor_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('refugee_site_ids', 'in', site_id)]",
    )
    state = fields.Selection(
        selection=JOURNEY_STATES,
        required=True,
        default="orientation",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    color = fields.Integer()
    orienting_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Oriented by",
        tracking=True,
        help="Partner who oriented the person to the platform (OFII, "
        "accommodation centre, France Travail, Mission Locale…).",
    )
    orientation_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    orientation_age = fields.Integer(
        string="Age at orientation",
        compute="_compute_orientation_age",
        store=True,
        help="Age of the person on the orientation date: the age bands of the "
        "reports, kept when the file is anonymised.",
    )
    orientation_notes = fields.Text(string="Reason for orientation")
    diagnostic_date = fields.Date(string="Diagnostic started on", copy=False)
    start_date = fields.Date(string="Plan started on", copy=False)

    # The drawers of the individual plan
    drawer_workshops = fields.Boolean(string="Autonomy workshops", tracking=True)
    drawer_sas = fields.Boolean(string="SAS IAE", tracking=True)
    drawer_employment = fields.Boolean(string="Immersion / employment", tracking=True)
    drawer_training = fields.Boolean(string="Training", tracking=True)

    exit_date = fields.Date(copy=False, tracking=True)
    exit_outcome_id = fields.Many2one(
        comodel_name="refugee.exit.outcome",
        string="Exit outcome",
        ondelete="restrict",
        copy=False,
        tracking=True,
    )
    exit_category = fields.Selection(
        selection=IAE_CATEGORIES,
        string="IAE exit category",
        compute="_compute_exit_category",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
    )
    exit_notes = fields.Text(copy=False)
    follow_up_validated_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Follow-up validated by",
        readonly=True,
        copy=False,
    )
    follow_up_validation_date = fields.Datetime(
        string="Follow-up validated on", readonly=True, copy=False
    )
    close_date = fields.Date(string="Closed on", readonly=True, copy=False)

    # SIAE placements and the SAS IAE (2 or 3 of them, successive)
    siae_placement_ids = fields.One2many(
        comodel_name="refugee.siae.placement",
        inverse_name="journey_id",
        string="SIAE placements",
    )
    sas_placement_ids = fields.One2many(
        comodel_name="refugee.siae.placement",
        inverse_name="journey_id",
        string="SAS placements",
        domain=[("is_sas", "=", True)],
    )
    siae_placement_count = fields.Integer(compute="_compute_siae_placement_count")
    sas_date_start = fields.Date(
        string="SAS starts on", compute="_compute_sas_dates", store=True
    )
    sas_date_end = fields.Date(
        string="SAS ends on", compute="_compute_sas_dates", store=True
    )
    sas_outcome = fields.Selection(
        selection=SAS_OUTCOMES,
        string="SAS outcome",
        copy=False,
        tracking=True,
        help="Where the person goes at the end of the SAS IAE.",
    )
    sas_outcome_siae_id = fields.Many2one(
        comodel_name="res.partner",
        string="Continues in the SIAE",
        copy=False,
        tracking=True,
        domain=[("is_siae", "=", True)],
    )

    # Individual follow-up: diagnostic, interviews, barriers, re-orientation
    social_referent_id = fields.Many2one(
        related="beneficiary_id.social_referent_id", store=True, readonly=False
    )
    diagnostic_ids = fields.One2many(
        comodel_name="refugee.diagnostic",
        inverse_name="journey_id",
        string="Diagnostics",
    )
    diagnostic_id = fields.Many2one(
        comodel_name="refugee.diagnostic",
        compute="_compute_diagnostic_id",
    )
    interview_ids = fields.One2many(
        comodel_name="refugee.interview", inverse_name="journey_id"
    )
    interview_count = fields.Integer(compute="_compute_follow_up_counts")
    last_interview_date = fields.Date(
        compute="_compute_last_interview_date", store=True, index=True
    )
    barrier_ids = fields.One2many(
        comodel_name="refugee.barrier", inverse_name="journey_id"
    )
    barrier_count = fields.Integer(compute="_compute_follow_up_counts")
    barrier_open_count = fields.Integer(
        string="Barriers not lifted", compute="_compute_follow_up_counts"
    )
    reorientation_request_ids = fields.One2many(
        comodel_name="refugee.reorientation.request", inverse_name="journey_id"
    )
    reorientation_count = fields.Integer(compute="_compute_follow_up_counts")

    _sql_constraints = [
        (
            # deferred: the constraint method gives the readable error first; the
            # database still refuses two journeys opened at the same moment
            "one_open_per_beneficiary",
            "EXCLUDE USING btree (beneficiary_id WITH =) WHERE (state != 'closed') "
            "DEFERRABLE INITIALLY DEFERRED",
            "A beneficiary can only have one open journey.",
        ),
    ]

    @api.depends("beneficiary_id")
    def _compute_site_id(self):
        for journey in self:
            journey.site_id = journey.beneficiary_id.site_id or journey.site_id

    @api.depends("beneficiary_id")
    def _compute_counsellor_id(self):
        for journey in self:
            journey.counsellor_id = (
                journey.beneficiary_id.counsellor_id or journey.counsellor_id
            )

    @api.depends("exit_outcome_id")
    def _compute_exit_category(self):
        for journey in self:
            journey.exit_category = journey.exit_outcome_id.iae_category

    def _compute_siae_placement_count(self):
        counts = dict(
            self.env["refugee.siae.placement"]._read_group(
                [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]
            )
        )
        for journey in self:
            journey.siae_placement_count = counts.get(journey, 0)

    @api.depends(
        "sas_placement_ids.date_start",
        "sas_placement_ids.occupancy_end",
        "sas_placement_ids.state",
    )
    def _compute_sas_dates(self):
        for journey in self:
            sas = journey.sas_placement_ids.filtered("occupancy_end")
            journey.sas_date_start = min(sas.mapped("date_start"), default=False)
            journey.sas_date_end = max(sas.mapped("occupancy_end"), default=False)

    @api.depends("beneficiary_id.birthdate", "orientation_date")
    def _compute_orientation_age(self):
        for journey in self:
            birthdate = journey.beneficiary_id.birthdate
            journey.orientation_age = (
                relativedelta(journey.orientation_date, birthdate).years
                if birthdate and journey.orientation_date
                else 0
            )

    def _compute_display_name(self):
        # the contact's name (a stored field) rather than the file's (an
        # inherited one): Odoo names many2one values as superuser, and the
        # file's name would be computed again for that environment
        for journey in self:
            journey.display_name = (
                f"{journey.name} - {journey.beneficiary_id.partner_id.name}"
                if journey.beneficiary_id
                else journey.name
            )

    @api.constrains("beneficiary_id", "state")
    def _check_one_open_journey(self):
        beneficiaries = self.filtered(lambda j: j.state != "closed").beneficiary_id
        open_domain = [
            ("beneficiary_id", "in", beneficiaries.ids),
            ("state", "!=", "closed"),
        ]
        crowded = self.sudo()._read_group(
            open_domain, ["beneficiary_id"], ["__count"], having=[("__count", ">", 1)]
        )
        if crowded:
            beneficiary = crowded[0][0]
            open_journeys = self.sudo().search(
                [("beneficiary_id", "=", beneficiary.id), ("state", "!=", "closed")]
            )
            existing = (open_journeys - self)[:1] or open_journeys[:1]
            raise ValidationError(
                self.env._(
                    "%(person)s already has an open journey (%(journey)s): close it "
                    "before opening a new one.",
                    person=beneficiary.name,
                    journey=existing.name,
                )
            )

    @api.constrains("orientation_date", "diagnostic_date", "start_date", "exit_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for journey in self:
            if journey.orientation_date > today:
                raise ValidationError(
                    self.env._(
                        "The orientation of %s cannot be dated in the future.",
                        journey.display_name,
                    )
                )
            for date in (
                journey.diagnostic_date,
                journey.start_date,
                journey.exit_date,
            ):
                if date and date < journey.orientation_date:
                    raise ValidationError(
                        self.env._(
                            "The dates of journey %s cannot precede its orientation.",
                            journey.display_name,
                        )
                    )

    @api.constrains("sas_outcome", "sas_outcome_siae_id", "drawer_sas")
    def _check_sas(self):
        for journey in self:
            sas = journey.sudo().sas_placement_ids.filtered("occupancy_end")
            if sas and not journey.drawer_sas:
                raise ValidationError(
                    self.env._(
                        "SAS rule: journey %(journey)s has SAS placements: keep its "
                        "SAS IAE drawer, or cancel them first.",
                        journey=journey.display_name,
                    )
                )
            if journey.sas_outcome:
                journey._check_sas_outcome(sas)

    def _check_sas_outcome(self, sas):
        self.ensure_one()
        if self.sas_outcome != "other" and len(sas) < SAS_MIN_STEPS:
            raise ValidationError(
                self.env._(
                    "SAS rule: the SAS of %(journey)s needs %(min)s or %(max)s "
                    "successive placements before its outcome is recorded; it has "
                    "%(count)s.",
                    journey=self.display_name,
                    min=SAS_MIN_STEPS,
                    max=SAS_MAX_STEPS,
                    count=len(sas),
                )
            )
        if unfinished := sas.filtered(lambda p: p.state in ("planned", "running")):
            raise ValidationError(
                self.env._(
                    "SAS rule: the outcome of the SAS of %(journey)s is recorded at "
                    "its end; the placement %(placement)s is not finished.",
                    journey=self.display_name,
                    placement=unfinished[0].display_name,
                )
            )
        siae = self.sas_outcome_siae_id
        if self.sas_outcome in ("sas_siae", "other_siae") and not siae:
            raise ValidationError(
                self.env._(
                    "SAS outcome of %(journey)s: name the SIAE the person continues "
                    "in.",
                    journey=self.display_name,
                )
            )
        if self.sas_outcome == "sas_siae" and siae not in sas.siae_id:
            raise ValidationError(
                self.env._(
                    "SAS outcome of %(journey)s: %(siae)s is not one of the SIAE of "
                    'the SAS; choose "Joins another SIAE".',
                    journey=self.display_name,
                    siae=siae.display_name,
                )
            )
        if self.sas_outcome == "other_siae" and siae in sas.siae_id:
            raise ValidationError(
                self.env._(
                    "SAS outcome of %(journey)s: %(siae)s is one of the SIAE of the "
                    'SAS; choose "Stays in a SIAE of the SAS".',
                    journey=self.display_name,
                    siae=siae.display_name,
                )
            )

    def _check_placements(self):
        """The rules over the SIAE placements of each journey, SAS first."""
        Placement = self.env["refugee.siae.placement"]
        for journey in self.sudo():
            placements = journey.siae_placement_ids.filtered("occupancy_end").sorted(
                "date_start"
            )
            latest = None
            for placement in placements:
                if latest and placement.date_start <= latest.occupancy_end:
                    raise ValidationError(
                        self.env._(
                            "SAS rule: the placements of %(person)s follow one "
                            "another and cannot overlap: %(first)s ends on %(end)s, "
                            "%(second)s starts on %(start)s.",
                            person=journey.beneficiary_id.name,
                            first=latest.siae_id.name,
                            end=format_date(self.env, latest.occupancy_end),
                            second=placement.siae_id.name,
                            start=format_date(self.env, placement.date_start),
                        )
                    )
                if not latest or placement.occupancy_end > latest.occupancy_end:
                    latest = placement
            sas = placements.filtered("is_sas")
            if not sas:
                continue
            if not journey.drawer_sas:
                raise ValidationError(
                    self.env._(
                        "SAS rule: journey %(journey)s does not include the SAS IAE "
                        "drawer: tick it in the individual plan first.",
                        journey=journey.display_name,
                    )
                )
            if len(sas) > SAS_MAX_STEPS:
                raise ValidationError(
                    self.env._(
                        "SAS rule: the SAS of %(journey)s has at most %(max)s "
                        "successive placements.",
                        journey=journey.display_name,
                        max=SAS_MAX_STEPS,
                    )
                )
            for siae in sas.siae_id:
                if len(sas.filtered(lambda p, siae=siae: p.siae_id == siae)) > 1:
                    raise ValidationError(
                        self.env._(
                            "SAS rule: each placement of the SAS of %(journey)s is "
                            "in a different SIAE; %(siae)s appears twice.",
                            journey=journey.display_name,
                            siae=siae.name,
                        )
                    )
            to_come = sas.filtered(lambda p: p.state in ("planned", "running"))
            if not_partner := to_come.siae_id.filtered(lambda s: not s.is_sas_partner):
                raise ValidationError(
                    self.env._(
                        "SAS rule: %(siae)s is not a partner of the SAS IAE: place "
                        "the person there outside the SAS, or choose a partner SIAE.",
                        siae=not_partner[0].name,
                    )
                )
            first_day = sas[0].date_start
            last_day = max(sas.mapped("occupancy_end"))
            if last_day > Placement._sas_last_day(first_day):
                raise ValidationError(
                    self.env._(
                        "SAS rule: the SAS of %(journey)s lasts at most %(months)s "
                        "months from the first start to the last end; it runs from "
                        "%(start)s to %(end)s.",
                        journey=journey.display_name,
                        months=Placement._sas_max_months(),
                        start=format_date(self.env, first_day),
                        end=format_date(self.env, last_day),
                    )
                )
        self._check_sas()

    @api.onchange("sas_outcome")
    def _onchange_sas_outcome(self):
        """The SAS outcome proposes the exit outcome of the journey."""
        code = SAS_OUTCOME_EXITS.get(self.sas_outcome)
        if code and not self.exit_outcome_id:
            self.exit_outcome_id = self.env["refugee.exit.outcome"]._find_by_code(code)

    @api.model_create_multi
    def create(self, vals_list):
        numbers = self.env["ir.sequence"]._next_numbers_by_code(
            "refugee.journey", len(vals_list)
        )
        for vals, number in zip(vals_list, numbers, strict=True):
            vals["name"] = number
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(journey.state != "orientation" for journey in self):
            raise UserError(
                self.env._(
                    "Only a journey still at the orientation step can be deleted; "
                    "a started journey is closed instead."
                )
            )

    def action_start_diagnostic(self):
        self._check_state(
            ["orientation"],
            self.env._(
                "Only a journey in orientation can move to diagnostic (%(record)s: "
                "%(state)s)."
            ),
        )
        today = fields.Date.context_today(self)
        for journey in self:
            journey.write(
                {
                    "state": "diagnostic",
                    "diagnostic_date": journey.diagnostic_date or today,
                }
            )

    def action_start_plan(self):
        self._check_state(
            ["diagnostic"],
            self.env._(
                "Only a journey in diagnostic can be started (%(record)s: %(state)s)."
            ),
        )
        for journey in self:
            if not (
                journey.drawer_workshops
                or journey.drawer_sas
                or journey.drawer_employment
                or journey.drawer_training
            ):
                raise UserError(
                    self.env._(
                        "Choose at least one drawer (workshops, SAS IAE, immersion / "
                        "employment or training) before starting journey %s.",
                        journey.display_name,
                    )
                )
            journey.write(
                {
                    "state": "in_progress",
                    "start_date": journey.start_date or fields.Date.context_today(self),
                }
            )

    def action_exit(self):
        self._check_state(
            ["in_progress"],
            self.env._("Only a journey in progress can exit (%(record)s: %(state)s)."),
        )
        for journey in self:
            if not (journey.exit_date and journey.exit_outcome_id):
                raise UserError(
                    self.env._(
                        "Fill in the exit date and the exit outcome of journey %s "
                        "before recording the exit.",
                        journey.display_name,
                    )
                )
        self.write({"state": "exited"})

    def action_start_follow_up(self):
        self._check_state(
            ["exited"],
            self.env._(
                "Only an exited journey can start its follow-up after hiring "
                "(%(record)s: %(state)s)."
            ),
        )
        if not_hired := self.filtered(lambda j: not j.exit_outcome_id.is_employment):
            raise UserError(
                self.env._(
                    "Journey %s did not end with a hire: there is no follow-up after "
                    "hiring to start.",
                    not_hired[0].display_name,
                )
            )
        self.write({"state": "follow_up"})

    def action_validate_follow_up(self):
        if not self.env.user.has_group("plateforme_refugies.group_coordinator"):
            raise AccessError(
                self.env._("Only the coordinator validates the follow-up of a journey.")
            )
        self._check_state(
            ["exited", "follow_up"],
            self.env._(
                "Only an exited or followed-up journey can have its follow-up "
                "validated (%(record)s: %(state)s)."
            ),
        )
        self._check_hire_follow_up_done()
        self.write(
            {
                "follow_up_validated_by_id": self.env.uid,
                "follow_up_validation_date": fields.Datetime.now(),
            }
        )

    def action_close(self):
        self._check_state(
            ["exited", "follow_up"],
            self.env._(
                "Only an exited or followed-up journey can be closed (%(record)s: "
                "%(state)s)."
            ),
        )
        self._check_hire_follow_up_done()
        if not_validated := self.filtered(lambda j: not j.follow_up_validated_by_id):
            raise UserError(
                self.env._(
                    "The coordinator must validate the follow-up of journey %s "
                    "before it is closed.",
                    not_validated[0].display_name,
                )
            )
        self.write({"state": "closed", "close_date": fields.Date.context_today(self)})

    def action_view_siae_placements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_siae_placement_action"
        )
        action["domain"] = [("journey_id", "=", self.id)]
        action["context"] = {
            "default_journey_id": self.id,
            "default_is_sas": self.drawer_sas,
        }
        return action

    def action_open_sas_planner(self):
        self.ensure_one()
        if not self.drawer_sas or self.state not in ("diagnostic", "in_progress"):
            raise UserError(
                self.env._(
                    "The SAS of journey %(journey)s is planned once the SAS IAE "
                    "drawer is chosen, at the diagnostic or while the plan is in "
                    "progress.",
                    journey=self.display_name,
                )
            )
        if self.sas_placement_ids.filtered("occupancy_end"):
            raise UserError(
                self.env._(
                    "Journey %(journey)s already has a SAS plan: adjust its "
                    "placements, or cancel them to plan again.",
                    journey=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan the SAS"),
            "res_model": "refugee.sas.planner.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_journey_id": self.id},
        }

    # Individual follow-up

    @api.depends("diagnostic_ids")
    def _compute_diagnostic_id(self):
        for journey in self:
            journey.diagnostic_id = journey.diagnostic_ids[:1]

    @api.depends("interview_ids.date")
    def _compute_last_interview_date(self):
        for journey in self:
            dates = journey.interview_ids.mapped("date")
            journey.last_interview_date = max(dates).date() if dates else False

    def _compute_follow_up_counts(self):
        domain = [("journey_id", "in", self.ids)]
        interviews = dict(
            self.env["refugee.interview"]._read_group(
                domain, ["journey_id"], ["__count"]
            )
        )
        barriers = {
            (journey, lifted): count
            for journey, lifted, count in self.env["refugee.barrier"]._read_group(
                domain, ["journey_id", "is_lifted"], ["__count"]
            )
        }
        reorientations = dict(
            self.env["refugee.reorientation.request"]._read_group(
                domain, ["journey_id"], ["__count"]
            )
        )
        for journey in self:
            journey.interview_count = interviews.get(journey, 0)
            journey.barrier_open_count = barriers.get((journey, False), 0)
            journey.barrier_count = journey.barrier_open_count + barriers.get(
                (journey, True), 0
            )
            journey.reorientation_count = reorientations.get(journey, 0)

    def _action_view_follow_up(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("journey_id", "=", self.id)]
        action["context"] = {"default_journey_id": self.id}
        return action

    def action_view_interviews(self):
        return self._action_view_follow_up(
            "plateforme_refugies.refugee_interview_action"
        )

    def action_view_barriers(self):
        return self._action_view_follow_up("plateforme_refugies.refugee_barrier_action")

    def action_view_reorientation_requests(self):
        return self._action_view_follow_up(
            "plateforme_refugies.refugee_reorientation_request_action"
        )

    def action_request_reorientation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "refugee.reorientation.request",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_journey_id": self.id,
                **{
                    f"default_new_{field}": self[field]
                    for field in (
                        "drawer_workshops",
                        "drawer_sas",
                        "drawer_employment",
                        "drawer_training",
                    )
                },
            },
        }

    def action_open_diagnostic(self):
        """Open the diagnostic of the journey, created on first opening."""
        self.ensure_one()
        diagnostic = self.diagnostic_id or self.env["refugee.diagnostic"].create(
            {"journey_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "refugee.diagnostic",
            "views": [(False, "form")],
            "res_id": diagnostic.id,
        }

    def action_email_social_referent(self):
        """Open the mail composer towards the social referent."""
        self.ensure_one()
        if not self.social_referent_id.email:
            raise UserError(
                self.env._(
                    "Journey %(journey)s has no social referent with an e-mail "
                    "address: fill it in first.",
                    journey=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_partner_ids": self.social_referent_id.ids,
                "default_composition_mode": "comment",
                "default_subject": self.env._(
                    "Follow-up of %(person)s", person=self.beneficiary_id.name
                ),
            },
        }

    # Employment: immersions, hires and the follow-up after hiring
    exit_set_by_hand = fields.Boolean(
        copy=False,
        tracking=True,
        help="The counsellor chose the exit outcome or date by hand: hires no "
        "longer propose them. Untick to take them from the latest hire again.",
    )
    immersion_ids = fields.One2many(
        comodel_name="refugee.immersion", inverse_name="journey_id"
    )
    hire_ids = fields.One2many(comodel_name="refugee.hire", inverse_name="journey_id")
    immersion_count = fields.Integer(compute="_compute_employment_counts")
    hire_count = fields.Integer(compute="_compute_employment_counts")
    hire_follow_up_done = fields.Boolean(
        string="Follow-up after hiring recorded",
        compute="_compute_hire_follow_up_done",
        store=True,
        help="Every hire of the journey has its follow-ups at 1, 3 and 6 months "
        "recorded (or the journey has no hire).",
    )

    def _compute_employment_counts(self):
        immersions = dict(
            self.env["refugee.immersion"]._read_group(
                [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]
            )
        )
        hires = dict(
            self.env["refugee.hire"]._read_group(
                [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]
            )
        )
        for journey in self:
            journey.immersion_count = immersions.get(journey, 0)
            journey.hire_count = hires.get(journey, 0)

    @api.depends("hire_ids.state", "hire_ids.follow_up_done")
    def _compute_hire_follow_up_done(self):
        for journey in self:
            hires = journey.hire_ids.filtered(lambda h: h.state == "confirmed")
            journey.hire_follow_up_done = all(hires.mapped("follow_up_done"))

    def write(self, vals):
        if (
            {"exit_outcome_id", "exit_date", "exit_category"} & vals.keys()
            and "exit_set_by_hand" not in vals
            and not self.env.context.get("refugee_exit_from_hire")
        ):
            vals = dict(vals, exit_set_by_hand=True)
        res = super().write(vals)
        if vals.get("exit_set_by_hand") is False:
            self.hire_ids._update_journey_exit()
        return res

    def _check_hire_follow_up_done(self):
        if pending := self.filtered(lambda j: not j.hire_follow_up_done):
            journey = pending[0]
            follow_up = journey.hire_ids.follow_up_ids.filtered(
                lambda f: f.state == "planned" and f.hire_id.state == "confirmed"
            ).sorted("date_due")[:1]
            raise UserError(
                self.env._(
                    "The follow-up after hiring of journey %(journey)s is not "
                    "finished: record %(follow_up)s (due on %(date)s) first.",
                    journey=journey.display_name,
                    follow_up=follow_up.display_name,
                    date=format_date(self.env, follow_up.date_due),
                )
            )

    def _action_employment_records(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("journey_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.beneficiary_id.id,
            "default_journey_id": self.id,
        }
        return action

    def action_view_immersions(self):
        return self._action_employment_records(
            "plateforme_refugies.refugee_immersion_action"
        )

    def action_view_hires(self):
        return self._action_employment_records(
            "plateforme_refugies.refugee_hire_action"
        )
