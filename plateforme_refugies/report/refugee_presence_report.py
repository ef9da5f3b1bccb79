# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.event_registration import ATTENDANCES
from ..models.refugee_convocation import PRESENCE_KINDS
from ..models.refugee_presence import PRESENCE_QUERY


class RefugeePresenceReport(models.Model):
    """Presence at the convoked appointments: one row per recorded presence,
    nobody named; readers get no group of fewer people than the setting says
    (``refugee.report.mixin``).

    ``no_show_rate`` is 100 for an unexcused absence, 0 for a presence and NULL
    for an excused absence, so the pivot's average is the no-show rate of the
    files: absent / (present + absent).
    """

    _name = "refugee.presence.report"
    _inherit = "refugee.report.mixin"
    _description = "Presence analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "date"
    _depends = {
        "refugee.convocation": [
            "beneficiary_id",
            "date_start",
            "kind",
            "presence",
            "state",
            "site_id",
        ],
        "event.registration": [
            "beneficiary_id",
            "attendance",
            "state",
            "active",
            "site_id",
        ],
        "event.event": ["date_begin", "is_workshop"],
        "refugee.siae.placement": ["beneficiary_id", "site_id"],
        "refugee.placement.attendance": [
            "placement_id",
            "week_start",
            "hours_worked",
            "hours_absent_justified",
            "hours_absent_unjustified",
        ],
    }

    date = fields.Date(readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    kind = fields.Selection(
        selection=PRESENCE_KINDS, string="Appointment", readonly=True
    )
    presence = fields.Selection(selection=ATTENDANCES, readonly=True)
    present_count = fields.Integer(string="Present", readonly=True)
    absent_count = fields.Integer(string="Absent", readonly=True)
    excused_count = fields.Integer(string="Excused", readonly=True)
    no_show_rate = fields.Float(
        string="No-show rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Unexcused absences / (presences + unexcused absences).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY p.date, p.kind) AS id,
                         p.beneficiary_id AS beneficiary_key,
                         p.date::date AS date,
                         p.site_id,
                         p.kind,
                         p.presence,
                         CASE WHEN p.presence = 'present' THEN 1 ELSE 0 END
                             AS present_count,
                         CASE WHEN p.presence = 'absent' THEN 1 ELSE 0 END
                             AS absent_count,
                         CASE WHEN p.presence = 'excused' THEN 1 ELSE 0 END
                             AS excused_count,
                         CASE p.presence
                           WHEN 'absent' THEN 100.0
                           WHEN 'present' THEN 0.0
                         END AS no_show_rate
                    FROM (%(presences)s) p
                   WHERE p.presence IS NOT NULL
                )
                """,
                table=SQL.identifier(self._table),
                presences=SQL(PRESENCE_QUERY),
            )
        )
