# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CONSENT_SCOPES = [
    ("file", "Share the file"),
    ("contact", "Share contact details"),
    ("evaluations", "Share evaluations"),
]


class RefugeeConsent(models.Model):
    """The consent of a person to share their data with one kind of partner.

    given --action_withdraw--> withdrawn

    A withdrawn consent stays as a record of what was agreed and when; a new
    consent is recorded for a new agreement.
    """

    _name = "refugee.consent"
    _description = "Consent to share data"
    _order = "given_on desc, id desc"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(related="beneficiary_id.site_id", store=True, index=True)
    partner_type_id = fields.Many2one(
        comodel_name="refugee.partner.type",
        string="Partner kind",
        required=True,
        ondelete="restrict",
        help="Every partner of this kind (OFII, France Travail, SIAE, employer…) "
        "may receive the data of the scope.",
    )
    scope = fields.Selection(selection=CONSENT_SCOPES, required=True, default="file")
    given_on = fields.Date(required=True, default=fields.Date.context_today)
    recorded_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Recorded by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    withdrawn_on = fields.Date(readonly=True, copy=False)
    withdrawn_by_id = fields.Many2one(
        comodel_name="res.users", string="Withdrawal recorded by", readonly=True
    )
    state = fields.Selection(
        selection=[("given", "Given"), ("withdrawn", "Withdrawn")],
        required=True,
        default="given",
        readonly=True,
        copy=False,
        index=True,
    )

    def _compute_display_name(self):
        scopes = dict(self._fields["scope"]._description_selection(self.env))
        for consent in self:
            consent.display_name = self.env._(
                "%(kind)s: %(scope)s",
                kind=consent.partner_type_id.name,
                scope=scopes.get(consent.scope, ""),
            )

    @api.constrains("beneficiary_id", "partner_type_id", "scope", "state")
    def _check_single_given(self):
        for consent in self.filtered(lambda c: c.state == "given"):
            twin = self.search_count(
                [
                    ("id", "!=", consent.id),
                    ("beneficiary_id", "=", consent.beneficiary_id.id),
                    ("partner_type_id", "=", consent.partner_type_id.id),
                    ("scope", "=", consent.scope),
                    ("state", "=", "given"),
                ],
                limit=1,
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "%(person)s already gave this consent (%(consent)s): "
                        "withdraw it before recording a new one.",
                        person=consent.beneficiary_id.reference,
                        consent=consent.display_name,
                    )
                )

    @api.constrains("given_on")
    def _check_given_on(self):
        today = fields.Date.context_today(self)
        for consent in self:
            if consent.given_on > today:
                raise ValidationError(
                    self.env._(
                        "A consent cannot be given in the future (%(consent)s).",
                        consent=consent.display_name,
                    )
                )

    def action_withdraw(self):
        withdrawn = self.filtered(lambda c: c.state == "withdrawn")
        if withdrawn:
            raise UserError(
                self.env._(
                    "This consent is already withdrawn: %(consent)s.",
                    consent=withdrawn[0].display_name,
                )
            )
        self.write(
            {
                "state": "withdrawn",
                "withdrawn_on": fields.Date.context_today(self),
                "withdrawn_by_id": self.env.uid,
            }
        )
