# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

MAX_WEEKLY_HOURS = 48


class RefugeePlacementAttendance(models.Model):
    """The attendance of one week of a SIAE placement.

    The SIAE supervisor records it from the portal (or the counsellor from the
    placement): hours worked and hours of absence, justified or not.
    """

    _name = "refugee.placement.attendance"
    _description = "Weekly attendance in a SIAE placement"
    _order = "week_start desc, id desc"

    placement_id = fields.Many2one(
        comodel_name="refugee.siae.placement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(related="placement_id.site_id", store=True, index=True)
    week_start = fields.Date(
        string="Week of",
        required=True,
        help="Monday of the week.",
    )
    hours_worked = fields.Float(required=True, digits=(4, 1))
    hours_absent_justified = fields.Float(
        string="Justified absence (hours)", digits=(4, 1)
    )
    hours_absent_unjustified = fields.Float(
        string="Unjustified absence (hours)", digits=(4, 1)
    )
    comment = fields.Text()
    recorded_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Recorded by",
        readonly=True,
        default=lambda self: self.env.user.partner_id,
    )

    _sql_constraints = [
        (
            "week_unique",
            "UNIQUE(placement_id, week_start)",
            "The attendance of this week is already recorded for this placement.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances.placement_id.beneficiary_id._check_repeated_absences()
        return attendances

    def write(self, vals):
        res = super().write(vals)
        self.placement_id.beneficiary_id._check_repeated_absences()
        return res

    def _compute_display_name(self):
        for attendance in self:
            attendance.display_name = self.env._(
                "Week of %(date)s", date=format_date(self.env, attendance.week_start)
            )

    @api.constrains(
        "hours_worked", "hours_absent_justified", "hours_absent_unjustified"
    )
    def _check_hours(self):
        for attendance in self:
            hours = (
                attendance.hours_worked,
                attendance.hours_absent_justified,
                attendance.hours_absent_unjustified,
            )
            if min(hours) < 0 or sum(hours) > MAX_WEEKLY_HOURS:
                raise ValidationError(
                    self.env._(
                        "%(week)s: hours are positive and %(max)s at most in all "
                        "for a week.",
                        week=attendance.display_name,
                        max=MAX_WEEKLY_HOURS,
                    )
                )

    @api.constrains("week_start", "placement_id")
    def _check_week(self):
        for attendance in self:
            week_start = attendance.week_start
            placement = attendance.placement_id
            if week_start.weekday():
                raise ValidationError(
                    self.env._(
                        "A week of attendance starts on a Monday, not on %(date)s.",
                        date=format_date(self.env, week_start),
                    )
                )
            last_day = placement.occupancy_end or placement.date_end
            if (
                week_start + timedelta(days=6) < placement.date_start
                or week_start > last_day
            ):
                raise ValidationError(
                    self.env._(
                        "The week of %(date)s is outside the placement %(placement)s "
                        "(%(start)s - %(end)s).",
                        date=format_date(self.env, week_start),
                        placement=placement.display_name,
                        start=format_date(self.env, placement.date_start),
                        end=format_date(self.env, last_day),
                    )
                )
            if week_start > fields.Date.context_today(self):
                raise ValidationError(
                    self.env._(
                        "The attendance of the week of %(date)s can be recorded "
                        "once the week has started.",
                        date=format_date(self.env, week_start),
                    )
                )
