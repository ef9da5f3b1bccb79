# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request

from ..wizards.refugee_dashboard_wizard import XLSX_MIMETYPE


class ActivityReportController(http.Controller):
    @http.route(
        "/plateforme_refugies/activity_report/<int:report_id>/xlsx",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def activity_report_xlsx(self, report_id):
        """The tables of an activity report as XLSX, with the figures its
        user may read (readers: without the small groups)."""
        report = request.env["refugee.dashboard.wizard"].browse(report_id).exists()
        if not report:
            raise request.not_found()
        report.check_access("read")
        return request.make_response(
            report._activity_report_xlsx(),
            headers=[
                ("Content-Type", XLSX_MIMETYPE),
                ("Content-Disposition", content_disposition(report._xlsx_filename())),
            ],
        )
