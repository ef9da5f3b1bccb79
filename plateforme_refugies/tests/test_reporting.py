# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError

from ..models.refugee_report_mixin import MIN_PEOPLE_PARAMETER
from .common import RefugeeCase
from .common_siae import SiaeCase
from .employer_common import EmployerCase
from .test_workshop import WorkshopCase

REPORT_MODELS = (
    "refugee.journey.report",
    "refugee.siae.placement.report",
    "refugee.workshop.report",
    "refugee.barrier.report",
    "refugee.french.progress.report",
    "refugee.prospection.report",
    "refugee.immersion.report",
    "refugee.hire.report",
)
PERSONAL_MODELS = (
    "refugee.beneficiary",
    "refugee.journey",
    "refugee.siae.placement",
    "refugee.barrier",
    "refugee.french.assessment",
    "refugee.immersion",
    "refugee.hire",
    "event.registration",
)


class ExactFiguresCase:
    """The sums of the analyses on a handful of people: readers get every
    group here (the suppression of small groups has tests of its own)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param(MIN_PEOPLE_PARAMETER, 1)


class ReportCase(ExactFiguresCase, RefugeeCase):
    """Indicators read as a reader, without flushing by hand: each analysis
    declares in ``_depends`` what it reads, so Odoo flushes it first."""

    freeze_time = RefugeeCase.reference_date

    def _read(self, model, domain, groupby, aggregates):
        """Indicators as a reader (funder) gets them from the pivot."""
        return (
            self.env[model]
            .with_user(self.reader)
            ._read_group(domain, groupby, aggregates)
        )

    def _total(self, model, domain, aggregate):
        [[value]] = self._read(model, domain, [], [aggregate])
        return value

    def _by(self, model, domain, groupby, aggregate):
        return dict(self._read(model, domain, [groupby], [aggregate]))


class JourneyReportCase(ReportCase):
    """Four journeys of known dates and outcomes on the test sites."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.ofii = Partner.create({"name": "Test OFII", "is_company": True})
        ofii_agent = Partner.create(
            {"name": "Test OFII agent", "parent_id": cls.ofii.id}
        )
        amina = cls._create_beneficiary("Amina Report")  # 35 on 2026-01-05
        bilal = cls._create_beneficiary(
            "Bilal Report", birthdate=date(2003, 1, 1), protection_type="subsidiary"
        )
        chen = cls._create_beneficiary(
            "Chen Report", site=cls.site_south, birthdate=date(1980, 1, 1)
        )
        dawit = cls._create_beneficiary("Dawit Report", birthdate=date(1995, 6, 1))
        cls.employed = cls._create_journey(
            amina,
            orienting_partner_id=ofii_agent.id,
            state="exited",
            exit_date=date(2026, 2, 4),
            exit_outcome_id=cls.outcome_cdi.id,
        )
        cls._create_journey(
            bilal,
            orientation_date=date(2026, 1, 10),
            state="exited",
            exit_date=date(2026, 2, 19),
            exit_outcome_id=cls.outcome_training.id,
        )
        cls._create_journey(
            chen,
            orientation_date=date(2026, 2, 10),
            orienting_partner_id=cls.ofii.id,
            state="exited",
            exit_date=date(2026, 2, 20),
            exit_outcome_id=cls.env.ref("plateforme_refugies.exit_outcome_moved").id,
        )
        cls.open_journey = cls._create_journey(
            dawit,
            orientation_date=date(2026, 2, 1),
            state="in_progress",
            drawer_employment=True,
        )
        cls.domain = [("site_id", "in", (cls.site_north | cls.site_south).ids)]


