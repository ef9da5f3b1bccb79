# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController

# Reports that write while they print: the whole file logs the reads of the
# sensitive data it holds (refugee.sensitive.access.log); the convocation
# letter activates the person's language the first time it is printed in it
# (refugee.convocation._ensure_lang).
WRITING_REPORTS = (
    "plateforme_refugies.report_beneficiary_access",
    "plateforme_refugies.refugee_convocation_letter",
)


def report_readonly(controller):
    """Whether the report the request asks for prints on a read-only cursor.

    Odoo serves its report URLs (``/report/pdf/<report>/<ids>``) on a read-only
    cursor (on the read replica when one is configured), where a write fails
    and Odoo replays the whole request with a WARNING: the reports that write
    get a read/write cursor at once.
    """
    segments = request.httprequest.path.split("/")
    return not any(report in segments for report in WRITING_REPORTS)


class RefugeeReportController(ReportController):
    @http.route(readonly=report_readonly)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        return super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
