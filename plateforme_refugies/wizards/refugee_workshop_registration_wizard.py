# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RefugeeWorkshopRegistrationWizard(models.TransientModel):
    """Register several beneficiaries to one workshop at once."""

    _name = "refugee.workshop.registration.wizard"
    _description = "Register beneficiaries to a workshop"

    event_id = fields.Many2one(
        comodel_name="event.event",
        string="Workshop",
        required=True,
        domain="[('is_workshop', '=', True), ('is_finished', '=', False)]",
    )
    seats_limited = fields.Boolean(related="event_id.seats_limited")
    seats_available = fields.Integer(related="event_id.seats_available")
    beneficiary_ids = fields.Many2many(
        comodel_name="refugee.beneficiary", string="Beneficiaries", required=True
    )
    young_beneficiary_ids = fields.Many2many(
        comodel_name="refugee.beneficiary",
        compute="_compute_young_beneficiary_ids",
        string="Aged 25 or under",
    )
    youth_exception_reason = fields.Char(
        string="Reason for people aged 25 or under",
        help="Required to register people aged 25 or under to a workshop for "
        "over-25s, e.g. the Mission Locale partnership.",
    )

    @api.depends("event_id", "beneficiary_ids")
    def _compute_young_beneficiary_ids(self):
        for wizard in self:
            event = wizard.event_id
            young = wizard.beneficiary_ids.browse()
            if event.workshop_audience == "over_25" and event.date_begin:
                day = event.date_begin.date()
                young = wizard.beneficiary_ids.filtered(
                    lambda b, day=day: b._is_young_on(day)
                )
            wizard.young_beneficiary_ids = young

    def action_register(self):
        self.ensure_one()
        young = self.young_beneficiary_ids
        self.env["event.registration"].create(
            [
                {
                    "event_id": self.event_id.id,
                    "beneficiary_id": beneficiary.id,
                    "youth_exception_reason": (
                        self.youth_exception_reason if beneficiary in young else False
                    ),
                }
                for beneficiary in self.beneficiary_ids
            ]
        )
        return {"type": "ir.actions.act_window_close"}