class TestJourneyReport(JourneyReportCase):
    def test_entries_and_exits(self):
        model = "refugee.journey.report"
        self.assertEqual(self._total(model, self.domain, "entry_count:sum"), 4)
        self.assertEqual(self._total(model, self.domain, "exit_count:sum"), 3)
        self.assertEqual(self._total(model, self.domain, "open_count:sum"), 1)
        self.assertEqual(
            self._by(model, self.domain, "site_id", "entry_count:sum"),
            {self.site_north: 3, self.site_south: 1},
        )
        self.assertEqual(
            self._by(model, self.domain, "orientation_date:month", "entry_count:sum"),
            {date(2026, 1, 1): 2, date(2026, 2, 1): 2},
        )
        self.assertEqual(
            self._by(
                model,
                self.domain + [("exit_count", "=", 1)],
                "exit_category",
                "exit_count:sum",
            ),
            {"durable": 1, "positive": 1, "other": 1},
        )

    def test_groupings_name_no_one(self):
        model = "refugee.journey.report"
        self.assertEqual(
            self._by(model, self.domain, "age_band", "entry_count:sum"),
            {"35_44": 1, "under_26": 1, "45_plus": 1, "26_34": 1},
        )
        self.assertEqual(
            self._by(model, self.domain, "protection_type", "entry_count:sum"),
            {"refugee": 3, "subsidiary": 1},
        )
        # the organisation, not its agent who sent the person
        by_partner = self._by(
            model, self.domain, "orienting_partner_id", "entry_count:sum"
        )
        self.assertEqual(by_partner[self.ofii], 2)
        self.assertEqual(
            self._by(model, self.domain, "counsellor_id", "entry_count:sum"),
            {self.counsellor_north: 3, self.counsellor_south: 1},
        )

    def test_rates_and_durations(self):
        model = "refugee.journey.report"
        exits = self.domain + [("exit_count", "=", 1)]
        # durable and positive among 3 exits, the move away is not
        self.assertAlmostEqual(
            self._total(model, exits, "successful_exit_rate:avg"), 200 / 3
        )
        # the rate holds by site, not an average of site rates
        self.assertEqual(
            self._by(model, exits, "site_id", "successful_exit_rate:avg"),
            {self.site_north: 100.0, self.site_south: 0.0},
        )
        # 30, 40 and 10 days
        self.assertAlmostEqual(self._total(model, exits, "days_in_journey:avg"), 80 / 3)
        # only the CDI is an employment: 30 days
        self.assertEqual(self._total(model, self.domain, "days_to_employment:avg"), 30)

    def test_first_hire_dates_the_employment(self):
        employer = self.env["res.partner"].create(
            {"name": "Test Employer", "is_company": True}
        )
        hire = self.env["refugee.hire"].create(
            {
                "beneficiary_id": self.open_journey.beneficiary_id.id,
                "employer_id": employer.id,
                "job_title": "Cook",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 2),
            }
        )
        hire.action_confirm()
        [[days]] = self._read(
            "refugee.journey.report",
            self.domain + [("orientation_date", "=", date(2026, 2, 1))],
            [],
            ["days_to_employment:avg"],
        )
        self.assertEqual(days, 29)

    def test_period_indicators(self):
        indicators = self.env["refugee.journey.report"]._period_indicators(
            date(2026, 2, 1), date(2026, 2, 28), self.site_north
        )
        self.assertEqual(indicators["entries"], 1)
        self.assertEqual(indicators["exits"], 2)
        self.assertEqual(indicators["open"], 1)
        self.assertEqual(indicators["successful_exit_rate"], 100.0)
        self.assertEqual(indicators["days_to_employment"], 30)
        self.assertEqual(indicators["days_in_journey"], 35)
        empty = self.env["refugee.journey.report"]._period_indicators(
            date(2025, 1, 1), date(2025, 1, 31), self.site_north
        )
        self.assertEqual((empty["entries"], empty["exits"]), (0, 0))
        self.assertIsNone(empty["successful_exit_rate"])
        self.assertIsNone(empty["days_to_employment"])


