# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..models.refugee_report_mixin import MIN_PEOPLE_PARAMETER
from .common import RefugeeCase, RefugeeTourCase
from .test_reporting import PERSONAL_MODELS, REPORT_MODELS, JourneyReportCase

ANALYSIS_MODELS = (
    *REPORT_MODELS,
    "refugee.siae.occupancy.report",
    "refugee.hire.follow.up.report",
)
PILOTING = "plateforme_refugies.spreadsheet_dashboard_refugee_piloting"
FUNDERS = "plateforme_refugies.spreadsheet_dashboard_refugee_funders"


class TestSpreadsheetDashboards(RefugeeCase):
    """The dashboards of the Dashboards app read the analyses only, the same
    figures as the analyses, and load for readers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(MIN_PEOPLE_PARAMETER, 5)
        # a few journeys of our own, whatever other data the database holds
        for index in range(6):
            beneficiary = cls._create_beneficiary(f"Dashboard Person {index}")
            cls._create_journey(
                beneficiary,
                state="exited",
                exit_date=date(2026, 2, 4),
                exit_outcome_id=cls.outcome_cdi.id,
            )

    def _spreadsheet(self, xmlid):
        return json.loads(self.env.ref(xmlid).spreadsheet_data)

    def _data_sources(self, spreadsheet):
        """(name, model, domain, groupby, aggregates, field matching) of each
        pivot and chart."""
        for pivot in spreadsheet["pivots"].values():
            yield (
                pivot["name"],
                pivot["model"],
                pivot["domain"],
                [
                    ":".join(filter(None, (dim["fieldName"], dim.get("granularity"))))
                    for dim in pivot["rows"] + pivot["columns"]
                ],
                [f"{m['fieldName']}:{m['aggregator']}" for m in pivot["measures"]],
                pivot["fieldMatching"],
            )
        for sheet in spreadsheet["sheets"]:
            for figure in sheet["figures"]:
                chart = figure["data"]
                if not chart["type"].startswith("odoo_"):
                    continue
                meta = chart["metaData"]
                field = self.env[meta["resModel"]]._fields[meta["measure"]]
                yield (
                    chart["title"]["text"],
                    meta["resModel"],
                    chart["searchParams"]["domain"],
                    meta["groupBy"],
                    [f"{field.name}:{field.aggregator}"],
                    chart["fieldMatching"],
                )

    def _check_field(self, model, fname, field_type=None, comodel=None):
        field = self.env[model]._fields.get(fname)
        self.assertTrue(field, f"{model} has no field {fname}")
        self.assertTrue(field.store, f"{model}.{fname} is not stored")
        if field_type:
            self.assertEqual(field.type, field_type)
        if comodel:
            self.assertEqual(field.comodel_name, comodel)

    def test_data_sources_are_analysis_fields(self):
        for xmlid in (PILOTING, FUNDERS):
            spreadsheet = self._spreadsheet(xmlid)
            filters = {f["id"]: f for f in spreadsheet["globalFilters"]}
            self.assertEqual(
                sorted(f["type"] for f in filters.values()), ["date", "relation"]
            )
            # a list shows rows, one per person: none on a dashboard
            self.assertFalse(spreadsheet["lists"])
            sources = list(self._data_sources(spreadsheet))
            self.assertGreaterEqual(len(sources), 15)
            for name, model, domain, groupby, aggregates, matching in sources:
                with self.subTest(dashboard=xmlid, source=name):
                    self.assertIn(model, ANALYSIS_MODELS)
                    for spec in groupby + aggregates:
                        self._check_field(model, spec.split(":")[0])
                    for leaf in domain:
                        self._check_field(model, leaf[0])
                    self.assertTrue(matching, "the source ignores the filters")
                    for filter_id, match in matching.items():
                        if filters[filter_id]["type"] == "date":
                            self._check_field(model, match["chain"], "date")
                        else:
                            self._check_field(
                                model, match["chain"], "many2one", "refugee.site"
                            )

    def _read(self, user, model, domain, groupby, aggregates):
        return (
            self.env[model]
            .with_user(user)
            .read_group(domain, aggregates, groupby, lazy=False)
        )

    def test_same_totals_as_the_analyses(self):
        for xmlid in (PILOTING, FUNDERS):
            for name, model, domain, groupby, aggregates, __ in self._data_sources(
                self._spreadsheet(xmlid)
            ):
                with self.subTest(dashboard=xmlid, source=name):
                    Analysis = self.env[model].with_user(self.coordinator)
                    totals = Analysis._read_group(domain, [], aggregates)[0]
                    groups = self._read(
                        self.coordinator, model, domain, groupby, aggregates
                    )
                    for aggregate, total in zip(aggregates, totals, strict=True):
                        fname, func = aggregate.split(":")
                        if func == "sum":
                            self.assertEqual(
                                sum(group[fname] or 0 for group in groups), total or 0
                            )
                    # readers get the same total unless it counts few people
                    [reader_total] = self._read(
                        self.reader, model, domain, [], aggregates
                    )
                    people = (
                        self.env[model]
                        .sudo()
                        ._read_group(
                            domain,
                            [],
                            ["beneficiary_key:count_distinct"]
                            if "beneficiary_key" in Analysis._fields
                            else ["__count"],
                        )[0][0]
                    )
                    for aggregate, total in zip(aggregates, totals, strict=True):
                        fname = aggregate.split(":")[0]
                        if people >= 5 or "beneficiary_key" not in Analysis._fields:
                            self.assertEqual(reader_total[fname], total)
                        else:
                            self.assertFalse(reader_total[fname])
                    # and the groupings of the dashboard load for readers
                    self._read(self.reader, model, domain, groupby, aggregates)

    def test_reader_loads_the_funders_dashboard_only(self):
        Dashboard = self.env["spreadsheet.dashboard"].with_user(self.reader)
        group = self.env.ref(
            "plateforme_refugies.spreadsheet_dashboard_group_refugee_insertion"
        )
        self.assertEqual(
            Dashboard.search([("dashboard_group_id", "=", group.id)]),
            self.env.ref(FUNDERS),
        )
        loaded = Dashboard.browse(self.env.ref(FUNDERS).id).get_readonly_dashboard()
        self.assertEqual(
            loaded["snapshot"]["pivots"], self._spreadsheet(FUNDERS)["pivots"]
        )
        for model in PERSONAL_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.reader).search([], limit=1)
        with self.assertRaises(AccessError):
            Dashboard.browse(self.env.ref(PILOTING).id).check_access("read")
        coordinator_dashboards = (
            self.env["spreadsheet.dashboard"]
            .with_user(self.coordinator)
            .search([("dashboard_group_id", "=", group.id)])
        )
        self.assertEqual(
            coordinator_dashboards, self.env.ref(PILOTING) | self.env.ref(FUNDERS)
        )


class TestSmallGroups(RefugeeCase):
    """No group of fewer people than the setting in a reader's hands."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(MIN_PEOPLE_PARAMETER, 5)
        cls.site_small = cls.env["refugee.site"].create(
            {"name": "Test Small", "code": "TSM"}
        )
        cls.counsellor_north.refugee_site_ids += cls.site_small
        people = {cls.site_north: 6, cls.site_south: 5, cls.site_small: 3}
        for site, count in people.items():
            for index in range(count):
                beneficiary = cls._create_beneficiary(
                    f"Small {site.code} {index}",
                    site=site,
                    counsellor=cls.counsellor_north if site != cls.site_south else None,
                    birthdate=date(1980 + 10 * (index % 2), 1, 1),
                )
                cls._create_journey(beneficiary)
        cls.sites = cls.site_north | cls.site_south | cls.site_small
        cls.domain = [("site_id", "in", cls.sites.ids)]

    def _by_site(self, user, domain=None):
        return {
            group["site_id"][0]: group["entry_count"]
            for group in self.env["refugee.journey.report"]
            .with_user(user)
            .read_group(domain or self.domain, ["entry_count:sum"], ["site_id"])
        }

    def test_reader_sees_no_small_site(self):
        self.assertEqual(
            self._by_site(self.coordinator),
            {self.site_north.id: 6, self.site_south.id: 5, self.site_small.id: 3},
        )
        # 3 people of the small site are left out, and the 5 of the next
        # smallest site with them: the total minus the north gives no group
        # of 3 people
        self.assertEqual(self._by_site(self.reader), {self.site_north.id: 6})
        Report = self.env["refugee.journey.report"].with_user(self.reader)
        [total] = Report.read_group(self.domain, ["entry_count:sum"], [])
        self.assertEqual(total["entry_count"], 14)
        # the graph view's call, and a domain that picks the small site
        groups = Report.web_read_group(self.domain, ["entry_count:sum"], ["site_id"])
        self.assertEqual(
            [group["site_id"][0] for group in groups["groups"]], [self.site_north.id]
        )
        [small] = Report.read_group(
            [("site_id", "=", self.site_small.id)], ["entry_count:sum"], []
        )
        self.assertFalse(small["entry_count"])

    def test_no_combination_isolates_a_person(self):
        Report = self.env["refugee.journey.report"]
        for groupby in (
            ["site_id", "age_band"],
            ["site_id", "protection_type", "orientation_date:month"],
            ["age_band", "site_id"],
        ):
            with self.subTest(groupby=groupby):
                shown = Report.with_user(self.reader).read_group(
                    self.domain, ["entry_count:sum"], groupby, lazy=False
                )
                for group in shown:
                    self.assertGreaterEqual(group["entry_count"], 5)
                exact = Report.with_user(self.coordinator).read_group(
                    self.domain, ["entry_count:sum"], groupby, lazy=False
                )
                self.assertGreater(len(exact), len(shown))

    def test_reader_lists_no_row(self):
        Report = self.env["refugee.journey.report"].with_user(self.reader)
        with self.assertRaises(AccessError):
            Report.search(self.domain)
        with self.assertRaises(AccessError):
            Report.search_count([("site_id", "=", self.site_small.id)])
        with self.assertRaises(AccessError):
            Report.web_search_read(self.domain, {"entry_count": {}})
        with self.assertRaises(AccessError):
            Report.read_group(self.domain, ["beneficiary_key:count_distinct"], [])

    def test_the_threshold_is_a_setting(self):
        admin = new_test_user(
            self.env,
            "test_settings_admin",
            groups="base.group_user,base.group_system,"
            "plateforme_refugies.group_coordinator",
            name="Test Settings Admin",
        )
        Settings = self.env["res.config.settings"].with_user(admin)
        self.assertEqual(Settings.create({}).refugee_report_min_people, 5)
        Settings.create({"refugee_report_min_people": 3}).execute()
        self.assertEqual(len(self._by_site(self.reader)), 3)
        # a counsellor gets the exact figures
        Settings.create({"refugee_report_min_people": 10}).execute()
        self.assertEqual(len(self._by_site(self.counsellor_north)), 3)
        self.assertEqual(self._by_site(self.reader), {})
        with self.assertRaises(ValidationError):
            Settings.create({"refugee_report_min_people": 0}).execute()
        self.assertEqual(self.env["refugee.journey.report"]._get_min_people(), 10)


