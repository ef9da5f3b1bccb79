# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from .refugee_beneficiary import YOUTH_AGE_LIMIT

ATTENDANCES = [
    ("present", "Present"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]


class EventRegistration(models.Model):
    """The registration of a beneficiary to a workshop, with their attendance.

    Attendance follows the registration status of the event module: present
    means attended (``done``), absent or excused keep the seat (``open``).
    """

    _name = "event.registration"
    _inherit = ["event.registration", "refugee.convocation.source.mixin"]
    _convocation_cancel_states = ("cancel",)

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    site_id = fields.Many2one(
        related="beneficiary_id.site_id",
        store=True,
        index=True,
        string="Site of the beneficiary",
    )
    is_workshop = fields.Boolean(related="event_id.is_workshop")
    workshop_theme_id = fields.Many2one(
        related="event_id.workshop_theme_id", store=True, string="Theme"
    )
    workshop_attendance_rate = fields.Float(
        related="event_id.workshop_attendance_rate", string="Workshop show rate (%)"
    )
    attendance = fields.Selection(
        selection=ATTENDANCES, index=True, tracking=True, copy=False
    )
    youth_exception_reason = fields.Char(
        string="Reason for a person aged 25 or under",
        help="Why a person aged 25 or under attends a workshop for over-25s, "
        "e.g. the Mission Locale partnership.",
    )
    needs_youth_reason = fields.Boolean(compute="_compute_needs_youth_reason")

    @api.depends("beneficiary_id.birthdate", "event_id.date_begin")
    @api.depends("event_id.workshop_audience")
    def _compute_needs_youth_reason(self):
        for registration in self:
            registration.needs_youth_reason = (
                registration.event_id.workshop_audience == "over_25"
                and registration.beneficiary_id._is_young_on(
                    registration.event_id.date_begin
                    and registration.event_id.date_begin.date()
                )
            )

    @api.onchange("beneficiary_id")
    def _onchange_beneficiary_id(self):
        if self.beneficiary_id:
            self.partner_id = self.beneficiary_id.partner_id

    @api.constrains(
        "state",
        "event_id",
        "event_ticket_id",
        "beneficiary_id",
        "active",
        "youth_exception_reason",
    )
    def _check_seats_availability(self):
        workshop_registrations = self.filtered(
            lambda r: r.event_id.is_workshop and r.active and r.state != "cancel"
        )
        workshop_registrations.event_id._lock_for_registration()
        workshop_registrations._check_workshop_youth()
        workshop_registrations._check_workshop_duplicates()
        workshop_registrations._check_workshop_seats()
        return super()._check_seats_availability()

    def _check_workshop_youth(self):
        for registration in self:
            if (
                registration.needs_youth_reason
                and not (registration.youth_exception_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s is %(limit)s or younger and the workshop "
                        "%(workshop)s is for over-25s: give the reason of this "
                        "registration (e.g. Mission Locale partnership).",
                        name=registration.beneficiary_id.name,
                        limit=YOUTH_AGE_LIMIT - 1,
                        workshop=registration.event_id.name,
                    )
                )

    def _check_workshop_duplicates(self):
        with_person = self.filtered("beneficiary_id")
        if not with_person:
            return
        duplicates = self.sudo()._read_group(
            [
                ("event_id", "in", with_person.event_id.ids),
                ("beneficiary_id", "in", with_person.beneficiary_id.ids),
                ("state", "!=", "cancel"),
            ],
            ["event_id", "beneficiary_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        if duplicates:
            event, beneficiary, __ = duplicates[0]
            raise ValidationError(
                self.env._(
                    "%(name)s is already registered to the workshop %(workshop)s: "
                    "a person is registered only once to a workshop.",
                    name=beneficiary.name,
                    workshop=event.name,
                )
            )

    def _check_workshop_seats(self):
        for event in self.filtered(lambda r: r.state in ("open", "done")).event_id:
            if event.seats_limited and event.seats_max and event.seats_available < 0:
                names = self.filtered(lambda r, e=event: r.event_id == e).mapped("name")
                raise ValidationError(
                    self.env._(
                        "The workshop %(workshop)s is full (%(seats)s seats): "
                        "%(names)s cannot be registered. Add seats or choose "
                        "another session.",
                        workshop=event.name,
                        seats=event.seats_max,
                        names=", ".join(name for name in names if name),
                    )
                )

    @api.constrains("beneficiary_id", "partner_id", "email")
    def _check_confirmation_consent(self):
        """The confirmations and reminders of a workshop go to the contact and
        e-mail of the registration: the person's, or a partner's with the
        person's consent."""
        for registration in self.sudo().filtered("beneficiary_id"):
            person = registration.beneficiary_id
            person._check_sharing_consent(registration.partner_id)
            email = email_normalize(registration.email)
            if email and email not in (
                person.email_normalized,
                registration.partner_id.email_normalized,
            ):
                raise ValidationError(
                    self.env._(
                        "The e-mail %(email)s of the registration of the file "
                        "%(reference)s is neither the person's nor their "
                        "contact's: the workshop's confirmations would be sent "
                        "to it without the person's consent. Use the person's "
                        "e-mail.",
                        email=registration.email,
                        reference=person.reference,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        beneficiaries = self.env["refugee.beneficiary"].browse(
            {vals["beneficiary_id"] for vals in vals_list if vals.get("beneficiary_id")}
        )
        partners = {b.id: b.partner_id.id for b in beneficiaries}
        for vals in vals_list:
            if vals.get("beneficiary_id") and not vals.get("partner_id"):
                vals["partner_id"] = partners[vals["beneficiary_id"]]
            if vals.get("attendance") == "present":
                vals.setdefault("state", "done")
            elif vals.get("state") == "done":
                vals.setdefault("attendance", "present")
        return super().create(vals_list)

    def write(self, vals):
        if "attendance" in vals and "state" not in vals:
            res = super().write(vals)
            # present means attended; absent or excused keep the seat taken
            state = "done" if vals["attendance"] == "present" else "open"
            to_move = self.filtered(lambda r: r.state not in (state, "cancel"))
            if to_move:
                super(EventRegistration, to_move).write({"state": state})
            self.beneficiary_id._check_repeated_absences()
            return res
        if vals.get("state") == "done" and "attendance" not in vals:
            vals = dict(vals, attendance="present")
        elif "state" in vals and "attendance" not in vals:
            # back from attended: the presence recorded no longer holds
            was_present = self.filtered(lambda r: r.attendance == "present")
            if was_present:
                super(EventRegistration, was_present).write({"attendance": False})
        return super().write(vals)

    def _convocation_values(self):
        self.ensure_one()
        event = self.event_id
        values = {
            "kind": "workshop",
            "beneficiary_id": self.beneficiary_id.id,
            "registration_id": self.id,
            "date_start": event.date_begin,
            "duration": (event.date_end - event.date_begin).total_seconds() / 3600,
            "ask_for": (event.facilitator_user_id or event.facilitator_partner_id).name,
        }
        if event.address_id:
            values["place_id"] = event.address_id.id
        return values

    def action_mark_present(self):
        self.attendance = "present"

    def action_mark_absent(self):
        self.attendance = "absent"

    def action_mark_excused(self):
        self.attendance = "excused"
