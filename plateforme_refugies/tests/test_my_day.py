# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import RefugeeCase, RefugeeTourCase

# "Ma journée" of a counsellor: a fixed number of queries per section,
# whatever the size of the caseload
MY_DAY_QUERIES = 31


@freeze_time("2026-03-04 08:00:00")  # a Wednesday
class TestMyDay(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor_north.tz = "Europe/Paris"
        cls.amina = cls._create_beneficiary("Amina Diallo")
        cls.journey = cls._create_journey(
            cls.amina,
            state="in_progress",
            orientation_date=date(2026, 2, 20),
            drawer_sas=True,
        )
        cls.karim = cls._create_beneficiary("Karim Haidari")
        cls.silent = cls._create_journey(
            cls.karim, state="in_progress", orientation_date=date(2025, 11, 3)
        )
        cls.south = cls._create_journey(
            cls._create_beneficiary("Sami Sud", site=cls.site_south),
            orientation_date=date(2025, 11, 3),
        )

    def _my_day(self, user=None):
        day = (
            self.env["refugee.my.day"]
            .with_user(user or self.counsellor_north)
            .get_my_day()
        )
        return {section["key"]: section for section in day["sections"]}

    def test_counsellors_and_coordinators_land_on_my_day(self):
        action = self.env.ref("plateforme_refugies.refugee_my_day_action")
        self.assertEqual(self.counsellor_north.action_id.id, action.id)
        self.assertEqual(self.coordinator.action_id.id, action.id)
        self.assertFalse(self.reader.action_id)
        self.assertFalse(self.internal_user.action_id)
        # a user who becomes counsellor gets it too, a chosen home stays
        self.internal_user.groups_id = [
            Command.link(self.env.ref("plateforme_refugies.group_counsellor").id)
        ]
        self.assertEqual(self.internal_user.action_id.id, action.id)
        other = self.env.ref("base.action_res_users")
        chosen = new_test_user(
            self.env,
            "test_cip_home",
            groups="base.group_user,plateforme_refugies.group_counsellor",
            action_id=other.id,
        )
        self.assertEqual(chosen.action_id.id, other.id)
        # the first menu of the app
        menus = (
            self.env.ref("plateforme_refugies.menu_root")
            .with_context(**{"ir.ui.menu.full_list": True})
            .child_id
        )
        first = menus.sorted(lambda menu: (menu.sequence, menu.id))[:1]
        self.assertEqual(first, self.env.ref("plateforme_refugies.refugee_my_day_menu"))
        self.assertEqual(first.action.id, action.id)

    def test_interviews_and_workshops_of_the_week(self):
        Interview = self.env["refugee.interview"].with_user(self.counsellor_north)
        today = Interview.create(
            {"journey_id": self.journey.id, "date": datetime(2026, 3, 4, 13, 30)}
        )
        friday = Interview.create(
            {"journey_id": self.silent.id, "date": datetime(2026, 3, 6, 8, 0)}
        )
        # last week and next week are not this week
        Interview.create(
            {"journey_id": self.journey.id, "date": datetime(2026, 3, 2, 8, 0)}
        )
        Interview.create(
            {"journey_id": self.journey.id, "date": datetime(2026, 3, 9, 8, 0)}
        )
        workshop = self.env["event.event"].create(
            {
                "name": "Atelier CV",
                "is_workshop": True,
                "workshop_theme_id": self.env["refugee.workshop.theme"]
                .search([], limit=1)
                .id,
                "site_id": self.site_north.id,
                "date_begin": datetime(2026, 3, 5, 8, 0),
                "date_end": datetime(2026, 3, 5, 10, 0),
            }
        )
        self.env["event.registration"].create(
            {"event_id": workshop.id, "beneficiary_id": self.amina.id}
        )
        sections = self._my_day()
        interviews = sections["interviews"]
        self.assertEqual(interviews["count"], 2)
        self.assertEqual(
            [(line["res_id"], line["name"]) for line in interviews["lines"]],
            [(today.id, "Amina Diallo"), (friday.id, "Karim Haidari")],
        )
        self.assertEqual(interviews["lines"][0]["badge"], "today")
        # 13:30 UTC is 14:30 in Blois, no seconds
        self.assertRegex(interviews["lines"][0]["when"], r"14:30$")
        workshops = sections["workshops"]
        self.assertEqual(workshops["count"], 1)
        self.assertEqual(workshops["lines"][0]["res_id"], workshop.id)
        self.assertEqual(workshops["lines"][0]["detail"], "Amina Diallo")
        # the other counsellor has none of them
        other = self._my_day(self.counsellor_south)
        self.assertEqual(other["interviews"]["count"], 0)
        self.assertEqual(other["workshops"]["count"], 0)

    def test_deadlines_activities_silent_files_and_sas_steps(self):
        self.env["refugee.deadline"].with_context(
            tracking_disable=True
        )._cron_create_deadlines()
        sections = self._my_day()
        deadlines = sections["deadlines"]
        # Karim's journey: no interview since November
        self.assertEqual(
            [line["res_id"] for line in deadlines["lines"]], [self.silent.id]
        )
        self.assertEqual(deadlines["lines"][0]["badge"], "late")
        self.assertEqual(deadlines["late_count"], 1)
        silent = sections["silent_journeys"]
        self.assertEqual([line["res_id"] for line in silent["lines"]], [self.silent.id])
        self.assertIn("6", silent["title"])
        # the deadline's own activity is not listed twice
        self.assertEqual(sections["activities"]["count"], 0)
        self.amina.with_user(self.counsellor_north).activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=date(2026, 3, 3),
            summary="Appeler le CADA",
            user_id=self.counsellor_north.id,
        )
        siae = self.env["res.partner"].create(
            {
                "name": "Jardins de Cocagne",
                "is_company": True,
                "is_siae": True,
                "is_sas_partner": True,
            }
        )
        placement = self.env["refugee.siae.placement"].create(
            {
                "journey_id": self.journey.id,
                "siae_id": siae.id,
                "is_sas": True,
                "date_start": date(2026, 3, 4),
                "date_end": date(2026, 4, 3),
            }
        )
        sections = self._my_day()
        activities = sections["activities"]
        self.assertEqual(activities["lines"][0]["name"], "Appeler le CADA")
        self.assertEqual(activities["lines"][0]["res_id"], self.amina.id)
        self.assertEqual(activities["lines"][0]["badge"], "late")
        sas = sections["sas_steps"]
        self.assertEqual([line["res_id"] for line in sas["lines"]], [placement.id])
        self.assertEqual(sas["lines"][0]["badge"], "today")
        self.assertNotIn("validation", sections)
        self.assertIn("validation", self._my_day(self.coordinator))

    def test_partner_submissions(self):
        siae = self.env["res.partner"].create(
            {"name": "Val de Loire Insertion", "is_company": True, "is_siae": True}
        )
        supervisor = new_test_user(
            self.env,
            "test_supervisor_my_day",
            groups="base.group_portal",
            name="Claire Martin",
        )
        supervisor.partner_id.parent_id = siae
        placement = self.env["refugee.siae.placement"].create(
            {
                "journey_id": self.journey.id,
                "siae_id": siae.id,
                "date_start": date(2026, 2, 2),
                "date_end": date(2026, 3, 27),
            }
        )
        placement.action_start()
        self.env["refugee.placement.attendance"].create(
            {
                "placement_id": placement.id,
                "week_start": date(2026, 2, 23),
                "hours_worked": 26,
                "recorded_by_id": supervisor.partner_id.id,
            }
        )
        # what the counsellor records is no partner submission
        self.env["refugee.placement.attendance"].create(
            {
                "placement_id": placement.id,
                "week_start": date(2026, 2, 16),
                "hours_worked": 26,
                "recorded_by_id": self.counsellor_north.partner_id.id,
            }
        )
        submissions = self._my_day()["submissions"]
        self.assertEqual(submissions["count"], 1)
        self.assertEqual(submissions["lines"][0]["res_id"], placement.id)
        self.assertEqual(submissions["lines"][0]["name"], "Amina Diallo")

    def _convoke(self, person, day, presence):
        return self.env["refugee.convocation"].create(
            {
                "beneficiary_id": person.id,
                "date_start": datetime.combine(day, time(9, 0)),
                "state": "sent",
                "presence": presence,
            }
        )

    def test_people_who_miss_their_appointments(self):
        # Amina: two unexcused absences in a row, an excused one between
        self._convoke(self.amina, date(2026, 2, 2), "present")
        self._convoke(self.amina, date(2026, 2, 9), "present")
        self._convoke(self.amina, date(2026, 2, 16), "present")
        self._convoke(self.amina, date(2026, 2, 20), "absent")
        self._convoke(self.amina, date(2026, 2, 23), "excused")
        self._convoke(self.amina, date(2026, 3, 2), "absent")
        # Karim: one absence in three appointments, above the 30 % of the setting
        self._convoke(self.karim, date(2026, 2, 10), "absent")
        self._convoke(self.karim, date(2026, 2, 17), "present")
        self._convoke(self.karim, date(2026, 2, 24), "present")
        # below the setting, another counsellor's, a closed journey: not mine
        fatou = self._create_beneficiary("Fatou Camara")
        self._create_journey(fatou, state="in_progress")
        for day, presence in (
            (date(2026, 2, 3), "absent"),
            (date(2026, 2, 10), "present"),
            (date(2026, 2, 17), "present"),
            (date(2026, 2, 24), "present"),
        ):
            self._convoke(fatou, day, presence)
        self._convoke(self.south.beneficiary_id, date(2026, 2, 24), "absent")
        self._convoke(self.south.beneficiary_id, date(2026, 3, 2), "absent")
        closed = self._create_beneficiary("Omar Closed")
        self._create_journey(
            closed,
            state="closed",
            exit_date=date(2026, 2, 27),
            exit_outcome_id=self.outcome_cdi.id,
        )
        self._convoke(closed, date(2026, 2, 24), "absent")
        self._convoke(closed, date(2026, 3, 2), "absent")
        no_shows = self._my_day()["no_shows"]
        self.assertEqual(no_shows["count"], 2)
        self.assertEqual(
            [(line["res_model"], line["res_id"]) for line in no_shows["lines"]],
            [
                ("refugee.beneficiary", self.amina.id),
                ("refugee.beneficiary", self.karim.id),
            ],
        )
        self.assertEqual(
            no_shows["lines"][0]["detail"], "Two unexcused absences in a row"
        )
        self.assertEqual(no_shows["lines"][1]["detail"], "No-show rate: 33 %")
        self.assertRegex(no_shows["lines"][1]["when"], r"10 Feb")
        # the counter opens the same people
        self.assertEqual(
            self.env["refugee.beneficiary"]
            .with_user(self.counsellor_north)
            .search(no_shows["domain"]),
            self.amina | self.karim,
        )
        self.assertEqual(self._my_day(self.counsellor_south)["no_shows"]["count"], 1)
        # a higher setting: Karim is no longer listed
        self.env["ir.config_parameter"].set_param(
            "plateforme_refugies.no_show_threshold", "40"
        )
        no_shows = self._my_day()["no_shows"]
        self.assertEqual(
            [line["res_id"] for line in no_shows["lines"]], [self.amina.id]
        )


