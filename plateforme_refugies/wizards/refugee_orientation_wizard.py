# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.refugee_beneficiary import normalize_name


class RefugeeOrientationWizard(models.TransientModel):
    """ "Nouvelle orientation": the short intake of a person oriented to the
    platform. What the counsellor knows on the first call (identity, birth
    date, contact, site, who orients, language) creates the file and its
    journey in one step; the rest of the file is filled in later.

    A possible duplicate (same names, in any order, and same birth date, on
    any site) is shown as soon as the name and the birth date are typed.
    """

    _name = "refugee.orientation.wizard"
    _description = "New orientation"

    name = fields.Char(required=True)
    birthdate = fields.Date(string="Date of birth", required=True)
    phone = fields.Char()
    email = fields.Char()
    site_id = fields.Many2one(
        comodel_name="refugee.site",
        required=True,
        default=lambda self: self.env.user.refugee_site_ids[:1],
        domain="[('id', 'in', allowed_site_ids)]",
    )
    allowed_site_ids = fields.Many2many(
        comodel_name="refugee.site",
        default=lambda self: self.env.user.refugee_site_ids,
    )
    orienting_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Oriented by",
        help="Partner who oriented the person to the platform (OFII, "
        "accommodation centre, France Travail, Mission Locale…).",
    )
    orientation_date = fields.Date(
        string="Orientation date", required=True, default=fields.Date.context_today
    )
    orientation_notes = fields.Text(string="Reason for orientation")
    contact_language_id = fields.Many2one(
        comodel_name="refugee.language", string="Language of contact"
    )
    interpreter_needed = fields.Boolean(string="Interpreter needed")
    duplicate_warning = fields.Text(compute="_compute_duplicate_warning")

    @api.depends("name", "birthdate")
    def _compute_duplicate_warning(self):
        for wizard in self:
            duplicates = wizard._find_duplicates()
            wizard.duplicate_warning = "\n".join(
                duplicate._duplicate_message() for duplicate in duplicates
            )

    def _find_duplicates(self):
        """Files of any site with the same birth date and the same names, in
        any order, accents and case ignored."""
        self.ensure_one()
        words = sorted(normalize_name(self.name).split())
        if not words or not self.birthdate:
            return self.env["refugee.beneficiary"]
        # every site: a person oriented twice must be found (read as
        # superuser, only the name, number and site are shown)
        same_birthdate = (
            self.env["refugee.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("birthdate", "=", self.birthdate), ("name_key", "ilike", words[0])],
                ["name", "birthdate", "reference", "site_id", "name_key"],
            )
        )
        return same_birthdate.filtered(
            lambda beneficiary: sorted(beneficiary.name_key.split()) == words
        )

    def action_create(self):
        """Create the file and its journey, and open the file."""
        self.ensure_one()
        beneficiary = self.env["refugee.beneficiary"].create(
            {
                "name": self.name,
                "birthdate": self.birthdate,
                "phone": self.phone,
                "email": self.email,
                "site_id": self.site_id.id,
                "contact_language_id": self.contact_language_id.id,
                "interpreter_needed": self.interpreter_needed,
            }
        )
        self.env["refugee.journey"].create(
            {
                "beneficiary_id": beneficiary.id,
                "orienting_partner_id": self.orienting_partner_id.id,
                "orientation_date": self.orientation_date,
                "orientation_notes": self.orientation_notes,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "refugee.beneficiary",
            "res_id": beneficiary.id,
            "views": [(False, "form")],
            "target": "current",
        }
