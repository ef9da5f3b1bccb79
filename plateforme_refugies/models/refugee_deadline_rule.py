# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields, models

# One kind per rule of the deadline clock: each has a finder in
# refugee.deadline._deadline_finders() and a data record.
DEADLINE_KINDS = [
    ("residence_permit", "Residence permit expires"),
    ("sas_duration", "SAS IAE reaches its length"),
    ("no_interview", "No interview for a while"),
    ("enrolment_end", "Scheme enrolment ends"),
    ("agreement_end", "Partnership agreement ends"),
    ("pmsmp_end", "PMSMP ends without assessment"),
]


class RefugeeDeadlineRule(models.Model):
    """Settings of one rule of the deadline clock: its delay and activity."""

    _name = "refugee.deadline.rule"
    _description = "Deadline rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(selection=DEADLINE_KINDS, required=True, readonly=True)
    delay = fields.Float(
        required=True,
        help="For an end date (residence permit, enrolment, agreement…): how "
        "long before it the counsellor is warned. For a silence (no interview): "
        "how long without news before the warning.",
    )
    delay_unit = fields.Selection(
        selection=[("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        required=True,
        default="days",
    )
    activity_type_id = fields.Many2one(
        comodel_name="mail.activity.type",
        string="Activity",
        default=lambda self: self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        ),
        help="Activity created for the counsellor.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("kind_unique", "UNIQUE(kind)", "Each deadline rule is set once."),
        ("delay_positive", "CHECK(delay >= 0)", "A delay cannot be negative."),
    ]

    def _get_delta(self):
        """The delay as a duration (a month fraction counts 30 days a month)."""
        self.ensure_one()
        if self.delay_unit == "weeks":
            return timedelta(weeks=self.delay)
        if self.delay_unit == "months":
            months = int(self.delay)
            return relativedelta(months=months, days=round((self.delay - months) * 30))
        return timedelta(days=self.delay)
