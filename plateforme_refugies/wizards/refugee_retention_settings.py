# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import ValidationError

from ..models.refugee_file_privacy_mixin import RETENTION_PARAMETER


class RefugeeRetentionSettings(models.TransientModel):
    """How long a file is kept once its journeys are closed."""

    _name = "refugee.retention.settings"
    _description = "Retention of the files"

    retention_months = fields.Integer(
        string="Keep the files for (months)",
        required=True,
        default=lambda self: self.env["refugee.beneficiary"]._get_retention_months(),
        help="Months after the closing of the last journey of a person (and no "
        "other open journey) after which the daily job anonymises the file.",
    )

    def action_save(self):
        self.ensure_one()
        if self.retention_months < 1:
            raise ValidationError(
                self.env._(
                    "The retention period must be at least one month, not %(months)s.",
                    months=self.retention_months,
                )
            )
        self.env["ir.config_parameter"].sudo().set_param(
            RETENTION_PARAMETER, self.retention_months
        )
        return {"type": "ir.actions.act_window_close"}
