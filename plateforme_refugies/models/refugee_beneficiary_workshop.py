# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .refugee_beneficiary import YOUTH_AGE_LIMIT


class RefugeeBeneficiary(models.Model):
    """Workshops followed by the beneficiary and their attendance rate."""

    _inherit = "refugee.beneficiary"

    workshop_registration_ids = fields.One2many(
        comodel_name="event.registration",
        inverse_name="beneficiary_id",
        string="Workshop registrations",
    )
    workshop_count = fields.Integer(
        string="Workshops", compute="_compute_workshop_attendance"
    )
    workshop_present_count = fields.Integer(
        string="Workshops attended", compute="_compute_workshop_attendance"
    )
    workshop_attendance_rate = fields.Float(
        string="Workshop attendance (%)",
        compute="_compute_workshop_attendance",
        digits=(16, 1),
        help="Present / (present + absent): excused absences and attendances "
        "not yet recorded do not count.",
    )

    @api.depends(
        "workshop_registration_ids.state", "workshop_registration_ids.attendance"
    )
    def _compute_workshop_attendance(self):
        counts = defaultdict(lambda: defaultdict(int))
        for beneficiary, attendance, count in self.env[
            "event.registration"
        ]._read_group(
            [
                ("beneficiary_id", "in", self.ids),
                ("event_id.is_workshop", "=", True),
                ("state", "!=", "cancel"),
            ],
            ["beneficiary_id", "attendance"],
            ["__count"],
        ):
            counts[beneficiary][attendance] += count
        for beneficiary in self:
            by_attendance = counts[beneficiary._origin]
            present, absent = by_attendance["present"], by_attendance["absent"]
            beneficiary.workshop_count = sum(by_attendance.values())
            beneficiary.workshop_present_count = present
            beneficiary.workshop_attendance_rate = (
                100.0 * present / (present + absent) if present + absent else 0.0
            )

    def _is_young_on(self, day):
        """Aged 25 or under on this day: a youth of the Mission Locale."""
        self.ensure_one()
        return bool(self.birthdate and day) and (
            self.birthdate + relativedelta(years=YOUTH_AGE_LIMIT) > day
        )

    def action_view_workshop_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.event_registration_action_workshop"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        action["display_name"] = self.env._("Workshops of %(name)s", name=self.name)
        return action

    def action_open_registration_wizard(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_workshop_registration_wizard_action"
        )
        action["context"] = {"default_beneficiary_ids": self.ids}
        return action
