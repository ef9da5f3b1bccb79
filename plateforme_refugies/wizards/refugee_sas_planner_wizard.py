# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.refugee_siae_placement import SAS_MAX_STEPS, SAS_MIN_STEPS

# how far after the requested start the earliest start that works is looked for
SEARCH_DAYS = 183
# SIAE named when a step is full everywhere
MAX_FULL_SIAE_NAMED = 5


class SiaeAvailability:
    """Free places of one SIAE over the planner window, day by day.

    Day ``i`` is the ``i``-th day after the first day of the window. A prefix
    count of full days answers "free over the whole step?" in constant time,
    so that the earliest start that works is found without any query.
    """

    def __init__(self, siae, daily_hosted, matches_wishes, visited_before):
        self.siae = siae
        self.capacity = siae.siae_capacity
        self.daily_hosted = daily_hosted
        self.matches_wishes = matches_wishes
        self.visited_before = visited_before
        # the SIAE of the person's wishes first, then those not visited yet
        self.preference = (not matches_wishes, visited_before)
        self.full_before = [0]
        for hosted in daily_hosted:
            self.full_before.append(self.full_before[-1] + (hosted >= self.capacity))

    def is_free(self, first, last):
        return self.full_before[last + 1] == self.full_before[first]

    def free_places(self, first, last):
        return self.capacity - max(self.daily_hosted[first : last + 1])

    def full_days(self, first, last):
        days = [
            day
            for day in range(first, last + 1)
            if self.daily_hosted[day] >= self.capacity
        ]
        return days[0], days[-1]


def find_plan(availabilities, first, step_count, step_days):
    """The preferred plan starting on day ``first``, as one SIAE per step.

    Each step needs a SIAE free over the whole step, and a different SIAE at
    each step. ``availabilities`` are in order of preference: a depth-first
    search over the SIAE free at each step returns the best plan by step.
    """
    free_by_step = [
        [
            availability
            for availability in availabilities
            if availability.is_free(
                first + step * step_days, first + (step + 1) * step_days - 1
            )
        ]
        for step in range(step_count)
    ]
    if not all(free_by_step):
        return None
    plan = []

    def place(step):
        if step == step_count:
            return True
        for availability in free_by_step[step]:
            if availability in plan:
                continue
            plan.append(availability)
            if place(step + 1):
                return True
            plan.pop()
        return False

    return plan if place(0) else None


