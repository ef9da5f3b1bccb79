# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz

from odoo import fields, models

# the time zone of the platform's appointments when the user has none
DEFAULT_TZ = "Europe/Paris"


class RefugeeConvocationSourceMixin(models.AbstractModel):
    """A record a person is convoked to (interview, workshop registration,
    SIAE placement, immersion, follow-up after hiring).

    Its convocations follow it: a new date moves them (a new convocation is
    sent), a cancelled record cancels them (no reminder).
    """

    _name = "refugee.convocation.source.mixin"
    _description = "Record a person is convoked to"
    # fields whose change moves the appointment
    _convocation_date_fields = ()
    # values of ``state`` that cancel the appointment
    _convocation_cancel_states = ()

    convocation_count = fields.Integer(
        string="Convocations", compute="_compute_convocation_count"
    )

    def _compute_convocation_count(self):
        counts = dict(
            self.env["refugee.convocation"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for record in self:
            record.convocation_count = counts.get(record.id, 0)

    def _convocations(self):
        return self.env["refugee.convocation"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("state", "!=", "cancelled"),
            ]
        )

    def _convocation_values(self):
        """The values of a new convocation to this record: ``kind``,
        ``beneficiary_id``, ``date_start`` and what the record knows of the
        place, who to ask for and what to bring."""
        raise NotImplementedError

    def _convocation_start(self, day, hour=9):
        """The UTC time of ``hour`` o'clock (Paris time) on ``day``."""
        local = pytz.timezone(self.env.user.tz or DEFAULT_TZ).localize(
            datetime.combine(day, time(hour))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def write(self, vals):
        res = super().write(vals)
        if set(vals) & set(self._convocation_date_fields):
            self._convocations_follow()
        if vals.get("state") in self._convocation_cancel_states:
            self._convocations().action_cancel()
        return res

    def unlink(self):
        self._convocations().action_cancel()
        return super().unlink()

    def _convocations_follow(self):
        """Move the convocations to the new date of their record."""
        convocations = self._convocations()
        for record in self.browse(convocations.mapped("res_id")):
            date_start = record._convocation_values()["date_start"]
            convocations.filtered(lambda c, r=record: c.res_id == r.id).write(
                {"date_start": date_start}
            )

    def action_convoke(self):
        """Prepare a convocation for each record without one; open them."""
        existing = self._convocations()
        new = self.filtered(lambda r: r.id not in existing.mapped("res_id"))
        convocations = existing | self.env["refugee.convocation"].create(
            [
                {
                    **record._convocation_values(),
                    "res_model": self._name,
                    "res_id": record.id,
                }
                for record in new
            ]
        )
        return convocations._action_open()

    def action_view_convocations(self):
        return self._convocations()._action_open()
