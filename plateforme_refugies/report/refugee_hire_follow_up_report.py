# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.refugee_hire_follow_up import RefugeeHireFollowUp


class RefugeeHireFollowUpReport(models.Model):
    """Follow-ups after hiring: one row per follow-up at 1, 3 or 6 months,
    nobody named.

    ``due_count`` counts the follow-ups due, ``done_count`` the ones recorded
    and ``employed_count`` those that found the person still employed, so
    that a pivot by month due and milestone shows what is due and done.
    """

    _name = "refugee.hire.follow.up.report"
    _inherit = "refugee.report.mixin"
    _description = "Follow-ups after hiring analysis"
    _auto = False
    _order = "date_due desc"
    _rec_name = "date_due"
    _depends = {
        "refugee.hire.follow.up": [
            "hire_id",
            "site_id",
            "milestone",
            "date_due",
            "state",
            "still_employed",
        ],
        "refugee.hire": ["beneficiary_id", "state"],
    }

    date_due = fields.Date(string="Due on", readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    milestone = fields.Selection(
        selection=RefugeeHireFollowUp.MILESTONES, readonly=True
    )
    due_count = fields.Integer(string="Follow-ups due", readonly=True)
    done_count = fields.Integer(string="Follow-ups recorded", readonly=True)
    employed_count = fields.Integer(string="Still employed", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT f.id,
                         h.beneficiary_id AS beneficiary_key,
                         f.date_due,
                         f.site_id,
                         f.milestone,
                         1 AS due_count,
                         CASE WHEN f.state = 'done' THEN 1 ELSE 0 END AS done_count,
                         CASE WHEN f.state = 'done' AND f.still_employed = 'yes'
                              THEN 1 ELSE 0 END AS employed_count
                    FROM refugee_hire_follow_up f
                    JOIN refugee_hire h ON h.id = f.hire_id
                   WHERE h.state = 'confirmed'
                )
                """,
                table=SQL.identifier(self._table),
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Follow-ups due in the period per milestone: due, recorded and
        still employed."""
        domain = [("date_due", ">=", date_from), ("date_due", "<=", date_to)]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        milestones = dict(self._fields["milestone"]._description_selection(self.env))
        return [
            {
                "milestone": milestones[milestone],
                "due": due,
                "done": done,
                "employed": employed,
            }
            for milestone, due, done, employed in self._read_group(
                domain,
                ["milestone"],
                ["due_count:sum", "done_count:sum", "employed_count:sum"],
            )
        ]
