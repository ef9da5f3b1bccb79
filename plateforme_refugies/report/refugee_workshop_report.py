# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.event_event import WORKSHOP_AUDIENCES


class RefugeeWorkshopReport(models.Model):
    """Workshops analysis: one row per registration, nobody named.

    A workshop without registration still gives one row, so that every
    session counts: ``session_count`` is 1 on the first row of each workshop
    only. ``attendance_rate`` is 100 for present, 0 for absent and NULL for
    excused or not recorded yet, so the pivot's average is present / (present
    + absent), the rate the workshop form shows. Cancelled registrations and
    archived workshops do not count; a session is held once its day has
    come (the "Held" filter, and the period indicators up to today).
    """

    _name = "refugee.workshop.report"
    _inherit = "refugee.report.mixin"
    _description = "Workshops analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "date"
    _depends = {
        "event.event": [
            "date_begin",
            "site_id",
            "workshop_theme_id",
            "workshop_audience",
            "is_workshop",
            "active",
        ],
        "event.registration": [
            "event_id",
            "active",
            "state",
            "attendance",
            "beneficiary_id",
        ],
    }

    date = fields.Date(readonly=True)
    site_id = fields.Many2one(comodel_name="refugee.site", readonly=True)
    workshop_theme_id = fields.Many2one(
        comodel_name="refugee.workshop.theme", string="Theme", readonly=True
    )
    workshop_audience = fields.Selection(
        selection=WORKSHOP_AUDIENCES, string="Audience", readonly=True
    )
    session_count = fields.Integer(string="Sessions", readonly=True)
    registration_count = fields.Integer(string="Registrations", readonly=True)
    present_count = fields.Integer(string="Present", readonly=True)
    absent_count = fields.Integer(string="Absent", readonly=True)
    excused_count = fields.Integer(string="Excused", readonly=True)
    attendance_rate = fields.Float(
        string="Attendance rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Present / (present + absent): excused absences and attendances "
        "not yet recorded do not count.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                  SELECT ROW_NUMBER() OVER (ORDER BY e.date_begin, e.id, r.id) AS id,
                         r.beneficiary_id AS beneficiary_key,
                         e.date_begin::date AS date,
                         e.site_id,
                         e.workshop_theme_id,
                         e.workshop_audience,
                         CASE WHEN ROW_NUMBER() OVER (
                                       PARTITION BY e.id ORDER BY r.id) = 1
                              THEN 1 ELSE 0 END AS session_count,
                         CASE WHEN r.id IS NULL THEN 0 ELSE 1 END
                             AS registration_count,
                         CASE WHEN r.attendance = 'present' THEN 1 ELSE 0 END
                             AS present_count,
                         CASE WHEN r.attendance = 'absent' THEN 1 ELSE 0 END
                             AS absent_count,
                         CASE WHEN r.attendance = 'excused' THEN 1 ELSE 0 END
                             AS excused_count,
                         CASE r.attendance
                           WHEN 'present' THEN 100.0
                           WHEN 'absent' THEN 0.0
                         END AS attendance_rate
                    FROM event_event e
               LEFT JOIN event_registration r
                      ON r.event_id = e.id
                     AND r.active
                     AND r.state != 'cancel'
                   WHERE e.is_workshop
                     AND e.active
                )
                """,
                table=SQL.identifier(self._table),
            )
        )

    @api.model
    def _period_indicators(self, date_from, date_to, sites):
        """Sessions held in the period, registrations and attendance by theme."""
        today = fields.Date.context_today(self)
        domain = [("date", ">=", date_from), ("date", "<=", min(date_to, today))]
        if sites:
            domain.append(("site_id", "in", sites.ids))
        aggregates = [
            "session_count:sum",
            "registration_count:sum",
            "present_count:sum",
            "absent_count:sum",
            "attendance_rate:avg",
        ]
        keys = ("sessions", "registrations", "present", "absent", "attendance_rate")
        [totals] = self._read_group(domain, [], aggregates)
        by_theme = [
            {"theme": theme.display_name, **self._attendance_line(keys, values)}
            for theme, *values in self._read_group(
                domain, ["workshop_theme_id"], aggregates
            )
        ]
        return {**self._attendance_line(keys, totals), "by_theme": by_theme}

    @api.model
    def _attendance_line(self, keys, values):
        line = {
            key: self._figure(value) for key, value in zip(keys, values, strict=True)
        }
        if not (line["present"] or 0) + (line["absent"] or 0):
            # no attendance recorded: no rate, rather than 0 %
            line["attendance_rate"] = None
        return line