class TestSasReport(ExactFiguresCase, SiaeCase):
    freeze_time = RefugeeCase.reference_date

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._place(cls.north_journey, cls.farm, date(2026, 3, 2), date(2026, 3, 31))
        cls.garden_placement = cls._place(
            cls.north_journey, cls.garden, date(2026, 4, 1), date(2026, 4, 30)
        )
        cls._place(cls.south_journey, cls.farm, date(2026, 3, 9), date(2026, 4, 7))

    def _read(self, domain, groupby, aggregates):
        return (
            self.env["refugee.siae.placement.report"]
            .with_user(self.reader)
            ._read_group(
                domain + [("siae_id", "in", (self.farm | self.garden).ids)],
                groupby,
                aggregates,
            )
        )

    def test_placements_and_sas_length(self):
        self.assertEqual(
            dict(self._read([], ["siae_id"], ["placement_count:sum"])),
            {self.farm: 2, self.garden: 1},
        )
        [[placements, days, sas, sas_days]] = self._read(
            [],
            [],
            [
                "placement_count:sum",
                "placement_days:avg",
                "sas_count:sum",
                "sas_days:avg",
            ],
        )
        self.assertEqual((placements, days, sas), (3, 30, 2))
        # 60 days for the north SAS, 30 for the south one
        self.assertEqual(sas_days, 45)

    def test_cancelled_placement_takes_no_time(self):
        self.garden_placement.action_cancel()
        self.assertEqual(
            dict(self._read([], ["state"], ["placement_count:sum"])),
            {"planned": 2, "cancelled": 1},
        )
        [[sas_days]] = self._read([], [], ["sas_days:avg"])
        self.assertEqual(sas_days, 30)

    def test_activity_report_sas_occupancy(self):
        today = RefugeeCase.reference_date
        report = (
            self.env["refugee.dashboard.wizard"]
            .with_user(self.reader)
            .create({"date_from": today, "date_to": today})
        )
        occupancy = {line["siae"]: line for line in report._sas_occupancy_by_siae()}
        # this week the farm hosts one of its 2 places, the garden nobody
        self.assertEqual(occupancy[self.farm.display_name]["capacity"], 2)
        self.assertEqual(occupancy[self.farm.display_name]["hosted"], 1)
        self.assertEqual(occupancy[self.garden.display_name]["hosted"], 0)


class TestWorkshopReport(ExactFiguresCase, WorkshopCase):
    freeze_time = date(2026, 3, 20)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ahmad, mariam, fatouma = cls._register(cls.ahmad | cls.mariam | cls.fatouma)
        ahmad.action_mark_present()
        mariam.action_mark_absent()
        fatouma.action_mark_excused()
        cls._register(
            cls.tesfay, workshop=cls.south_workshop, user=cls.counsellor_south
        ).action_mark_present()
        cls.other_theme = cls.env.ref("plateforme_refugies.workshop_theme_digital")
        cls._create_workshop(
            "Atelier numérique",
            workshop_theme_id=cls.other_theme.id,
            date_begin=datetime(2026, 2, 20, 8, 0),
            date_end=datetime(2026, 2, 20, 11, 0),
        )
        cls.domain = [("site_id", "in", (cls.site_north | cls.site_south).ids)]

    def _read(self, domain, groupby, aggregates):
        return (
            self.env["refugee.workshop.report"]
            .with_user(self.reader)
            ._read_group(self.domain + domain, groupby, aggregates)
        )

    def test_sessions_registrations_attendance(self):
        [[sessions, registrations, present, absent, rate]] = self._read(
            [],
            [],
            [
                "session_count:sum",
                "registration_count:sum",
                "present_count:sum",
                "absent_count:sum",
                "attendance_rate:avg",
            ],
        )
        self.assertEqual((sessions, registrations, present, absent), (3, 4, 2, 1))
        # present / (present + absent), the excused absence aside
        self.assertAlmostEqual(rate, 200 / 3)
        self.assertEqual(
            dict(self._read([], ["site_id"], ["attendance_rate:avg"])),
            {self.site_north: 50.0, self.site_south: 100.0},
        )
        self.assertEqual(
            dict(self._read([], ["workshop_theme_id"], ["session_count:sum"])),
            {self.theme: 2, self.other_theme: 1},
        )

    def test_period_indicators(self):
        indicators = self.env["refugee.workshop.report"]._period_indicators(
            date(2026, 3, 1), date(2026, 3, 31), self.site_north
        )
        self.assertEqual(indicators["sessions"], 1)
        self.assertEqual(indicators["registrations"], 3)
        self.assertEqual(indicators["attendance_rate"], 50.0)
        self.assertEqual(indicators["by_theme"][0]["theme"], self.theme.display_name)
        # a workshop to come is not held yet
        later = self.env["refugee.workshop.report"]._period_indicators(
            date(2026, 3, 21), date(2026, 12, 31), self.site_north
        )
        self.assertEqual(later["sessions"], 0)
        self.assertIsNone(later["attendance_rate"])


