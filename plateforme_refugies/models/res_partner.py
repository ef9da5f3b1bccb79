# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .batch_defaults import add_missing_default_values
from .refugee_french_assessment import CEFR_LEVELS
from .refugee_privacy_domain import COORDINATOR_GROUP, visible_partner_domain

SIAE_CAPACITY_PARAM = "plateforme_refugies.siae_default_capacity"
SIAE_CAPACITY_DEFAULT = 2
SIAE_TYPES = [
    ("aci", "ACI - Workshop and integration project"),
    ("ei", "EI - Integration company"),
    ("ai", "AI - Intermediary association"),
    ("etti", "ETTI - Temporary work integration company"),
    ("eiti", "EITI - Independent work integration company"),
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "refugee.visibility.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        partners = self
        if all(vals.get("is_refugee_beneficiary") for vals in vals_list):
            # the contacts of new files: the file's own chatter says it was
            # created and its creator follows the file, not twice
            partners = self.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True
            )
        return super(ResPartner, partners).create(vals_list)

    @api.model
    def _add_missing_default_values(self, values):
        # only the contacts created for a batch of new files (see
        # batch_defaults): any other contact gets its defaults the usual way
        if not values.get("is_refugee_beneficiary"):
            return super()._add_missing_default_values(values)
        return add_missing_default_values(
            self, values, super()._add_missing_default_values
        )

    # Nothing sensitive lives here: every internal user can read contacts.
    is_refugee_beneficiary = fields.Boolean(
        string="Is a beneficiary",
        help="This contact is a person followed by the platform.",
        readonly=True,
        index=True,
    )
    refugee_site_id = fields.Many2one(
        comodel_name="refugee.site",
        string="Site of the beneficiary",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="Site of the file of this person: the staff of the other sites do "
        "not see the contact.",
    )
    refugee_beneficiary_ids = fields.One2many(
        comodel_name="refugee.beneficiary",
        inverse_name="partner_id",
        string="Beneficiary files",
        context={"active_test": False},
    )
    refugee_partner_type_ids = fields.Many2many(
        comodel_name="refugee.partner.type",
        ondelete="restrict",
        string="Partner types",
        help="What this contact is for the refugees platform: accommodation "
        "centre, OFII, SIAE, employer… (several allowed).",
    )

    # Work-integration structures (SIAE) and their supervisors
    is_siae = fields.Boolean(
        string="Is a SIAE",
        index=True,
        help="Structure of integration through economic activity (ACI, EI, AI, "
        "ETTI, EITI) that hosts refugees in placements.",
    )
    siae_type = fields.Selection(selection=SIAE_TYPES, string="SIAE type")
    siae_activity_ids = fields.Many2many(
        comodel_name="refugee.sector",
        ondelete="restrict",
        relation="res_partner_siae_sector_rel",
        column1="partner_id",
        column2="sector_id",
        string="SIAE activities",
    )
    siae_capacity = fields.Integer(
        string="Refugees hosted at once",
        default=lambda self: self._default_siae_capacity(),
        help="How many refugees this SIAE hosts at the same time, all placements "
        "together.",
    )
    is_sas_partner = fields.Boolean(
        string="SAS IAE partner",
        help="The SIAE takes part in the SAS IAE reserved for refugees.",
    )
    is_carrier_structure = fields.Boolean(
        string="Carrier structure",
        help="Structure porteuse: the structure designated to carry the SAS IAE.",
    )
    is_siae_supervisor = fields.Boolean(
        string="SIAE supervisor",
        help="Supervisor (encadrant) of a SIAE: follows and evaluates the refugees "
        "placed in the structure.",
    )
    siae_supervisor_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="parent_id",
        string="Supervisors",
        domain=[("is_siae_supervisor", "=", True)],
        context={"default_is_siae_supervisor": True},
    )
    siae_hosted_count = fields.Integer(
        string="Hosted today",
        compute="_compute_siae_occupancy",
        help="Refugees in a placement in this SIAE today.",
    )
    siae_free_places = fields.Integer(
        string="Free places today", compute="_compute_siae_occupancy"
    )
    siae_upcoming_count = fields.Integer(
        string="Upcoming placements",
        compute="_compute_siae_occupancy",
        help="Planned placements that start after today.",
    )

    # Partner employers (companies) and their tutors (persons)
    is_partner_employer = fields.Boolean(
        index=True,
        tracking=True,
        help="The company agreed in principle to host people of the platform "
        "(immersions, hires).",
    )
    employer_since = fields.Date(string="Partner employer since", tracking=True)
    employer_sector_id = fields.Many2one(
        comodel_name="refugee.sector",
        string="Sector",
        ondelete="restrict",
        tracking=True,
    )
    employer_site_id = fields.Many2one(
        comodel_name="refugee.site",
        ondelete="restrict",
        string="Platform site",
        help="Site of the platform whose area the workplace is in.",
    )
    employer_french_level = fields.Selection(
        selection=CEFR_LEVELS,
        string="French level required",
        help="Lowest overall French level (CEFR) the employer accepts.",
    )
    employer_housing_available = fields.Boolean(
        string="Housing near the workplace", tracking=True
    )
    employer_housing_places = fields.Integer(string="Housing places")
    employer_housing_details = fields.Text(string="Housing details")
    employer_tutor_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="parent_id",
        string="Tutors",
        domain=[("is_employer_tutor", "=", True)],
    )
    is_employer_tutor = fields.Boolean(
        string="Tutor",
        help="Person designated by their company to tutor people in immersion or "
        "newly hired.",
    )
    tutor_capacity = fields.Integer(
        default=1, help="How many people this tutor can follow at the same time."
    )
    employer_free_tutoring = fields.Integer(
        string="Free tutoring places",
        compute="_compute_employer_counts",
        help="Capacity of the tutors minus the immersions signed or running.",
    )
    employer_immersion_count = fields.Integer(
        string="Immersions", compute="_compute_employer_counts"
    )
    employer_hire_count = fields.Integer(
        string="Hires", compute="_compute_employer_counts"
    )

    _sql_constraints = [
        (
            "siae_capacity_positive",
            "CHECK(siae_capacity > 0)",
            "A SIAE hosts at least one refugee at a time: its capacity must be "
            "positive.",
        ),
        (
            "employer_counts_positive",
            "CHECK(employer_housing_places >= 0 AND tutor_capacity >= 0)",
            "Housing places and tutor capacity cannot be negative.",
        ),
    ]

    def init(self):
        result = super().init()
        # The rules of contacts apply to every list of files too (their
        # contacts, through _inherits): counting a counsellor's files joins
        # each file to its contact. This index holds the columns of those
        # rules (ours and Odoo's multi-company one), so that PostgreSQL reads
        # it instead of the whole table of contacts.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS res_partner_refugee_rules_index
                ON res_partner (id)
           INCLUDE (is_refugee_beneficiary, refugee_site_id, create_uid,
                    partner_share, company_id)
            """
        )
        return result

    @api.model
    def _refugee_visible_domain(self):
        return visible_partner_domain(self.env)

    @api.depends_context("uid")
    @api.depends("is_refugee_beneficiary", "refugee_site_id")
    def _compute_is_refugee_visible(self):
        # from the stored fields, without a query: record rules check the
        # contacts of the files read (filtered_domain) on every read
        user = self.env.user
        if user.has_group(COORDINATOR_GROUP):
            self.is_refugee_visible = True
            return
        my_sites = user._refugee_site_ids_cached()
        for partner in self:
            site = partner.refugee_site_id
            partner.is_refugee_visible = (
                not partner.is_refugee_beneficiary
                or site.id in my_sites
                or (not site and partner.create_uid.id == user.id)
            )

    def _refugee_people(self):
        # the contact of a beneficiary: their file's consents govern its chatter
        return self.sudo().refugee_beneficiary_ids

    @api.model
    def _default_siae_capacity(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(SIAE_CAPACITY_PARAM, SIAE_CAPACITY_DEFAULT)
        )

    @api.depends_context("tz")
    def _compute_siae_occupancy(self):
        siaes = self.filtered(lambda p: p.is_siae and p.id)
        today = fields.Date.context_today(self)
        # counters only, over every site: no person is named
        Placement = self.env["refugee.siae.placement"].sudo()
        hosted = dict(
            Placement._read_group(
                [
                    ("siae_id", "in", siaes.ids),
                    ("date_start", "<=", today),
                    ("occupancy_end", ">=", today),
                ],
                ["siae_id"],
                ["__count"],
            )
        )
        upcoming = dict(
            Placement._read_group(
                [
                    ("siae_id", "in", siaes.ids),
                    ("date_start", ">", today),
                    ("state", "=", "planned"),
                ],
                ["siae_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.siae_hosted_count = hosted.get(partner, 0)
            partner.siae_upcoming_count = upcoming.get(partner, 0)
            partner.siae_free_places = (
                max(partner.siae_capacity - partner.siae_hosted_count, 0)
                if partner.is_siae
                else 0
            )

    @api.constrains("siae_capacity", "is_siae")
    def _check_siae_capacity_kept(self):
        """Lowering a capacity must not overbook the placements still to come."""
        siaes = self.filtered("is_siae")
        if not siaes:
            return
        today = fields.Date.context_today(self)
        placements = (
            self.env["refugee.siae.placement"]
            .sudo()
            .search([("siae_id", "in", siaes.ids), ("occupancy_end", ">=", today)])
        )
        placements._check_capacity()

    @api.constrains("is_sas_partner", "is_carrier_structure", "is_siae")
    def _check_siae_flags(self):
        for partner in self:
            if (partner.is_sas_partner or partner.is_carrier_structure) and not (
                partner.is_siae and partner.is_company
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a SIAE company: only a SIAE can be a "
                        "SAS partner or the carrier structure.",
                        partner=partner.display_name,
                    )
                )

    def action_view_siae_placements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_siae_placement_action"
        )
        action["domain"] = [("siae_id", "=", self.id)]
        action["context"] = {"default_siae_id": self.id}
        return action

    @api.depends_context("uid")
    @api.depends("employer_tutor_ids.tutor_capacity")
    def _compute_employer_counts(self):
        # counted within the user's rights: readers and other users get zero
        employers = self.filtered("is_partner_employer")
        if not self.env["refugee.immersion"].has_access("read"):
            employers = self.browse()
        immersions = dict(
            self.env["refugee.immersion"]._read_group(
                [("employer_id", "in", employers.ids)], ["employer_id"], ["__count"]
            )
        )
        busy = dict(
            self.env["refugee.immersion"]._read_group(
                [
                    ("employer_id", "in", employers.ids),
                    ("state", "in", ("signed", "running")),
                ],
                ["employer_id"],
                ["__count"],
            )
        )
        hires = dict(
            self.env["refugee.hire"]._read_group(
                [("employer_id", "in", employers.ids), ("state", "!=", "cancelled")],
                ["employer_id"],
                ["__count"],
            )
        )
        capacity = dict(
            self._read_group(
                [("parent_id", "in", employers.ids), ("is_employer_tutor", "=", True)],
                ["parent_id"],
                ["tutor_capacity:sum"],
            )
        )
        for partner in self:
            partner.employer_immersion_count = immersions.get(partner, 0)
            partner.employer_hire_count = hires.get(partner, 0)
            partner.employer_free_tutoring = capacity.get(partner, 0) - busy.get(
                partner, 0
            )

    def _action_employer_records(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("employer_id", "=", self.id)]
        action["context"] = {"default_employer_id": self.id}
        return action

    def action_view_employer_immersions(self):
        return self._action_employer_records(
            "plateforme_refugies.refugee_immersion_action"
        )

    def action_view_employer_hires(self):
        return self._action_employer_records("plateforme_refugies.refugee_hire_action")

    def action_suggest_beneficiaries(self):
        self.ensure_one()
        return (
            self.env["refugee.match.wizard"]
            .create({"employer_id": self.id})
            .action_open()
        )
