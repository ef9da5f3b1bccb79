# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .refugee_language import CEFR_LEVELS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Nothing sensitive lives here: every internal user can read contacts.
    is_refugee_beneficiary = fields.Boolean(
        string="Is a beneficiary",
        help="This contact is a person followed by the platform.",
        readonly=True,
        index=True,
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
        comodel_name="refugee.sector", string="Sector", tracking=True
    )
    employer_site_id = fields.Many2one(
        comodel_name="refugee.site",
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
            "employer_counts_positive",
            "CHECK(employer_housing_places >= 0 AND tutor_capacity >= 0)",
            "Housing places and tutor capacity cannot be negative.",
        ),
    ]

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