class TestBarrierAndFrenchReports(ReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        amina = cls._create_beneficiary("Amina Report")
        bilal = cls._create_beneficiary("Bilal Report", birthdate=date(2003, 1, 1))
        journey = cls._create_journey(amina)
        cls.housing = cls.env.ref("plateforme_refugies.barrier_type_housing")
        cls.mobility = cls.env.ref("plateforme_refugies.barrier_type_mobility")
        association = cls.env["res.partner"].create(
            {"name": "Test Association", "is_company": True}
        )
        cls.env["refugee.barrier"].create(
            [
                {
                    "journey_id": journey.id,
                    "barrier_type_id": cls.housing.id,
                    "state": "lifted",
                    "identified_date": date(2026, 1, 10),
                    "handled_date": date(2026, 1, 20),
                    "lifted_date": date(2026, 2, 15),
                },
                {
                    "journey_id": journey.id,
                    "barrier_type_id": cls.mobility.id,
                    "state": "referred",
                    "partner_id": association.id,
                    "identified_date": date(2026, 2, 5),
                    "referred_date": date(2026, 2, 10),
                },
            ]
        )
        Assessment = cls.env["refugee.french.assessment"]
        Assessment.create(
            [
                {
                    "beneficiary_id": amina.id,
                    "date": date(2026, 1, 10),
                    "oral_comprehension": "a1",
                    "oral_production": "pre_a1",
                },
                {
                    "beneficiary_id": amina.id,
                    "date": date(2026, 2, 20),
                    "assessment_context": "mid_training",
                    "oral_comprehension": "a2",
                },
                {
                    "beneficiary_id": bilal.id,
                    "date": date(2026, 2, 1),
                    "oral_comprehension": "b1",
                },
            ]
        )
        cls.domain = [("site_id", "=", cls.site_north.id)]

    def test_barriers_per_status_reached(self):
        counts = {
            (barrier_type, step): count
            for barrier_type, step, count in self._read(
                "refugee.barrier.report",
                self.domain,
                ["barrier_type_id", "step"],
                ["barrier_count:sum"],
            )
        }
        self.assertEqual(
            counts,
            {
                (self.housing, "identified"): 1,
                (self.housing, "in_house"): 1,
                (self.housing, "lifted"): 1,
                (self.mobility, "identified"): 1,
                (self.mobility, "referred"): 1,
            },
        )
        # in February: the mobility barrier identified and referred, the
        # housing one lifted
        february = self.env["refugee.barrier.report"]._period_indicators(
            date(2026, 2, 1), date(2026, 2, 28), self.site_north
        )
        self.assertEqual(
            february["by_type"],
            [
                {
                    "barrier": self.housing.display_name,
                    "identified": 0,
                    "in_house": 0,
                    "referred": 0,
                    "lifted": 1,
                },
                {
                    "barrier": self.mobility.display_name,
                    "identified": 1,
                    "in_house": 0,
                    "referred": 1,
                    "lifted": 0,
                },
            ],
        )

    def test_french_levels_at_entry_and_latest(self):
        model = "refugee.french.progress.report"
        rows = {
            skill: (count, progressed, gained, rate)
            for skill, count, progressed, gained, rate in self._read(
                model,
                self.domain,
                ["skill"],
                [
                    "beneficiary_count:sum",
                    "progressed_count:sum",
                    "levels_gained:avg",
                    "progress_rate:avg",
                ],
            )
        }
        self.assertEqual(
            rows,
            {
                "oral_comprehension": (2, 1, 0.5, 50.0),
                "oral_production": (1, 0, 0.0, 0.0),
            },
        )
        comprehension = self.domain + [("skill", "=", "oral_comprehension")]
        self.assertEqual(
            self._by(model, comprehension, "entry_level", "beneficiary_count:sum"),
            {"a1": 1, "b1": 1},
        )
        self.assertEqual(
            self._by(model, comprehension, "latest_level", "beneficiary_count:sum"),
            {"a2": 1, "b1": 1},
        )


class TestEmployerReports(ExactFiguresCase, EmployerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls._create_immersion(
            state="done", assessment_result="good", hire_prospect="yes"
        )
        cls._create_immersion(
            beneficiary=cls.south_file,
            objective="recruit",
            state="abandoned",
            stop_reason="Moved away",
        )
        cls._create_immersion(
            beneficiary=cls.south_file,
            employer=cls.other_employer,
            objective="recruit",
            state="signed",
        )
        Hire = cls.env["refugee.hire"]
        cls.hire = Hire.create(
            {
                "beneficiary_id": cls.north_file.id,
                "employer_id": cls.employer.id,
                "immersion_id": cls.done.id,
                "job_title": "Ouvrier maraîcher",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 2),
            }
        )
        cls.hire.action_confirm()
        south_hire = Hire.create(
            {
                "beneficiary_id": cls.south_file.id,
                "employer_id": cls.other_employer.id,
                "job_title": "Commis",
                "contract_type": "cdd",
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 5, 31),
            }
        )
        south_hire.action_confirm()
        for hire, employed in ((cls.hire, "yes"), (south_hire, "no")):
            follow_up = hire.follow_up_ids.filtered(lambda f: f.milestone == "1")
            follow_up.still_employed = employed
            follow_up.action_record()
        cls.domain = [("site_id", "in", (cls.site_north | cls.site_south).ids)]

    def _read(self, model, domain, groupby, aggregates):
        return (
            self.env[model]
            .with_user(self.reader)
            ._read_group(self.domain + domain, groupby, aggregates)
        )

    def test_immersions_and_conversion(self):
        model = "refugee.immersion.report"
        self.assertEqual(
            dict(self._read(model, [], ["objective"], ["immersion_count:sum"])),
            {"discover": 1, "recruit": 2},
        )
        # one hire out of the two ended immersions; the signed one is not over
        [[hired, rate]] = self._read(
            model, [], [], ["hired_count:sum", "hire_rate:avg"]
        )
        self.assertEqual((hired, rate), (1, 50.0))
        self.assertEqual(
            dict(self._read(model, [], ["state"], ["immersion_count:sum"])),
            {"done": 1, "abandoned": 1, "signed": 1},
        )
        # readers group by the employer, a company
        self.assertEqual(
            dict(self._read(model, [], ["employer_id"], ["immersion_count:sum"])),
            {self.employer: 2, self.other_employer: 1},
        )

    def test_hires_and_follow_up(self):
        model = "refugee.hire.report"
        self.assertEqual(
            dict(self._read(model, [], ["contract_type"], ["hire_count:sum"])),
            {"cdi": 1, "cdd": 1},
        )
        [[employed_1m, employed_3m]] = self._read(
            model, [], [], ["employed_1m:avg", "employed_3m:avg"]
        )
        self.assertEqual(employed_1m, 50.0)
        # no follow-up at 3 months recorded yet: no figure
        self.assertIs(employed_3m, False)

    def test_prospection_per_stage_and_sector(self):
        team = self.env.ref("plateforme_refugies.crm_team_prospection")
        identified = self.env.ref("plateforme_refugies.crm_stage_identified")
        agreement = self.env.ref("plateforme_refugies.crm_stage_agreement")
        market_gardening, catering = self.env["refugee.sector"].create(
            [{"name": "Test market gardening"}, {"name": "Test catering"}]
        )
        self.env["crm.lead"].create(
            [
                {
                    "name": "Test lead farm",
                    "type": "opportunity",
                    "team_id": team.id,
                    "stage_id": identified.id,
                    "employer_sector_id": market_gardening.id,
                    "positions_offered": 2,
                },
                {
                    "name": "Test lead restaurant",
                    "type": "opportunity",
                    "team_id": team.id,
                    "stage_id": agreement.id,
                    "partner_id": self.other_employer.id,
                    "employer_sector_id": catering.id,
                    "positions_offered": 3,
                },
            ]
        )
        rows = (
            self.env["refugee.prospection.report"]
            .with_user(self.reader)
            ._read_group(
                [("employer_sector_id", "in", (market_gardening | catering).ids)],
                ["stage_id", "employer_sector_id"],
                ["opportunity_count:sum", "positions_offered:sum"],
            )
        )
        self.assertEqual(
            rows,
            [
                (identified, market_gardening, 1, 2),
                (agreement, catering, 1, 3),
            ],
        )


