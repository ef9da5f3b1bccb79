# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class RefugeeFrenchTraining(models.Model):
    """A French (FLE) course followed by a beneficiary.

    The CIR prescribes a number of hours from OFII's provider; the number is
    free, as the tracks changed over time (50 to 600 hours).
    """

    _name = "refugee.french.training"
    _description = "French language training"
    _order = "date_start desc, id desc"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(
        related="beneficiary_id.site_id", store=True, index=True, string="Site"
    )
    kind = fields.Selection(
        selection=[
            ("cir", "CIR training (prescribed by OFII)"),
            ("workplace", "French at the workplace"),
            ("other", "Other course"),
        ],
        required=True,
        default="cir",
    )
    provider_id = fields.Many2one(
        comodel_name="res.partner",
        domain=[("is_company", "=", True)],
        help="Training body giving the course, e.g. ALIRE for the CIR.",
    )
    hours_prescribed = fields.Float(digits=(16, 1))
    hours_attended = fields.Float(digits=(16, 1))
    attendance_rate = fields.Float(
        string="Hours attended (%)", compute="_compute_attendance_rate"
    )
    date_start = fields.Date(string="Start")
    date_end = fields.Date(string="End")
    state = fields.Selection(
        selection=[
            ("planned", "Planned"),
            ("running", "Running"),
            ("done", "Done"),
            ("dropped", "Dropped"),
        ],
        required=True,
        default="planned",
        index=True,
    )
    notes = fields.Text()

    @api.depends("hours_prescribed", "hours_attended")
    def _compute_attendance_rate(self):
        for training in self:
            training.attendance_rate = (
                100.0 * training.hours_attended / training.hours_prescribed
                if training.hours_prescribed
                else 0.0
            )

    @api.depends("beneficiary_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for training in self:
            training.display_name = self.env._(
                "%(kind)s – %(name)s",
                kind=kinds.get(training.kind, ""),
                name=training.beneficiary_id.name or "",
            )

    @api.constrains("hours_prescribed", "hours_attended")
    def _check_hours(self):
        for training in self:
            if training.hours_prescribed < 0 or training.hours_attended < 0:
                raise ValidationError(
                    self.env._(
                        "The hours of the French training of %(name)s cannot be "
                        "negative.",
                        name=training.beneficiary_id.name,
                    )
                )
            if training.hours_attended > training.hours_prescribed:
                raise ValidationError(
                    self.env._(
                        "The French training of %(name)s has %(attended)s hours "
                        "attended for %(prescribed)s hours prescribed: the hours "
                        "attended cannot exceed the hours prescribed.",
                        name=training.beneficiary_id.name,
                        attended=training.hours_attended,
                        prescribed=training.hours_prescribed,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for training in self:
            if (
                training.date_start
                and training.date_end
                and training.date_end < training.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The French training of %(name)s ends (%(end)s) before it "
                        "starts (%(start)s).",
                        name=training.beneficiary_id.name,
                        end=format_date(self.env, training.date_end),
                        start=format_date(self.env, training.date_start),
                    )
                )
