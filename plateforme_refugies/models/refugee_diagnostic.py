# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

DRAWER_FIELDS = (
    "drawer_workshops",
    "drawer_sas",
    "drawer_employment",
    "drawer_training",
)
_DRAWER_COMPUTE = {
    "compute": "_compute_drawers",
    "store": True,
    "readonly": False,
    "precompute": True,
}


class RefugeeDiagnostic(models.Model):
    """The professional diagnostic of a journey (one per journey).

    States::

        draft --action_complete--> done

    Completing it writes its drawers on the journey and moves the journey
    out of the diagnostic step (to "in progress").
    """

    _name = "refugee.diagnostic"
    _description = "Professional diagnostic"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "refugee.state.mixin",
        "refugee.journey.part.mixin",
    ]
    _order = "date desc, id desc"

    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        default=lambda self: self.env.user,
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        selection=[("draft", "In progress"), ("done", "Completed")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
    )
    skills = fields.Text(help="Know-how and soft skills observed.")
    experience = fields.Text(string="Professional experience")
    wishes = fields.Text(help="Trades and sectors the person wants.")
    french = fields.Text(help="Level of French observed, oral and written.")
    constraints = fields.Text(
        help="Housing, childcare, mobility, health… (the peripheral barriers are "
        "detailed in the barrier grid of the journey)."
    )
    conclusion = fields.Text(string="Counsellor's conclusion")
    # proposed from the journey, written back on it at completion
    drawer_workshops = fields.Boolean(string="Autonomy workshops", **_DRAWER_COMPUTE)
    drawer_sas = fields.Boolean(string="SAS IAE", **_DRAWER_COMPUTE)
    drawer_employment = fields.Boolean(
        string="Immersion / employment", **_DRAWER_COMPUTE
    )
    drawer_training = fields.Boolean(string="Training", **_DRAWER_COMPUTE)
    completed_by_id = fields.Many2one(
        comodel_name="res.users", readonly=True, copy=False
    )
    completion_date = fields.Date(string="Completed on", readonly=True, copy=False)

    _sql_constraints = [
        (
            "journey_unique",
            "UNIQUE(journey_id)",
            "A journey has a single professional diagnostic.",
        ),
    ]

    @api.depends("journey_id")
    def _compute_drawers(self):
        for diagnostic in self:
            for field in DRAWER_FIELDS:
                diagnostic[field] = diagnostic.journey_id[field]

    def _compute_display_name(self):
        for diagnostic in self:
            diagnostic.display_name = self.env._(
                "Diagnostic of %(person)s",
                person=diagnostic.beneficiary_id.name or "",
            )

    def action_complete(self):
        self._check_state(
            ["draft"],
            self.env._(
                "%(record)s is already completed: only a diagnostic in progress "
                "can be completed."
            ),
        )
        for diagnostic in self:
            if not diagnostic.conclusion:
                raise UserError(
                    self.env._(
                        "Write the counsellor's conclusion of %(diagnostic)s before "
                        "completing it.",
                        diagnostic=diagnostic.display_name,
                    )
                )
            if not any(diagnostic[field] for field in DRAWER_FIELDS):
                raise UserError(
                    self.env._(
                        "Choose at least one drawer (workshops, SAS IAE, immersion / "
                        "employment or training) the diagnostic %(diagnostic)s "
                        "leads to.",
                        diagnostic=diagnostic.display_name,
                    )
                )
            journey = diagnostic.journey_id
            journey.write({field: diagnostic[field] for field in DRAWER_FIELDS})
            if journey.state == "orientation":
                journey.action_start_diagnostic()
            if journey.state == "diagnostic":
                journey.action_start_plan()
            diagnostic.write(
                {
                    "state": "done",
                    "completed_by_id": self.env.uid,
                    "completion_date": fields.Date.context_today(self),
                }
            )

    def action_reopen(self):
        self.write(
            {"state": "draft", "completed_by_id": False, "completion_date": False}
        )