class TestActivityReportPdf(JourneyReportCase):
    """The activity report in French, in the company's layout, as a PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.coordinator.lang = "fr_FR"
        cls.env.company.write(
            {"street": "2 place de la République", "zip": "41000", "city": "Blois"}
        )

    def _dashboard(self):
        return (
            self.env["refugee.dashboard.wizard"]
            .with_user(self.coordinator)
            .create(
                {
                    "date_from": date(2026, 2, 1),
                    "date_to": date(2026, 2, 28),
                    "site_ids": [Command.set(self.site_north.ids)],
                }
            )
        )

    def test_french_html_with_every_section(self):
        dashboard = self._dashboard()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.coordinator)
            .with_context(lang="fr_FR")
            ._render_qweb_html(
                "plateforme_refugies.refugee_activity_report_action", dashboard.ids
            )[0]
            .decode()
        )
        self.assertIn("Rapport d'activité", html)
        self.assertIn("1 février 2026", html)
        self.assertIn("28 février 2026", html)
        self.assertIn("Test North", html)
        self.assertIn(self.env.company.name, html)
        self.assertIn("100,0\xa0%", html)
        self.assertNotIn("100.0", html)
        for section in (
            "o_refugee_cover",
            "o_refugee_journeys",
            "o_refugee_exit_categories",
            "o_refugee_exits",
            "o_refugee_employers",
            "o_refugee_chart",
        ):
            self.assertIn(section, html)
        for title in (
            "Sorties",
            "SAS IAE",
            "Ateliers",
            "Français",
            "Freins périphériques",
            "Employeurs",
            "Immersions",
            "Embauches et suivi",
        ):
            self.assertIn(f"<h4>{title}", html)
        # outcomes by IAE category and by reason, not by placement state
        self.assertIn("Emploi durable", html)
        self.assertIn(self.outcome_cdi.with_context(lang="fr_FR").name, html)

    def test_drill_downs_keep_the_period(self):
        dashboard = self._dashboard()
        for action, date_field in (
            (dashboard.action_open_entries(), "orientation_date"),
            (dashboard.action_open_exits(), "exit_date"),
            (dashboard.action_open_sas_occupancy(), "week"),
            (dashboard.action_open_workshops(), "date"),
        ):
            with self.subTest(action=action["res_model"], field=date_field):
                bounds = {
                    operator: value
                    for fname, operator, value in action["domain"]
                    if fname == date_field
                }
                self.assertEqual(bounds["<="], date(2026, 2, 28))
                self.assertLessEqual(bounds[">="], date(2026, 2, 1))

    def test_pdf_in_the_company_layout(self):
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.coordinator)
            .with_context(lang="fr_FR")
        )
        report = "plateforme_refugies.refugee_activity_report_action"
        dashboard = self._dashboard()
        # the header and footer wkhtmltopdf prints on every page
        html = Report._render_qweb_html(
            report, dashboard.ids, data={"report_type": "pdf"}
        )[0].decode()
        self.assertIn("o_company_logo", html)
        self.assertRegex(
            html, r'Page <span class="page"></span> / <span class="topage"></span>'
        )
        # Debian's wkhtmltopdf (Qt not patched) warns that it leaves out the
        # header and footer: the cover carries the logo and address anyway
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, report_format = Report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(report, dashboard.ids)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        pages = PdfFileReader(io.BytesIO(pdf)).pages
        self.assertGreaterEqual(len(pages), 2)
        cover = " ".join(pages[0].extract_text().split())
        self.assertIn("Rapport d'activité", cover)
        self.assertIn("1 février 2026", cover)
        self.assertIn("41000 Blois", cover)
        self.assertIn("Parcours", " ".join(pages[1].extract_text().split()))


@tagged("post_install", "-at_install")
class TestDashboardTours(RefugeeTourCase):
    def test_reader_lands_on_the_dashboard(self):
        # a funder's home is the funders' dashboard, as for the demo reader
        new_test_user(
            self.env,
            "tour_funder",
            groups="base.group_user,plateforme_refugies.group_reader",
            name="Tour Funder",
            action_id=self.env.ref(
                "plateforme_refugies.spreadsheet_dashboard_action_funders"
            ).id,
        )
        self.start_tour(
            "/odoo", "plateforme_refugies_funders_tour", login="tour_funder"
        )

    def test_coordinator_prints_the_activity_report(self):
        self._site_with_user(
            "Tour Report Site",
            "TRPT",
            "tour_report_coordinator",
            "Tour Report Coordinator",
            role="group_coordinator",
        )
        self.start_tour(
            "/odoo/dashboards",
            "plateforme_refugies_activity_report_tour",
            login="tour_report_coordinator",
        )
