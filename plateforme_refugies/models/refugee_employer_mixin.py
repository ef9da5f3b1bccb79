# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RefugeeEmployerMixin(models.AbstractModel):
    """Work of a beneficiary at an employer (an immersion, a hire): the
    employer and the tutor, a person of that employer."""

    _name = "refugee.employer.mixin"
    _description = "Work at an employer"

    employer_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('is_company', '=', True)]",
    )
    tutor_id = fields.Many2one(
        comodel_name="res.partner",
        tracking=True,
        domain="[('parent_id', '=', employer_id), ('is_company', '=', False)]",
    )

    @api.constrains("tutor_id", "employer_id")
    def _check_tutor(self):
        for record in self.filtered("tutor_id"):
            if record.tutor_id.parent_id != record.employer_id:
                raise ValidationError(
                    self.env._(
                        "The tutor of %(record)s must be a person of %(employer)s.",
                        record=record.display_name,
                        employer=record.employer_id.name,
                    )
                )
