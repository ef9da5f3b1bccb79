# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import zipfile
from datetime import date, datetime

import lxml.html
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import float_round, mute_logger
from odoo.tools.pdf import PdfFileReader

from ..models.refugee_report_mixin import MIN_PEOPLE_PARAMETER
from ..wizards.refugee_dashboard_wizard import XLSX_MIMETYPE
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
        cls.journeys = {site: cls.env["refugee.journey"] for site in people}
        for site, count in people.items():
            for index in range(count):
                beneficiary = cls._create_beneficiary(
                    f"Small {site.code} {index}",
                    site=site,
                    counsellor=cls.counsellor_north if site != cls.site_south else None,
                    birthdate=date(1980 + 10 * (index % 2), 1, 1),
                )
                cls.journeys[site] |= cls._create_journey(beneficiary)
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

    def test_a_person_in_two_small_groups_is_left_out_once(self):
        """3 people with two barriers each are 3 people left out, not 6: the
        6 people of the next group are left out with them."""
        barrier_type = {
            code: self.env.ref(f"plateforme_refugies.barrier_type_{code}")
            for code in ("mobility", "housing", "health", "digital")
        }
        Barrier = self.env["refugee.barrier"]
        for site, codes in (
            (self.site_north, ["mobility"]),
            (self.site_small, ["housing", "health"]),
            (self.site_south, ["digital"]),
        ):
            for journey in self.journeys[site][:6]:
                for code in codes:
                    Barrier.create(
                        {
                            "journey_id": journey.id,
                            "barrier_type_id": barrier_type[code].id,
                        }
                    )

        def by_type(user, codes):
            return {
                group["barrier_type_id"][0]: group["barrier_count"]
                for group in self.env["refugee.barrier.report"]
                .with_user(user)
                .read_group(
                    self.domain
                    + [
                        ("step", "=", "identified"),
                        ("barrier_type_id", "in", [barrier_type[c].id for c in codes]),
                    ],
                    ["barrier_count:sum"],
                    ["barrier_type_id"],
                )
            }

        codes = ["mobility", "housing", "health"]
        self.assertEqual(
            by_type(self.coordinator, codes),
            {barrier_type[c].id: n for c, n in zip(codes, (6, 3, 3), strict=True)},
        )
        # the total (12 barriers) minus mobility (6) would count 3 people
        self.assertEqual(by_type(self.reader, codes), {})
        # housing (3 people) is left out with digital (5 other people): 8
        codes = ["mobility", "housing", "digital"]
        self.assertEqual(by_type(self.reader, codes), {barrier_type["mobility"].id: 6})

    def test_presence_analysis_hides_small_groups(self):
        Convocation = self.env["refugee.convocation"]
        for journeys in self.journeys.values():
            for journey in journeys:
                Convocation.create(
                    {
                        "beneficiary_id": journey.beneficiary_id.id,
                        "date_start": datetime(2026, 2, 2, 9, 0),
                        "state": "sent",
                        "presence": "present",
                    }
                )

        def by_site(user):
            return {
                group["site_id"][0]: group["present_count"]
                for group in self.env["refugee.presence.report"]
                .with_user(user)
                .read_group(self.domain, ["present_count:sum"], ["site_id"])
            }

        self.assertEqual(
            by_site(self.coordinator),
            {self.site_north.id: 6, self.site_south.id: 5, self.site_small.id: 3},
        )
        self.assertEqual(by_site(self.reader), {self.site_north.id: 6})
        Report = self.env["refugee.presence.report"].with_user(self.reader)
        [small] = Report.read_group(
            [("site_id", "=", self.site_small.id)], ["present_count:sum"], []
        )
        self.assertFalse(small["present_count"])
        with self.assertRaises(AccessError):
            Report.search(self.domain)

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
    """The activity report in French, in the company's layout, as a PDF and
    as an XLSX of the same tables."""

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.coordinator.lang = "fr_FR"
        cls.env.company.write(
            {"street": "2 place de la République", "zip": "41000", "city": "Blois"}
        )

    def _dashboard(self, user=None):
        return (
            self.env["refugee.dashboard.wizard"]
            .with_user(user or self.coordinator)
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

    def _pdf_tables(self, user):
        """The rows of the PDF's sections as the text printed in each cell:
        {section title: [[cell, ...], ...]}, a note as a row of one cell."""
        html = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="fr_FR")
            ._render_qweb_html(
                "plateforme_refugies.refugee_activity_report_action",
                self._dashboard(user).ids,
            )[0]
        )
        sections = {}
        page = lxml.html.fromstring(html).xpath(
            "//div[contains(@class, 'o_refugee_activity_report')]"
        )[0]
        for element in page.iterchildren():
            text = " ".join(element.text_content().split())
            if element.tag == "h4":
                rows = sections[text] = []
            elif element.tag == "table":
                rows.extend(
                    [" ".join(cell.text_content().split()) for cell in line]
                    for line in element.xpath(".//tr")
                )
            elif element.tag == "p" and "text-muted" in element.classes:
                rows.append([text])
        return sections

    def _xlsx_tables(self, user):
        """The rows of the workbook's sheets, each figure written as its
        number format shows it in French: {sheet name: [[cell, ...], ...]}."""
        ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        workbook = zipfile.ZipFile(
            io.BytesIO(
                self._dashboard(user).with_context(lang="fr_FR")._activity_report_xlsx()
            )
        )

        def xml(name):
            return etree.fromstring(workbook.read(name))

        strings = [
            "".join(item.itertext())
            for item in xml("xl/sharedStrings.xml").iterfind("x:si", ns)
        ]
        styles = xml("xl/styles.xml")
        codes = {
            fmt.get("numFmtId"): fmt.get("formatCode")
            for fmt in styles.iterfind("x:numFmts/x:numFmt", ns)
        }
        cell_codes = [
            codes.get(xf.get("numFmtId"))
            for xf in styles.iterfind("x:cellXfs/x:xf", ns)
        ]
        lang = self.env["res.lang"]._lang_get("fr_FR")
        french = {
            "#,##0": lambda value: lang.format(
                "%.0f", float_round(value, 0), grouping=True
            ),
            "#,##0.00": lambda value: lang.format(
                "%.2f", float_round(value, 2), grouping=True
            ),
            "0.0 %": lambda value: (
                lang.format("%.1f", float_round(value * 100, 1), grouping=True) + " %"
            ),
        }
        sheets = {}
        names = [
            sheet.get("name")
            for sheet in xml("xl/workbook.xml").iterfind("x:sheets/x:sheet", ns)
        ]
        for index, name in enumerate(names, start=1):
            rows = sheets[name] = []
            for line in xml(f"xl/worksheets/sheet{index}.xml").iterfind(
                "x:sheetData/x:row", ns
            ):
                if int(line.get("r")) <= 3:  # the title and the period
                    continue
                row = []
                for cell in line.iterfind("x:c", ns):
                    value = cell.findtext("x:v", namespaces=ns)
                    code = cell_codes[int(cell.get("s", 0))]
                    if value is None:
                        row.append("–")
                    elif cell.get("t") == "s":
                        row.append(strings[int(value)])
                    else:
                        self.assertIn(code, french, "a figure without its format")
                        row.append(" ".join(french[code](float(value)).split()))
                rows.append(row)
        return sheets

    def test_xlsx_has_the_tables_of_the_pdf(self):
        self.coordinator.lang = "fr_FR"
        pdf = self._pdf_tables(self.coordinator)
        xlsx = self._xlsx_tables(self.coordinator)
        self.assertEqual(list(xlsx), list(pdf))
        self.assertEqual(xlsx, pdf)
        self.assertIn(["Sorties", "2"], xlsx["Parcours"])
        self.assertIn(
            [
                "Sorties dynamiques (durables, de transition et positives) "
                "parmi les sorties",
                "100,0 %",
            ],
            xlsx["Parcours"],
        )

    def test_reader_gets_the_small_groups_suppressed(self):
        self.env["ir.config_parameter"].set_param(MIN_PEOPLE_PARAMETER, 5)
        self.reader.lang = "fr_FR"
        xlsx = self._xlsx_tables(self.reader)
        self.assertEqual(xlsx, self._pdf_tables(self.reader))
        # 2 exits on the site in February: too few people for a reader, who
        # gets neither their rate nor their categories
        rate = (
            "Sorties dynamiques (durables, de transition et positives) parmi les "
            "sorties"
        )
        self.assertIn([rate, "–"], xlsx["Parcours"])
        # a hidden total is no figure, not a zero, and no section says that
        # nothing happened
        self.assertIn(["Sorties", "–"], xlsx["Parcours"])
        self.assertEqual(
            xlsx["Sorties"],
            [["Trop peu de personnes sur cette période pour en montrer les chiffres."]],
        )
        exact = self._xlsx_tables(self.coordinator)
        self.assertIn(["Sorties", "2"], exact["Parcours"])
        self.assertIn([rate, "100,0 %"], exact["Parcours"])
        self.assertIn(["Emploi durable", "1"], exact["Sorties"])

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
        # every page numbered, the company named after the cover: by the
        # layout's footer, or written on the pages when wkhtmltopdf leaves
        # out the layout's header and footer
        for number, page in enumerate(pages, start=1):
            text = " ".join(page.extract_text().split())
            self.assertIn(f"Page {number} / {len(pages)}", text)
            self.assertIn(self.env.company.name, text)


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

    def test_xlsx_export_downloads_the_workbook(self):
        new_test_user(
            self.env,
            "xlsx_funder",
            groups="base.group_user,plateforme_refugies.group_reader",
        )
        new_test_user(self.env, "xlsx_employee", groups="base.group_user")
        report = (
            self.env["refugee.dashboard.wizard"]
            .with_user(self.env["res.users"].search([("login", "=", "xlsx_funder")]))
            .create({"date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)})
        )
        action = report.action_export_xlsx()
        self.assertEqual(action["target"], "download")
        self.authenticate("xlsx_funder", "xlsx_funder")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_MIMETYPE)
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        workbook = zipfile.ZipFile(io.BytesIO(response.content))
        self.assertIn("xl/worksheets/sheet1.xml", workbook.namelist())
        # a user without the platform's roles gets nothing
        self.authenticate("xlsx_employee", "xlsx_employee")
        with mute_logger("odoo.http"):
            response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 403)

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
