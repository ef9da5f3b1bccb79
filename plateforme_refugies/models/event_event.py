# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date

# a session running over this hour (local time) has a morning and an afternoon
NOON = 12
WORKSHOP_AUDIENCES = [
    ("over_25", "Over 25"),
    ("under_26", "25 and under (Mission Locale)"),
    ("all", "Everyone"),
]


class EventEvent(models.Model):
    """A workshop of the platform is an event with a theme, a site and an
    audience. Counsellors see the workshops of their sites."""

    _inherit = "event.event"

    is_workshop = fields.Boolean(
        string="Platform workshop", index=True, copy=True, default=False
    )
    workshop_theme_id = fields.Many2one(
        comodel_name="refugee.workshop.theme",
        string="Theme",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    site_id = fields.Many2one(
        comodel_name="refugee.site",
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.refugee_site_ids[:1],
    )
    facilitator_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Facilitator (platform)",
        domain=[("share", "=", False)],
        tracking=True,
    )
    facilitator_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Facilitator (partner)",
        tracking=True,
        help="Person of a partner running the workshop, e.g. the social worker "
        "of an accommodation centre.",
    )
    workshop_audience = fields.Selection(
        selection=WORKSHOP_AUDIENCES,
        string="Audience",
        default="over_25",
        tracking=True,
        help="Over 25 by default; people aged 25 and under attend through the "
        "Mission Locale partnership.",
    )
    # Stored counters: readers (funders) report on them without reading
    # registrations, which name people.
    workshop_registered_count = fields.Integer(
        string="Registered", compute="_compute_workshop_counts", store=True
    )
    workshop_present_count = fields.Integer(
        string="Present", compute="_compute_workshop_counts", store=True
    )
    workshop_absent_count = fields.Integer(
        string="Absent", compute="_compute_workshop_counts", store=True
    )
    workshop_excused_count = fields.Integer(
        string="Excused", compute="_compute_workshop_counts", store=True
    )
    workshop_attendance_rate = fields.Float(
        string="Attendance rate (%)",
        compute="_compute_workshop_counts",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="Present / (present + absent): excused absences and attendances "
        "not yet recorded do not count.",
    )

    @api.depends(
        "registration_ids.state",
        "registration_ids.active",
        "registration_ids.attendance",
    )
    def _compute_workshop_counts(self):
        counts = defaultdict(lambda: defaultdict(int))
        for event, attendance, count in self.env["event.registration"]._read_group(
            [("event_id", "in", self.ids), ("state", "!=", "cancel")],
            ["event_id", "attendance"],
            ["__count"],
        ):
            counts[event][attendance] += count
        for event in self:
            by_attendance = counts[event._origin]
            present = by_attendance["present"]
            absent = by_attendance["absent"]
            event.workshop_registered_count = sum(by_attendance.values())
            event.workshop_present_count = present
            event.workshop_absent_count = absent
            event.workshop_excused_count = by_attendance["excused"]
            event.workshop_attendance_rate = (
                100.0 * present / (present + absent) if present + absent else 0.0
            )

    @api.constrains("is_workshop", "workshop_theme_id", "site_id")
    def _check_workshop(self):
        for event in self.filtered("is_workshop"):
            if not event.workshop_theme_id or not event.site_id:
                raise ValidationError(
                    self.env._(
                        "The workshop %(name)s needs a theme and a site.",
                        name=event.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_workshop"):
                # beneficiaries are invited by their counsellor, not by email
                vals.setdefault("event_mail_ids", [])
                # not Odoo's default description, an English text about a
                # software conference that the calendar file of each
                # registration would carry
                vals.setdefault("description", False)
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "date_begin" in vals:
            # a moved session moves the convocations of its participants
            self.registration_ids._convocations_follow()
        return res

    def _lock_for_registration(self):
        """Serialize the registrations of these events.

        Transactions run in REPEATABLE READ: a count of registrations does not
        see those of a concurrent transaction. A mere row lock (SELECT ... FOR
        UPDATE) does not help, as the second transaction then reads its old
        snapshot; an actual UPDATE of the event row makes the second
        transaction fail with a serialization error, which Odoo retries with a
        fresh snapshot that counts the first registration.
        """
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE event_event SET write_date = write_date WHERE id IN %s",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset(
                ["seats_reserved", "seats_used", "seats_available", "seats_taken"]
            )

    def _attendance_sheet_columns(self):
        """The signature columns of the attendance sheet: one per day, or a
        morning and an afternoon for a day the session spans both."""
        self.ensure_one()
        tz = pytz.timezone(self.date_tz or "Europe/Paris")
        begin = pytz.utc.localize(self.date_begin).astimezone(tz)
        end = pytz.utc.localize(self.date_end).astimezone(tz)
        columns = []
        day = begin.date()
        while day <= end.date():
            label = format_date(self.env, day)
            starts = begin.hour if day == begin.date() else 0
            ends = end.hour + (end.minute > 0) if day == end.date() else 24
            if starts < NOON < ends:
                columns += [
                    self.env._("%(day)s, morning", day=label),
                    self.env._("%(day)s, afternoon", day=label),
                ]
            else:
                columns.append(label)
            day += timedelta(days=1)
        return columns

    def _attendance_sheet_registrations(self):
        self.ensure_one()
        return self.registration_ids.filtered(lambda r: r.state != "cancel").sorted(
            "name"
        )

    def action_convoke_participants(self):
        """Prepare the convocations of the beneficiaries registered."""
        return self.registration_ids.filtered(
            lambda r: r.beneficiary_id and r.state != "cancel"
        ).action_convoke()

    def action_open_registration_wizard(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_workshop_registration_wizard_action"
        )
        action["context"] = {"default_event_id": self.id}
        return action
