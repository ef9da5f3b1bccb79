# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RefugeePartnershipAgreement(models.Model):
    """A signed partnership agreement (convention) with a partner.

    The deadline clock warns its responsible before it ends.
    """

    _name = "refugee.partnership.agreement"
    _description = "Partnership agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "end_date, id"

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        index=True,
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    partner_type_ids = fields.Many2many(
        related="partner_id.refugee_partner_type_ids", string="Partner types"
    )
    start_date = fields.Date(required=True, tracking=True)
    end_date = fields.Date(required=True, tracking=True)
    scope = fields.Text(help="What the partnership covers.")
    document = fields.Binary(string="Signed agreement", attachment=True)
    document_name = fields.Char()
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="Warned before the agreement ends.",
    )
    active = fields.Boolean(default=True)
    is_running = fields.Boolean(
        string="Running", compute="_compute_is_running", search="_search_is_running"
    )

    @api.depends("start_date", "end_date")
    def _compute_is_running(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement.is_running = bool(
                agreement.start_date
                and agreement.start_date <= today <= agreement.end_date
            )

    def _search_is_running(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on Running."))
        today = fields.Date.context_today(self)
        running = [("start_date", "<=", today), ("end_date", ">=", today)]
        if (operator == "=") == value:
            return running
        return ["|", ("start_date", ">", today), ("end_date", "<", today)]

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for agreement in self:
            if agreement.end_date < agreement.start_date:
                raise ValidationError(
                    self.env._(
                        "The agreement %(agreement)s cannot end before it starts.",
                        agreement=agreement.display_name,
                    )
                )