class RefugeeSasPlannerWizard(models.TransientModel):
    """Proposes the SAS IAE of a journey: 2 or 3 successive steps, each in a
    different SAS partner SIAE free over the whole step.

    SIAE whose activities match the person's wishes come first, then the SIAE
    the person has not been placed in yet. One query reads the occupancy of
    every SAS partner SIAE over the window; the choice and the search for the
    earliest start that works are pure Python over it.
    """

    _name = "refugee.sas.planner.wizard"
    _description = "SAS IAE planner"

    journey_id = fields.Many2one(
        comodel_name="refugee.journey", required=True, ondelete="cascade"
    )
    beneficiary_id = fields.Many2one(related="journey_id.beneficiary_id")
    date_start = fields.Date(
        string="Start of the SAS",
        required=True,
        default=fields.Date.context_today,
    )
    step_count = fields.Selection(
        selection=[("2", "2 steps"), ("3", "3 steps")],
        string="Steps",
        required=True,
        default="3",
    )
    step_weeks = fields.Integer(
        string="Weeks per step",
        required=True,
        default=5,
        help="Length of each placement of the SAS, in weeks.",
    )
    weekly_hours = fields.Float(default=26.0)
    # precomputed: the proposal is stored with the wizard's INSERT, no UPDATE
    sector_ids = fields.Many2many(
        comodel_name="refugee.sector",
        string="Wished sectors",
        compute="_compute_sector_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    line_ids = fields.One2many(
        comodel_name="refugee.sas.planner.wizard.line",
        inverse_name="planner_id",
        string="Proposal",
        compute="_compute_proposal",
        store=True,
        readonly=False,
        precompute=True,
    )
    no_fit_message = fields.Text(
        compute="_compute_proposal", store=True, precompute=True
    )
    suggested_date_start = fields.Date(
        string="Earliest start that works",
        compute="_compute_proposal",
        store=True,
        precompute=True,
    )
    siae_consent_warning = fields.Char(
        string="SIAE consent warning", compute="_compute_siae_consent_warning"
    )

    @api.depends("journey_id")
    def _compute_sector_ids(self):
        for planner in self:
            planner.sector_ids = planner.journey_id.beneficiary_id.wished_sector_ids

    @api.depends("journey_id", "date_start", "step_count", "step_weeks", "sector_ids")
    def _compute_proposal(self):
        for planner in self:
            planner.update(planner._propose())

    @api.depends(
        "journey_id.beneficiary_id.consent_ids.state",
        "line_ids.siae_id.refugee_partner_type_ids",
    )
    def _compute_siae_consent_warning(self):
        """As on a planned placement: without the person's consent the SIAE
        of the plan only see a pseudonym in their portal."""
        for planner in self:
            person = planner.journey_id.beneficiary_id
            hidden_from = planner.line_ids.siae_id.filtered(
                lambda siae, person=person: not person._may_receive_file_data(siae)
            )
            planner.siae_consent_warning = (
                self.env._(
                    "%(person)s has not agreed to share their data with SIAEs: "
                    "the SIAEs of this plan (%(siaes)s) will only see a pseudonym "
                    "in their portal. Ask for the consent and record it in the "
                    "file before the SAS starts.",
                    person=person.name,
                    siaes=", ".join(hidden_from.mapped("name")),
                )
                if person and hidden_from
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        # the proposal is computed as superuser: plan only journeys one may edit
        journey_ids = [
            vals["journey_id"] for vals in vals_list if vals.get("journey_id")
        ]
        self.env["refugee.journey"].browse(journey_ids).check_access("write")
        return super().create(vals_list)

    def _propose(self):
        """Values of the proposal: its lines, or why nothing fits."""
        values = {
            "line_ids": [Command.clear()],
            "no_fit_message": False,
            "suggested_date_start": False,
        }
        if not (self.journey_id and self.date_start and self.step_weeks > 0):
            return values
        Placement = self.env["refugee.siae.placement"]
        step_count, step_days = int(self.step_count), self.step_weeks * 7
        sas_end = self.date_start + timedelta(days=step_count * step_days - 1)
        if sas_end > Placement._sas_last_day(self.date_start):
            values["no_fit_message"] = self.env._(
                "SAS rule: %(steps)s steps of %(weeks)s weeks last more than the "
                "%(months)s months of the SAS; shorten the steps.",
                steps=step_count,
                weeks=self.step_weeks,
                months=Placement._sas_max_months(),
            )
            return values
        availabilities = self._siae_availabilities(step_count * step_days)
        if not availabilities:
            values["no_fit_message"] = self.env._(
                "No SIAE is a partner of the SAS IAE yet: mark the partner SIAE "
                "in the SIAE list."
            )
            return values
        plan = find_plan(availabilities, 0, step_count, step_days)
        if plan is None:
            values["no_fit_message"] = self._explain_no_fit(
                availabilities, step_count, step_days
            )
            values["suggested_date_start"] = next(
                (
                    self.date_start + timedelta(days=first)
                    for first in range(1, SEARCH_DAYS + 1)
                    if find_plan(availabilities, first, step_count, step_days)
                ),
                False,
            )
            return values
        values["line_ids"] += [
            Command.create(
                {
                    "sequence": step + 1,
                    "siae_id": availability.siae.id,
                    "supervisor_id": availability.siae.siae_supervisor_ids[:1].id,
                    "date_start": self.date_start + timedelta(days=step * step_days),
                    "date_end": self.date_start
                    + timedelta(days=(step + 1) * step_days - 1),
                    "free_places": availability.free_places(
                        step * step_days, (step + 1) * step_days - 1
                    ),
                    "matches_wishes": availability.matches_wishes,
                    "visited_before": availability.visited_before,
                }
            )
            for step, availability in enumerate(plan)
        ]
        return values

    def _siae_availabilities(self, plan_days):
        """Occupancy of every SAS partner SIAE, in order of preference."""
        siaes = self.env["res.partner"].search_fetch(
            [("is_siae", "=", True), ("is_sas_partner", "=", True)],
            ["name", "siae_capacity"],
        )
        window_end = self.date_start + timedelta(days=SEARCH_DAYS + plan_days)
        # the places taken and the SIAE the person already knows, in one query
        occupancy, visited = self.env[
            "refugee.siae.placement"
        ]._siae_occupancy_and_visits(
            siaes, self.date_start, window_end, self.journey_id.beneficiary_id
        )
        # by id (the wizard being filled holds new records of its sectors); the
        # wished sectors are active ones: no read of whether an activity is
        wished_ids = set(self.sector_ids._origin.ids)
        matching_ids = {
            siae.id
            for siae in siaes.with_context(active_test=False)
            if wished_ids.intersection(siae.siae_activity_ids.ids)
        }
        availabilities = [
            SiaeAvailability(
                siae, occupancy[siae.id], siae.id in matching_ids, siae.id in visited
            )
            for siae in siaes
        ]
        return sorted(availabilities, key=lambda a: (a.preference, a.siae.name))

    def _explain_no_fit(self, availabilities, step_count, step_days):
        reasons = []
        for step in range(step_count):
            first, last = step * step_days, (step + 1) * step_days - 1
            if any(a.is_free(first, last) for a in availabilities):
                continue
            full = []
            for availability in availabilities[:MAX_FULL_SIAE_NAMED]:
                full_from, full_to = availability.full_days(first, last)
                full.append(
                    self.env._(
                        "%(siae)s full from %(start)s to %(end)s",
                        siae=availability.siae.name,
                        start=format_date(
                            self.env, self.date_start + timedelta(days=full_from)
                        ),
                        end=format_date(
                            self.env, self.date_start + timedelta(days=full_to)
                        ),
                    )
                )
            reasons.append(
                self.env._(
                    "Step %(step)s (%(start)s - %(end)s): every SAS partner SIAE is "
                    "full on some of these days: %(full)s.",
                    step=step + 1,
                    start=format_date(
                        self.env, self.date_start + timedelta(days=first)
                    ),
                    end=format_date(self.env, self.date_start + timedelta(days=last)),
                    full="; ".join(full),
                )
            )
        if not reasons:
            reasons.append(
                self.env._(
                    "Each step needs a different SIAE, and too few SAS partner SIAE "
                    "are free over these steps."
                )
            )
        return "\n".join([self.env._("No SAS plan fits from this start:"), *reasons])

    def _action_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan the SAS"),
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def action_use_suggested_start(self):
        self.ensure_one()
        if self.suggested_date_start:
            self.date_start = self.suggested_date_start
        return self._action_reopen()

    def action_accept(self):
        """Create the planned placements of the SAS, as proposed or adjusted."""
        self.ensure_one()
        if not SAS_MIN_STEPS <= len(self.line_ids) <= SAS_MAX_STEPS:
            raise UserError(
                self.env._(
                    "SAS rule: a SAS has %(min)s or %(max)s successive placements; "
                    "this plan has %(count)s.",
                    min=SAS_MIN_STEPS,
                    max=SAS_MAX_STEPS,
                    count=len(self.line_ids),
                )
            )
        self.env["refugee.siae.placement"].create(
            [
                {
                    "journey_id": self.journey_id.id,
                    "is_sas": True,
                    "siae_id": line.siae_id.id,
                    "supervisor_id": line.supervisor_id.id,
                    "date_start": line.date_start,
                    "date_end": line.date_end,
                    "weekly_hours": self.weekly_hours,
                }
                for line in self.line_ids.sorted("date_start")
            ]
        )
        return {"type": "ir.actions.act_window_close"}
