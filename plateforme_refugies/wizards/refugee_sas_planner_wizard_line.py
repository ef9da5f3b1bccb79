# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RefugeeSasPlannerWizardLine(models.TransientModel):
    """One proposed step of a SAS: the counsellor may adjust it before accepting."""

    _name = "refugee.sas.planner.wizard.line"
    _description = "SAS IAE planner step"
    _order = "sequence, id"

    planner_id = fields.Many2one(
        comodel_name="refugee.sas.planner.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(string="Step", default=1)
    siae_id = fields.Many2one(
        comodel_name="res.partner",
        string="SIAE",
        required=True,
        domain=[("is_siae", "=", True), ("is_sas_partner", "=", True)],
    )
    supervisor_id = fields.Many2one(
        comodel_name="res.partner",
        domain="[('is_siae_supervisor', '=', True), ('parent_id', '=', siae_id)]",
    )
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    free_places = fields.Integer(
        compute="_compute_free_places",
        store=True,
        readonly=False,
        help="Places still free in the SIAE over the whole step.",
    )
    matches_wishes = fields.Boolean(
        string="Matches the wishes",
        compute="_compute_matches_wishes",
        store=True,
        readonly=False,
    )
    visited_before = fields.Boolean(
        string="Already visited",
        help="The person was already placed in this SIAE.",
    )

    @api.depends("siae_id", "date_start", "date_end")
    def _compute_free_places(self):
        lines = self.filtered(
            lambda line: (
                line.siae_id
                and line.date_start
                and line.date_end
                and line.date_start <= line.date_end
            )
        )
        (self - lines).free_places = 0
        if not lines:
            return
        first_day = min(lines.mapped("date_start"))
        occupancy = self.env["refugee.siae.placement"]._siae_daily_occupancy(
            lines.siae_id, first_day, max(lines.mapped("date_end"))
        )
        for line in lines:
            hosted = occupancy[line.siae_id.id][
                (line.date_start - first_day).days : (line.date_end - first_day).days
                + 1
            ]
            line.free_places = max(line.siae_id.siae_capacity - max(hosted), 0)

    @api.depends("siae_id", "planner_id.sector_ids")
    def _compute_matches_wishes(self):
        for line in self:
            # by id: a new planner (the wizard being filled) holds new records
            # of its sectors, and whether an activity is archived needs no read
            # (the wished sectors are active ones)
            wished_ids = set(line.planner_id.sector_ids._origin.ids)
            activities = line.siae_id.with_context(active_test=False).siae_activity_ids
            line.matches_wishes = bool(wished_ids.intersection(activities.ids))

    @api.onchange("siae_id")
    def _onchange_siae_id(self):
        if self.supervisor_id.parent_id != self.siae_id:
            self.supervisor_id = self.siae_id.siae_supervisor_ids[:1]