class TestReportingAccess(ReportCase):
    def test_report_rows_name_no_one(self):
        for model in REPORT_MODELS:
            for name, field in self.env[model]._fields.items():
                with self.subTest(model=model, field=name):
                    self.assertNotIn(field.comodel_name, PERSONAL_MODELS)
                    self.assertNotIn(name, ("name", "partner_id", "beneficiary_id"))

    def test_reader_reads_reports_not_records(self):
        beneficiary = self._create_beneficiary("Amina Report")
        journey = self._create_journey(beneficiary)
        for model in REPORT_MODELS:
            with self.subTest(model=model):
                Report = self.env[model].with_user(self.reader)
                Report.read_group([], [], [])
                Report.search([], limit=1).read()
        for model in PERSONAL_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.reader).search([], limit=1)
        with self.assertRaises(AccessError):
            journey.with_user(self.reader).read(["beneficiary_id"])

    def test_reader_exports_the_analyses(self):
        # exporting lists is Odoo's own right, granted user by user
        self.reader.groups_id += self.env.ref("base.group_allow_export")
        beneficiary = self._create_beneficiary("Amina Report")
        self._create_journey(beneficiary, state="in_progress")
        Report = self.env["refugee.journey.report"].with_user(self.reader)
        rows = Report.search([("site_id", "=", self.site_north.id)])
        exported = rows.export_data(
            ["orientation_date", "site_id", "age_band", "entry_count"]
        )["datas"]
        self.assertEqual(exported, [[date(2026, 1, 5), "Test North", "35 to 44", 1]])

    def test_reporting_menu_for_readers(self):
        menu = self.env.ref("plateforme_refugies.menu_reporting")
        reader_menus = self.env["ir.ui.menu"].with_user(self.reader)._visible_menu_ids()
        self.assertIn(menu.id, reader_menus)
        self.assertIn(
            self.env.ref("plateforme_refugies.refugee_journey_report_menu").id,
            reader_menus,
        )
        for menu_xmlid in ("menu_people", "menu_journeys", "menu_sas"):
            self.assertNotIn(
                self.env.ref(f"plateforme_refugies.{menu_xmlid}").id, reader_menus
            )