@tagged("is_query_count")
@freeze_time("2026-03-04 08:00:00")
class TestMyDayQueryBudget(RefugeeCase):
    """ "Ma journée" costs the same on a caseload of 200 files as on 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Beneficiary = cls.env["refugee.beneficiary"]
        people = Beneficiary.create(
            [
                {
                    "name": f"Personne Charge {index}",
                    "birthdate": date(1980, 1, 1) + timedelta(days=index),
                    "site_id": cls.site_north.id,
                    "counsellor_id": cls.counsellor_north.id,
                }
                for index in range(200)
            ]
        )
        journeys = cls.env["refugee.journey"].create(
            [
                {
                    "beneficiary_id": person.id,
                    "state": "in_progress",
                    "orientation_date": date(2025, 10, 1),
                }
                for person in people
            ]
        )
        cls.env["refugee.interview"].create(
            [
                {
                    "journey_id": journey.id,
                    "counsellor_id": cls.counsellor_north.id,
                    "date": datetime(2026, 3, 4 + index % 4, 9, 0),
                }
                for index, journey in enumerate(journeys[:100])
            ]
        )
        # 50 people missed their last two appointments
        cls.env["refugee.convocation"].create(
            [
                {
                    "beneficiary_id": person.id,
                    "date_start": datetime(2026, 2, day, 9, 0),
                    "state": "sent",
                    "presence": "absent",
                }
                for person in people[100:150]
                for day in (23, 24)
            ]
        )
        cls.env["refugee.deadline"]._cron_create_deadlines()

    def test_my_day_query_budget(self):
        MyDay = self.env["refugee.my.day"].with_user(self.counsellor_north)
        MyDay.get_my_day()  # warm the caches (access rights, rules, views)
        self.env.invalidate_all()
        with self.assertQueryCount(MY_DAY_QUERIES):
            day = MyDay.get_my_day()
        sections = {section["key"]: section for section in day["sections"]}
        self.assertEqual(sections["interviews"]["count"], 100)
        self.assertEqual(sections["silent_journeys"]["count"], 100)
        self.assertEqual(len(sections["interviews"]["lines"]), 8)
        self.assertEqual(sections["no_shows"]["count"], 50)
        self.assertEqual(len(sections["no_shows"]["lines"]), 8)


@tagged("post_install", "-at_install")
class TestMyDayTour(RefugeeTourCase):
    def _prepare(self, login, role):
        site, user = self._site_with_user(
            "Tour Journée", "TJ" + login[-3:].upper(), login, "Tour Journée", role
        )
        person = self.env["refugee.beneficiary"].create(
            {
                "name": "Mariam Tour-Journée",
                "birthdate": "1991-02-03",
                "site_id": site.id,
                "counsellor_id": user.id,
            }
        )
        journey = self.env["refugee.journey"].create(
            {"beneficiary_id": person.id, "state": "in_progress"}
        )
        interview = self.env["refugee.interview"].create(
            {
                "journey_id": journey.id,
                "counsellor_id": user.id,
                "date": datetime.combine(date.today(), time(12, 0)),
            }
        )
        # she missed her last two appointments
        self.env["refugee.convocation"].create(
            [
                {
                    "beneficiary_id": person.id,
                    "date_start": datetime.combine(
                        date.today() - timedelta(days=days), time(9, 0)
                    ),
                    "state": "sent",
                    "presence": "absent",
                }
                for days in (14, 7)
            ]
        )
        return interview

    def test_counsellor_opens_an_interview_of_the_day(self):
        self._prepare("tour_day_cip", "group_counsellor")
        self.start_tour(
            "/odoo", "plateforme_refugies_my_day_tour", login="tour_day_cip"
        )

    def test_my_day_is_served_on_a_read_only_cursor(self):
        """Ma journée writes nothing: the call of the web client is served on
        a read-only cursor (the read replica in production), without the
        retry on the primary that Odoo logs as a WARNING."""
        self._prepare("tour_day_ro", "group_counsellor")
        MyDay = self.registry["refugee.my.day"]
        period = MyDay._my_day_period
        cursors = []

        def spy(model):
            cursors.append(model.env.cr.readonly)
            return period(model)

        self.authenticate("tour_day_ro", "tour_day_ro")
        with (
            patch.object(MyDay, "_my_day_period", spy),
            self.assertNoLogs("odoo", "WARNING"),
        ):
            day = self.make_jsonrpc_request(
                "/web/dataset/call_kw/refugee.my.day/get_my_day",
                {
                    "model": "refugee.my.day",
                    "method": "get_my_day",
                    "args": [],
                    "kwargs": {},
                },
            )
        self.assertEqual(cursors, [True])
        sections = {section["key"]: section for section in day["sections"]}
        self.assertEqual(sections["interviews"]["count"], 1)
        self.assertIn("Mariam Tour-Journée", sections["interviews"]["lines"][0]["name"])

    def test_coordinator_opens_an_interview_of_the_day(self):
        self._prepare("tour_day_coo", "group_coordinator")
        self.start_tour(
            "/odoo", "plateforme_refugies_my_day_coordinator_tour", login="tour_day_coo"
        )


class TestMenusForTheRole(RefugeeCase):
    def _top_menus(self, user):
        Menu = self.env["ir.ui.menu"].with_user(user)
        visible = Menu.browse(Menu._visible_menu_ids())
        root = self.env.ref("plateforme_refugies.menu_root").with_context(
            **{"ir.ui.menu.full_list": True}
        )
        return (root.child_id & visible).sorted(lambda menu: (menu.sequence, menu.id))

    def test_menus_regrouped_by_role_without_duplicates(self):
        self.assertEqual(
            self._top_menus(self.counsellor_north).mapped("name"),
            [
                "My day",
                "People",
                "Journeys",
                "Workshops",
                "SAS IAE",
                "Employers",
                "Partners",
                "Steering",
            ],
        )
        self.assertEqual(
            self._top_menus(self.coordinator).mapped("name")[-1], "Configuration"
        )
        self.assertEqual(self._top_menus(self.reader).mapped("name"), ["Steering"])
        menus = (
            self.env["ir.ui.menu"]
            .with_context(**{"ir.ui.menu.full_list": True})
            .search(
                [("id", "child_of", self.env.ref("plateforme_refugies.menu_root").id)]
            )
        )
        actions = [str(menu.action) for menu in menus if menu.action]
        self.assertEqual(len(actions), len(set(actions)), "an action in two menus")

    def test_counsellors_see_only_the_prospection_stages(self):
        team = self.env.ref("plateforme_refugies.crm_team_prospection")
        self.assertEqual(self.counsellor_north.sale_team_id, team)
        self.assertEqual(self.coordinator.sale_team_id, team)
        self.assertFalse(self.reader.sale_team_id)
        # Odoo's pipeline opens on the user's team: its stages only
        Lead = (
            self.env["crm.lead"]
            .with_user(self.counsellor_north)
            .with_context(default_team_id=self.counsellor_north.sale_team_id.id)
        )
        stages = Lead._read_group_stage_ids(self.env["crm.stage"], [])
        self.assertTrue(stages)
        self.assertEqual(stages.team_id, team)

    def test_odoo_crm_app_only_for_coordinators_and_sales_managers(self):
        crm_app = self.env.ref("crm.crm_menu_root")
        prospection = self.env.ref("plateforme_refugies.crm_lead_menu_prospection")
        sales_manager = new_test_user(
            self.env,
            "test_sales_manager",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        for user, sees_crm_app, sees_prospection in (
            (self.counsellor_north, False, True),
            (self.coordinator, True, True),
            (self.reader, False, False),
            (sales_manager, True, False),
        ):
            with self.subTest(user=user.login):
                Menu = self.env["ir.ui.menu"].with_user(user)
                visible = Menu._visible_menu_ids()
                self.assertEqual(crm_app.id in visible, sees_crm_app)
                # the web client's menus: the apps, and what each one opens
                menus = Menu.load_menus(debug=False)
                self.assertEqual(crm_app.id in menus["root"]["children"], sees_crm_app)
                self.assertEqual(prospection.id in menus, sees_prospection)
