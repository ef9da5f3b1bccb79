# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import io
import subprocess

from reportlab.pdfgen.canvas import Canvas

from odoo import models
from odoo.tools.misc import find_in_path
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

# the reports whose pages are numbered even by a wkhtmltopdf without footers
NUMBERED_REPORTS = ("plateforme_refugies.refugee_activity_report",)


@functools.cache
def wkhtmltopdf_prints_headers():
    """Whether wkhtmltopdf prints the header and footer of the layout: only
    its builds "with patched qt" do (Debian's package does not, and Odoo then
    only logs wkhtmltopdf's warning)."""
    try:
        version = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except (OSError, TypeError):
        return False
    return "patched qt" in version


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        content, report_type = super()._render_qweb_pdf(
            report_ref, res_ids=res_ids, data=data
        )
        if (
            report_type == "pdf"
            and self._get_report(report_ref).report_name in NUMBERED_REPORTS
            and not wkhtmltopdf_prints_headers()
        ):
            content = self._refugee_stamp_pages(content)
        return content, report_type

    def _refugee_stamp_pages(self, content):
        """Write "Page x / y" at the foot of every page, and the company's
        name at the head of every page after the cover, where the layout's
        header and footer would be."""
        reader = PdfFileReader(io.BytesIO(content))
        writer = PdfFileWriter()
        pages = len(reader.pages)
        company = self.env.company.name or ""
        for number, page in enumerate(reader.pages, start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            stamp = io.BytesIO()
            canvas = Canvas(stamp, pagesize=(width, height))
            canvas.setFont("Helvetica", 9)
            canvas.drawCentredString(
                width / 2,
                24,
                self.env._("Page %(page)s / %(pages)s", page=number, pages=pages),
            )
            if number > 1:
                canvas.drawString(40, height - 32, company)
            canvas.save()
            page.merge_page(PdfFileReader(stamp).pages[0])
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
