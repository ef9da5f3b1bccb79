# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

BARRIER_STATES = [
    ("identified", "Identified"),
    ("in_house", "Handled in-house"),
    ("referred", "Referred to a partner"),
    ("lifted", "Lifted"),
]
STATE_DATE_FIELDS = {
    "identified": "identified_date",
    "in_house": "handled_date",
    "referred": "referred_date",
    "lifted": "lifted_date",
}


class RefugeeBarrier(models.Model):
    """A peripheral barrier of one journey: one line of its barrier grid.

    Each status keeps the date it was last reached, so that the IAE
    statistic (barriers concerned / handled in-house / referred / lifted)
    counts a barrier even once it moved on to another status.
    """

    _name = "refugee.barrier"
    _description = "Peripheral barrier"
    _inherit = ["mail.thread", "refugee.journey.part.mixin"]
    _order = "journey_id, sequence, id"

    counsellor_id = fields.Many2one(related="journey_id.counsellor_id", store=True)
    barrier_type_id = fields.Many2one(
        comodel_name="refugee.barrier.type",
        string="Barrier",
        required=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="barrier_type_id.sequence", store=True)
    severity = fields.Selection(
        selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        tracking=True,
    )
    state = fields.Selection(
        selection=BARRIER_STATES,
        string="Status",
        required=True,
        default="identified",
        index=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Referred to",
        tracking=True,
        help="Partner the barrier was referred to (accommodation centre, "
        "association, France Travail…).",
    )
    interview_id = fields.Many2one(
        comodel_name="refugee.interview",
        string="Discussed at interview",
        index="btree_not_null",
        ondelete="set null",
    )
    notes = fields.Text()
    identified_date = fields.Date(
        string="Identified on", default=fields.Date.context_today, copy=False
    )
    handled_date = fields.Date(string="Handled in-house on", copy=False)
    referred_date = fields.Date(string="Referred on", copy=False)
    lifted_date = fields.Date(string="Lifted on", copy=False)
    # IAE statistic: a barrier counts as handled or referred once it has been
    is_handled_in_house = fields.Boolean(
        string="Was handled in-house", compute="_compute_statistics", store=True
    )
    is_referred = fields.Boolean(
        string="Was referred", compute="_compute_statistics", store=True
    )
    is_lifted = fields.Boolean(compute="_compute_statistics", store=True)

    _sql_constraints = [
        (
            "type_unique_per_journey",
            "UNIQUE(journey_id, barrier_type_id)",
            "A journey has one line per kind of barrier: update its status instead.",
        ),
    ]

    @api.depends("handled_date", "referred_date", "state")
    def _compute_statistics(self):
        for barrier in self:
            barrier.is_handled_in_house = bool(barrier.handled_date)
            barrier.is_referred = bool(barrier.referred_date)
            barrier.is_lifted = barrier.state == "lifted"

    def _compute_display_name(self):
        for barrier in self:
            barrier.display_name = (
                f"{barrier.barrier_type_id.name} - {barrier.beneficiary_id.name}"
                if barrier.beneficiary_id
                else barrier.barrier_type_id.name
            )

    @api.constrains("state", "partner_id")
    def _check_partner(self):
        for barrier in self:
            if barrier.state == "referred" and not barrier.partner_id:
                raise ValidationError(
                    self.env._(
                        "Barrier %(barrier)s is referred to a partner: choose which "
                        "one.",
                        barrier=barrier.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            # forms send every field, the empty date of the status included
            date_field = STATE_DATE_FIELDS[vals.get("state") or "identified"]
            if not vals.get(date_field):
                vals[date_field] = today
        return super().create(vals_list)

    def write(self, vals):
        new_state = vals.get("state")
        date_field = STATE_DATE_FIELDS.get(new_state)
        if date_field and not vals.get(date_field):
            changing = self.filtered(lambda b: b.state != new_state)
            if changing:
                # the date of the status being reached: today, unless given
                changing_vals = dict(
                    vals, **{date_field: fields.Date.context_today(self)}
                )
                super(RefugeeBarrier, changing).write(changing_vals)
                return super(RefugeeBarrier, self - changing).write(vals)
        return super().write(vals)
