# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .refugee_diagnostic import DRAWER_FIELDS

COORDINATOR_GROUP = "plateforme_refugies.group_coordinator"


class RefugeeReorientationRequest(models.Model):
    """A counsellor's request to re-orient a journey, decided by the coordinator.

    States::

        requested --action_accept--> accepted  (the change is applied)
        requested --action_refuse--> refused   (with a reason)

    Kinds: another set of drawers, another site or another counsellor.
    """

    _name = "refugee.reorientation.request"
    _description = "Re-orientation request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "refugee.state.mixin",
        "refugee.journey.part.mixin",
    ]
    _order = "request_date desc, id desc"

    requested_by_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    request_date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    kind = fields.Selection(
        selection=[
            ("drawer", "Another drawer"),
            ("site", "Another site"),
            ("counsellor", "Another counsellor"),
        ],
        required=True,
        default="drawer",
    )
    reason = fields.Text(required=True)
    new_drawer_workshops = fields.Boolean(string="Autonomy workshops")
    new_drawer_sas = fields.Boolean(string="SAS IAE")
    new_drawer_employment = fields.Boolean(string="Immersion / employment")
    new_drawer_training = fields.Boolean(string="Training")
    new_site_id = fields.Many2one(comodel_name="refugee.site", string="New site")
    new_counsellor_id = fields.Many2one(
        comodel_name="res.users",
        string="New counsellor",
        domain=[("share", "=", False), ("refugee_site_ids", "!=", False)],
    )
    state = fields.Selection(
        selection=[
            ("requested", "Requested"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
        ],
        required=True,
        default="requested",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False, tracking=True
    )
    decision_date = fields.Datetime(readonly=True, copy=False)
    decision_reason = fields.Text(
        copy=False,
        tracking=True,
        help="Written by the coordinator; required to refuse.",
    )

    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Re-orientation of %(journey)s",
                journey=request.journey_id.display_name or "",
            )

    @api.constrains("kind", "new_site_id", "new_counsellor_id")
    def _check_new_values(self):
        for request in self:
            if request.kind == "site" and not request.new_site_id:
                raise ValidationError(
                    self.env._(
                        "%(request)s: choose the new site.",
                        request=request.display_name,
                    )
                )
            if request.kind == "counsellor" and not request.new_counsellor_id:
                raise ValidationError(
                    self.env._(
                        "%(request)s: choose the new counsellor.",
                        request=request.display_name,
                    )
                )
            if request.kind == "drawer" and not any(
                request[f"new_{field}"] for field in DRAWER_FIELDS
            ):
                raise ValidationError(
                    self.env._(
                        "%(request)s: choose at least one drawer.",
                        request=request.display_name,
                    )
                )

    def write(self, vals):
        decision_fields = {"state", "decided_by_id", "decision_date", "decision_reason"}
        if decision_fields & vals.keys():
            self._check_coordinator()
        return super().write(vals)

    def _check_coordinator(self):
        if not self.env.su and not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only the coordinator accepts or refuses a re-orientation.")
            )

    def _decide(self, state):
        self.write(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decision_date": fields.Datetime.now(),
            }
        )

    def action_accept(self):
        self._check_coordinator()
        self._check_state(
            ["requested"],
            self.env._(
                "%(record)s is already decided (%(state)s): only a requested "
                "re-orientation can be accepted."
            ),
        )
        for request in self:
            request._apply()
        self._decide("accepted")

    def action_refuse(self):
        self._check_coordinator()
        self._check_state(
            ["requested"],
            self.env._(
                "%(record)s is already decided (%(state)s): only a requested "
                "re-orientation can be refused."
            ),
        )
        if without_reason := self.filtered(lambda r: not r.decision_reason):
            raise UserError(
                self.env._(
                    "Write why %(request)s is refused before refusing it.",
                    request=without_reason[0].display_name,
                )
            )
        self._decide("refused")

    def _apply(self):
        """Apply the accepted change to the journey (and the person's file)."""
        self.ensure_one()
        journey = self.journey_id
        if self.kind == "drawer":
            journey.write({field: self[f"new_{field}"] for field in DRAWER_FIELDS})
        else:
            site = self.new_site_id if self.kind == "site" else journey.site_id
            counsellor = self.new_counsellor_id
            if self.kind == "site" and not counsellor:
                # the former counsellor stays if they also work on the new site
                counsellor = journey.counsellor_id.filtered(
                    lambda user: site in user.refugee_site_ids
                )
            vals = {"site_id": site.id, "counsellor_id": counsellor.id}
            journey.beneficiary_id.write(vals)
            journey.write(vals)
        # in the language of the journey's (new) counsellor
        env = self.with_context(lang=journey.counsellor_id._refugee_lang()).env
        journey.message_post(
            body=env._(
                "Re-orientation accepted (%(kind)s): %(reason)s",
                kind=dict(self._fields["kind"]._description_selection(env))[self.kind],
                reason=self.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
