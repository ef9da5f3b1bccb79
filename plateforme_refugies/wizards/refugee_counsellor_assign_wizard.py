# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class RefugeeCounsellorAssignWizard(models.TransientModel):
    """Assign one counsellor to several beneficiaries (coordinator)."""

    _name = "refugee.counsellor.assign.wizard"
    _description = "Assign a counsellor"

    beneficiary_ids = fields.Many2many(
        comodel_name="refugee.beneficiary",
        required=True,
    )
    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        domain=[("share", "=", False), ("refugee_site_ids", "!=", False)],
    )
    update_journeys = fields.Boolean(
        string="Also on their open journeys",
        default=True,
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "beneficiary_ids" in fields_list
            and self.env.context.get("active_model") == "refugee.beneficiary"
        ):
            res["beneficiary_ids"] = [
                Command.set(self.env.context.get("active_ids", []))
            ]
        return res

    def action_assign(self):
        self.ensure_one()
        if not self.env.user.has_group("plateforme_refugies.group_coordinator"):
            raise AccessError(
                self.env._("Only the coordinator assigns counsellors in bulk.")
            )
        counsellor = self.counsellor_id
        elsewhere = self.beneficiary_ids.filtered(
            lambda b: b.site_id not in counsellor.refugee_site_ids
        )
        if elsewhere:
            raise ValidationError(
                self.env._(
                    "%(user)s does not work on the site of %(people)s: add the site "
                    "to this user or choose another counsellor.",
                    user=counsellor.name,
                    people=", ".join(elsewhere.mapped("name")),
                )
            )
        self.beneficiary_ids.counsellor_id = counsellor
        if self.update_journeys:
            self.beneficiary_ids.journey_ids.filtered(
                lambda j: j.state != "closed"
            ).counsellor_id = counsellor
        return {"type": "ir.actions.act_window_close"}