class TestDashboardAndActivityReport(JourneyReportCase):
    """The dashboard and the activity report read the same indicators."""

    def _dashboard(self, user, **values):
        return (
            self.env["refugee.dashboard.wizard"]
            .with_user(user)
            .create(
                {
                    "date_from": date(2026, 2, 1),
                    "date_to": date(2026, 2, 28),
                    "site_ids": [Command.set(self.site_north.ids)],
                    **values,
                }
            )
        )

    def test_report_of_the_month(self):
        report = (
            self.env["refugee.dashboard.wizard"].with_user(self.coordinator).create({})
        )
        self.assertEqual(report.date_from, date(2026, 3, 1))
        self.assertEqual(report.date_to, date(2026, 3, 31))
        journeys = self._dashboard(self.coordinator)._activity_indicators()["journeys"]
        self.assertEqual(journeys["entries"], 1)
        self.assertEqual(journeys["exits"], 2)
        self.assertEqual(journeys["open"], 1)
        self.assertEqual(journeys["successful_exit_rate"], 100.0)

    def test_reader_gets_the_same_figures(self):
        journeys = self._dashboard(self.reader)._activity_indicators()["journeys"]
        self.assertEqual(journeys["exits"], 2)

    def _render(self, dashboard):
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "plateforme_refugies.refugee_activity_report_action", dashboard.ids
        )
        return html.decode()

    def test_activity_report_with_data(self):
        html = self._render(self._dashboard(self.reader))
        self.assertIn("Activity report", html)
        self.assertIn("Test North", html)
        self.assertIn(self.outcome_cdi.name, html)
        self.assertIn("100.0\xa0%", html)
        self.assertNotIn("No exit in this period.", html)
        for person in ("Amina Report", "Bilal Report", "Dawit Report"):
            self.assertNotIn(person, html)

    def test_activity_report_without_data(self):
        html = self._render(
            self._dashboard(
                self.reader, date_from=date(2025, 1, 1), date_to=date(2025, 1, 31)
            )
        )
        self.assertIn("No exit in this period.", html)
        self.assertIn("No workshop held in this period.", html)
        self.assertIn("No SIAE placement started in this period.", html)
        self.assertIn("No hire in this period.", html)
        self.assertIn("No French assessment in this period.", html)

    def test_print_action(self):
        action = self._dashboard(self.coordinator).action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "plateforme_refugies.refugee_activity_report"
        )
