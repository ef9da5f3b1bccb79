# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# default length of the schemes whose end is known from their start
SCHEME_LENGTHS = {
    "agir": relativedelta(months=24),
    "cir": relativedelta(years=1),
}


class RefugeeEnrolment(models.Model):
    """Enrolment of a beneficiary in a scheme (AGIR, CEJ, PASS IAE, CIR…).

    Its end feeds the deadline clock of the counsellor.
    """

    _name = "refugee.enrolment"
    _description = "Scheme enrolment"
    _order = "end_date, id"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(related="beneficiary_id.site_id", store=True, index=True)
    scheme = fields.Selection(
        selection=[
            ("agir", "AGIR"),
            ("cej", "Contrat d'engagement jeune (CEJ)"),
            ("pass_iae", "PASS IAE"),
            ("cir", "CIR (republican integration contract)"),
            ("other", "Other"),
        ],
        required=True,
    )
    name = fields.Char(string="Details", help="Name of the scheme when Other.")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Operator",
        help="Partner running the scheme (OFII, Mission Locale, France Travail…).",
    )
    start_date = fields.Date(required=True, default=fields.Date.context_today)
    end_date = fields.Date(
        compute="_compute_end_date",
        store=True,
        readonly=False,
        precompute=True,
        help="AGIR lasts 24 months from entry and the CIR one year, by default.",
    )

    @api.depends("scheme", "start_date")
    def _compute_end_date(self):
        for enrolment in self:
            length = SCHEME_LENGTHS.get(enrolment.scheme)
            if length and enrolment.start_date:
                enrolment.end_date = enrolment.start_date + length

    def _compute_display_name(self):
        schemes = dict(self._fields["scheme"]._description_selection(self.env))
        for enrolment in self:
            scheme = (
                enrolment.name
                if enrolment.scheme == "other" and enrolment.name
                else schemes.get(enrolment.scheme, "")
            )
            enrolment.display_name = f"{scheme} - {enrolment.beneficiary_id.name}"

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for enrolment in self:
            if enrolment.end_date and enrolment.end_date < enrolment.start_date:
                raise ValidationError(
                    self.env._(
                        "Enrolment %(enrolment)s cannot end before it starts.",
                        enrolment=enrolment.display_name,
                    )
                )
