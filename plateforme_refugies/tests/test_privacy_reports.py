# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_qweb import QWebException

from .test_convocation import ConvocationCase

# Odoo's refusal of a record of another site, in French
REFUSED = "Oups ! On dirait que vous êtes tombé sur des enregistrements top secrets."
# the whole file (right of access) is the coordinator's
WHOLE_FILE = "refugee_beneficiary_action_report_access"
WHOLE_FILE_REFUSED = "Seul le coordinateur peut exporter un dossier complet."
# the reports of the addon that name no one (aggregated figures)
ANONYMOUS_REPORTS = {"refugee_activity_report_action"}


class PrivacyReportsCase(ConvocationCase):
    """Every document the addon prints about a person, for Omar, a person of
    site North: his convocation letter, PMSMP agreement, SAS placement sheet,
    the attendance sheet of his workshop and his whole file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        # Odoo's refusals are base's messages
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "plateforme_refugies"], ["fr_FR"]
        )
        cls.env["refugee.convocation"]._ensure_lang(cls.arabic.lang_id.code)
        (cls.counsellor_north | cls.counsellor_south | cls.coordinator).lang = "fr_FR"

    def _documents(self):
        """{report xml id: the record it prints}, for every report of the
        addon that names a person."""
        documents = {
            "refugee_convocation_letter_action": self._convoke(),
            "refugee_immersion_agreement_action": self._immersion(),
            "refugee_siae_placement_sheet_action": self._sas_placement(),
            "event_attendance_sheet_action": self._workshop(),
            WHOLE_FILE: self.person,
        }
        # the placement sheet names the person with their consent for SIAE
        self.env["refugee.consent"].create(
            {"beneficiary_id": self.person.id, "partner_type_id": self.siae_kind.id}
        )
        reports = self.env["ir.model.data"].search(
            [
                ("module", "=", "plateforme_refugies"),
                ("model", "=", "ir.actions.report"),
            ]
        )
        self.assertEqual(
            set(reports.mapped("name")), set(documents) | ANONYMOUS_REPORTS
        )
        return documents

    def _report_name(self, report):
        return self.env.ref(f"plateforme_refugies.{report}").report_name


@tagged("post_install", "-at_install")
class TestPrivacyReports(PrivacyReportsCase):
    """Rendered as each user: a counsellor of another site gets a French
    refusal, never the document."""

    def _refusal(self, user, render, report, record):
        """The refusal of ``render`` of the report as ``user``: an AccessError,
        which QWeb raises as the cause of its rendering error (the report
        routes answer it as such: 403)."""
        # what a request of the user reads: nothing the test wrote is cached
        self.env.invalidate_all()
        Report = self.env["ir.actions.report"].with_user(user)
        with self.assertRaises(QWebException) as catcher:
            getattr(Report.with_context(lang=user.lang), render)(
                self._report_name(report), record.ids
            )
        error = catcher.exception.__cause__
        self.assertIsInstance(error, AccessError)
        return str(error)

    def _renders(self, user, report, record):
        """The HTML and the PDF of the report as ``user`` (the PDF is its
        HTML in tests: Odoo does not call wkhtmltopdf there)."""
        self.env.invalidate_all()
        Report = self.env["ir.actions.report"].with_user(user)
        Report = Report.with_context(lang=user.lang)
        name = self._report_name(report)
        return [
            Report._render_qweb_html(name, record.ids)[0].decode(),
            Report._render_qweb_pdf(name, record.ids)[0].decode(),
        ]

    def test_counsellor_of_another_site_prints_nothing(self):
        for report, record in self._documents().items():
            for render in ("_render_qweb_html", "_render_qweb_pdf"):
                with self.subTest(report=report, render=render):
                    refusal = self._refusal(
                        self.counsellor_south, render, report, record
                    )
                    self.assertIn(REFUSED, refusal)
                    self.assertNotIn("Omar", refusal)

    def test_counsellor_of_the_site_prints_them_but_the_whole_file(self):
        for report, record in self._documents().items():
            with self.subTest(report=report):
                if report == WHOLE_FILE:
                    for render in ("_render_qweb_html", "_render_qweb_pdf"):
                        refusal = self._refusal(
                            self.counsellor_north, render, report, record
                        )
                        self.assertEqual(refusal, WHOLE_FILE_REFUSED)
                    continue
                for html in self._renders(self.counsellor_north, report, record):
                    self.assertIn("Omar H", html)

    def test_coordinator_prints_them_all(self):
        for report, record in self._documents().items():
            with self.subTest(report=report):
                for html in self._renders(self.coordinator, report, record):
                    self.assertIn("Omar H", html)


@tagged("post_install", "-at_install")
class TestPrivacyReportRoutes(PrivacyReportsCase, HttpCase):
    """The same documents asked by URL (``/report/pdf/<report>/<id>``), as
    the web client's print menu or a bookmarked link would."""

    def _print(self, report, record):
        return self.url_open(f"/report/pdf/{self._report_name(report)}/{record.id}")

    def test_report_urls_of_a_person_of_another_site(self):
        documents = self._documents()
        self.authenticate("test_cip_south", "test_cip_south")
        for report, record in documents.items():
            with self.subTest(report=report):
                # the refusal is logged by odoo.http as any error shown to the user
                with mute_logger("odoo.http"):
                    response = self._print(report, record)
                self.assertEqual(response.status_code, 403)
                self.assertIn(REFUSED, response.text)
                self.assertNotIn("Omar", response.text)
        self.authenticate("test_cip_north", "test_cip_north")
        for report, record in documents.items():
            with self.subTest(report=report):
                if report == WHOLE_FILE:
                    with mute_logger("odoo.http"):
                        response = self._print(report, record)
                    self.assertEqual(response.status_code, 403)
                    self.assertIn(WHOLE_FILE_REFUSED, response.text)
                    continue
                response = self._print(report, record)
                self.assertEqual(response.status_code, 200)
                self.assertIn("Omar H", response.text)

    def test_whole_file_by_url_logs_its_sensitive_read_without_warning(self):
        """The route serves reports on a read-only cursor: the log of the
        sensitive data the whole file holds is written all the same, without
        Odoo replaying the request (a WARNING)."""
        self.person.health_constraints = "Asthme sévère"
        Log = self.env["refugee.sensitive.access.log"]
        self.authenticate("test_coordinator", "test_coordinator")
        with self.assertNoLogs("odoo", "WARNING"):
            response = self._print(WHOLE_FILE, self.person)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Asthme sévère", response.text)
        log = Log.search([("beneficiary_id", "=", self.person.id)])
        self.assertEqual(log.user_id, self.coordinator)

    def test_letter_by_url_in_a_language_never_used_yet(self):
        """The first letter in Tigrinya activates the language while it
        prints, by its URL too, without Odoo replaying the request."""
        tigrinya = self.env["res.lang"].with_context(active_test=False)
        tigrinya = tigrinya.search([("code", "=", "ti_ER")])
        tigrinya.active = False  # (the demo data may have used it)
        self.person.contact_language_id = self.env["refugee.language"]._find_by_code(
            "ti"
        )
        convocation = self._convoke()
        self.authenticate("test_cip_north", "test_cip_north")
        with self.assertNoLogs("odoo", "WARNING"):
            response = self._print("refugee_convocation_letter_action", convocation)
        self.assertEqual(response.status_code, 200)
        self.assertIn('lang="ti"', response.text)
        self.assertTrue(tigrinya.active)
