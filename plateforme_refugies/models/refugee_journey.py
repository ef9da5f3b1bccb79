# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .refugee_exit_outcome import IAE_CATEGORIES

JOURNEY_STATES = [
    ("orientation", "Orientation received"),
    ("diagnostic", "Diagnostic"),
    ("in_progress", "In progress"),
    ("exited", "Exited"),
    ("follow_up", "Follow-up after hiring"),
    ("closed", "Closed"),
]


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
    _inherit = ["mail.thread", "mail.activity.mixin", "refugee.site.mixin"]
    _order = "orientation_date desc, id desc"
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
        string="Counsellor",
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

    def _compute_display_name(self):
        for journey in self:
            journey.display_name = (
                f"{journey.name} - {journey.beneficiary_id.name}"
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
                    self.env._("The orientation of %s cannot be dated in the future.")
                    % journey.display_name
                )
            for date in (
                journey.diagnostic_date,
                journey.start_date,
                journey.exit_date,
            ):
                if date and date < journey.orientation_date:
                    raise ValidationError(
                        self.env._(
                            "The dates of journey %s cannot precede its orientation."
                        )
                        % journey.display_name
                    )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            vals["name"] = sequence.next_by_code("refugee.journey")
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

    def _check_state(self, allowed_states, action):
        states = dict(self._fields["state"]._description_selection(self.env))
        for journey in self:
            if journey.state not in allowed_states:
                raise UserError(
                    self.env._(
                        "Journey %(journey)s is %(state)s: it cannot be %(action)s.",
                        journey=journey.display_name,
                        state=states[journey.state].lower(),
                        action=action,
                    )
                )

    def action_start_diagnostic(self):
        self._check_state(["orientation"], self.env._("moved to diagnostic"))
        today = fields.Date.context_today(self)
        for journey in self:
            journey.write(
                {
                    "state": "diagnostic",
                    "diagnostic_date": journey.diagnostic_date or today,
                }
            )

    def action_start_plan(self):
        self._check_state(["diagnostic"], self.env._("started"))
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
                        "employment or training) before starting journey %s."
                    )
                    % journey.display_name
                )
            journey.write(
                {
                    "state": "in_progress",
                    "start_date": journey.start_date or fields.Date.context_today(self),
                }
            )

    def action_exit(self):
        self._check_state(["in_progress"], self.env._("exited"))
        for journey in self:
            if not (journey.exit_date and journey.exit_outcome_id):
                raise UserError(
                    self.env._(
                        "Fill in the exit date and the exit outcome of journey %s "
                        "before recording the exit."
                    )
                    % journey.display_name
                )
        self.write({"state": "exited"})

    def action_start_follow_up(self):
        self._check_state(["exited"], self.env._("followed up after hiring"))
        if not_hired := self.filtered(lambda j: not j.exit_outcome_id.is_employment):
            raise UserError(
                self.env._(
                    "Journey %s did not end with a hire: there is no follow-up after "
                    "hiring to start."
                )
                % not_hired[0].display_name
            )
        self.write({"state": "follow_up"})

    def action_validate_follow_up(self):
        if not self.env.user.has_group("plateforme_refugies.group_coordinator"):
            raise AccessError(
                self.env._("Only the coordinator validates the follow-up of a journey.")
            )
        self._check_state(["exited", "follow_up"], self.env._("validated"))
        self._check_hire_follow_up_done()
        self.write(
            {
                "follow_up_validated_by_id": self.env.uid,
                "follow_up_validation_date": fields.Datetime.now(),
            }
        )

    def action_close(self):
        self._check_state(["exited", "follow_up"], self.env._("closed"))
        self._check_hire_follow_up_done()
        if not_validated := self.filtered(lambda j: not j.follow_up_validated_by_id):
            raise UserError(
                self.env._(
                    "The coordinator must validate the follow-up of journey %s "
                    "before it is closed."
                )
                % not_validated[0].display_name
            )
        self.write({"state": "closed", "close_date": fields.Date.context_today(self)})

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
            followup = journey.hire_ids.followup_ids.filtered(
                lambda f: f.state == "planned" and f.hire_id.state == "confirmed"
            ).sorted("date_due")[:1]
            raise UserError(
                self.env._(
                    "The follow-up after hiring of journey %(journey)s is not "
                    "finished: record %(followup)s (due on %(date)s) first.",
                    journey=journey.display_name,
                    followup=followup.display_name,
                    date=format_date(self.env, followup.date_due),
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
