# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SIAE_TYPES = [
    ("aci", "ACI - Workshop and integration project"),
    ("ei", "EI - Integration company"),
    ("ai", "AI - Intermediary association"),
    ("etti", "ETTI - Temporary work integration company"),
    ("eiti", "EITI - Independent work integration company"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Nothing sensitive lives here: every internal user can read contacts.
    is_refugee_beneficiary = fields.Boolean(
        string="Is a beneficiary",
        help="This contact is a person followed by the platform.",
        readonly=True,
        index=True,
    )
    refugee_partner_type_ids = fields.Many2many(
        comodel_name="refugee.partner.type",
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
        relation="res_partner_siae_sector_rel",
        column1="partner_id",
        column2="sector_id",
        string="SIAE activities",
    )
    siae_capacity = fields.Integer(
        string="Refugees hosted at once",
        default=2,
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

    _sql_constraints = [
        (
            "siae_capacity_positive",
            "CHECK(siae_capacity > 0)",
            "A SIAE hosts at least one refugee at a time: its capacity must be "
            "positive.",
        ),
    ]

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
