# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .refugee_beneficiary import accent_insensitive_pattern, normalize_name
from .refugee_french_assessment import CEFR_LEVELS

MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]

# opportunity field -> partner employer field, copied at the agreement
EMPLOYER_FIELDS = {
    "employer_sector_id": "employer_sector_id",
    "french_level_required": "employer_french_level",
    "housing_available": "employer_housing_available",
    "housing_places": "employer_housing_places",
    "housing_details": "employer_housing_details",
}


class CrmLead(models.Model):
    """Prospection of employers: the opportunity's customer is the company."""

    _inherit = "crm.lead"

    is_employer_prospection = fields.Boolean(related="team_id.is_employer_prospection")
    employer_sector_id = fields.Many2one(
        comodel_name="refugee.sector",
        string="Sector",
        ondelete="restrict",
        tracking=True,
    )
    has_seasonal_need = fields.Boolean(string="Seasonal need")
    season_start_month = fields.Selection(selection=MONTHS, string="Season from")
    season_end_month = fields.Selection(selection=MONTHS, string="Season to")
    positions_offered = fields.Integer(help="Number of people the company could host.")
    offered_jobs = fields.Char(string="Jobs offered")
    french_level_required = fields.Selection(
        selection=CEFR_LEVELS,
        help="Lowest overall French level (CEFR) the company accepts.",
    )
    housing_available = fields.Boolean(
        string="Housing near the workplace", tracking=True
    )
    housing_places = fields.Integer()
    housing_details = fields.Text()
    transvaloire_involved = fields.Boolean(
        string="TransVaLoire involved",
        help="TransVaLoire takes part in the placements (seasonal work).",
    )
    employer_tutor_id = fields.Many2one(
        comodel_name="res.partner",
        string="Tutor",
        domain="[('is_company', '=', False), ('is_refugee_beneficiary', '=', False)]",
        help="Person the company designates to tutor the people it hosts.",
    )
    agreement_date = fields.Date(
        string="Agreement in principle on", copy=False, tracking=True
    )

    _sql_constraints = [
        (
            "employer_counts_positive",
            "CHECK(positions_offered >= 0 AND housing_places >= 0)",
            "Positions offered and housing places cannot be negative.",
        ),
    ]

    @api.constrains("employer_tutor_id", "partner_id")
    def _check_employer_tutor(self):
        for lead in self:
            company = lead.partner_id.commercial_partner_id
            tutor_company = lead.employer_tutor_id.parent_id
            if company and tutor_company and tutor_company != company:
                raise ValidationError(
                    self.env._(
                        "%(tutor)s works for %(other)s: the tutor of %(lead)s must be "
                        "a person of %(company)s.",
                        tutor=lead.employer_tutor_id.name,
                        other=tutor_company.name,
                        lead=lead.name,
                        company=company.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.filtered("stage_id.is_agreement_stage")._mark_partner_employer()
        return leads

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            self.filtered("stage_id.is_agreement_stage")._mark_partner_employer()
        return res

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        team = self.env["crm.team"].browse(self.env.context.get("default_team_id"))
        if team.is_employer_prospection:
            # the prospection pipeline only shows its own stages
            return stages.search([("team_id", "=", team.id)], order=stages._order)
        return super()._read_group_stage_ids(stages, domain)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        teams = self.env["crm.team"].browse(team_id) | self.team_id
        if teams and all(teams.mapped("is_employer_prospection")):
            domain = [("team_id", "in", teams.ids), *(domain or [])]
        return super()._stage_find(
            team_id=team_id, domain=domain, order=order, limit=limit
        )

    def _mark_partner_employer(self):
        """The company agreed in principle: it becomes a partner employer."""
        today = fields.Date.context_today(self)
        for lead in self:
            if not lead.partner_id:
                if not lead.partner_name:
                    raise UserError(
                        self.env._(
                            "Set the company of opportunity %s before the agreement "
                            "in principle: the company becomes a partner employer.",
                            lead.name,
                        )
                    )
                # the company typed by name may exist already (same name,
                # whatever the case, accents or spaces): no second one
                lead.partner_id = lead._find_company_by_name()
                lead._handle_partner_assignment(create_missing=True)
            if not lead.agreement_date:
                lead.agreement_date = today
            employer = lead.partner_id.commercial_partner_id
            employer.write(lead._prepare_employer_values(employer))
            tutor = lead.employer_tutor_id
            if tutor:
                tutor.write(
                    {"is_employer_tutor": True, "parent_id": employer.id}
                    if not tutor.parent_id
                    else {"is_employer_tutor": True}
                )

    def _find_company_by_name(self):
        """The company whose name is the opportunity's company name once
        normalised (case, accents, punctuation and spaces ignored)."""
        self.ensure_one()
        key = normalize_name(self.partner_name)
        if not key:
            return self.env["res.partner"]
        # every word of the name is in the company's, whatever its accents
        candidates = self.env["res.partner"].search(
            [
                ("is_company", "=", True),
                *[
                    ("name", "ilike", accent_insensitive_pattern(word))
                    for word in key.split()
                ],
            ],
            order="id",
        )
        return candidates.filtered(lambda p: normalize_name(p.name) == key)[:1]

    def _prepare_employer_values(self, employer):
        self.ensure_one()
        values = {"is_partner_employer": True}
        employer_type = self.env["refugee.partner.type"]._find_by_code("employer")
        if employer_type:
            values["refugee_partner_type_ids"] = [Command.link(employer_type.id)]
        if not employer.employer_since:
            values["employer_since"] = self.agreement_date
        for lead_field, partner_field in EMPLOYER_FIELDS.items():
            if self[lead_field]:
                values[partner_field] = self._fields[lead_field].convert_to_write(
                    self[lead_field], self
                )
        return values

    def _refugee_people(self):
        # an opportunity whose customer is a beneficiary names that person
        return self.sudo().partner_id.refugee_beneficiary_ids
