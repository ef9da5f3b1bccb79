# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .common import RefugeeCase

# Every personal value of the test file contains one of these
MARKERS = "quirkfeld|xylomarche|611223344|xymark"


class TestAnonymisation(RefugeeCase):
    """Retention and anonymisation: nobody can be identified any more, and
    every report keeps its counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.siae = cls.env["res.partner"].create(
            {
                "name": "Test Anonymisation Farm",
                "is_company": True,
                "is_siae": True,
                "siae_type": "aci",
                "siae_capacity": 2,
                "is_sas_partner": True,
            }
        )
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Test CV workshop",
                "is_workshop": True,
                "workshop_theme_id": cls.env.ref(
                    "plateforme_refugies.workshop_theme_job_search"
                ).id,
                "site_id": cls.site_north.id,
                "date_begin": datetime(2026, 1, 20, 8, 0),
                "date_end": datetime(2026, 1, 20, 11, 0),
            }
        )
        cls.employer = cls.env["res.partner"].create(
            {
                "name": "Test Anonymisation Restaurant",
                "is_company": True,
                "is_partner_employer": True,
            }
        )
        cls.person = cls._create_person("Zenobia Quirkfeld")
        hire = cls.env["refugee.hire"].create(
            {
                "beneficiary_id": cls.person.id,
                "employer_id": cls.employer.id,
                "job_title": "Commis de cuisine",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 2),
            }
        )
        hire.action_confirm()
        hire.follow_up_ids[:1].notes = "xymark follow-up"
        cls.other = cls._create_person("Ahmad Rahimi", marked=False)

    @classmethod
    def _create_person(cls, name, marked=True):
        mark = "xymark" if marked else "note"
        person = cls._create_beneficiary(
            name,
            gender="female",
            nationality_id=cls.env.ref("base.af").id,
            phone="06 11 22 33 44" if marked else False,
            email="z.quirkfeld@example.com" if marked else False,
            street="7 impasse Xylomarche" if marked else False,
            city="Blois",
            zip="41000",
            health_constraints=f"{mark} asthme",
            disability_recognised=True,
            confidential_notes=f"{mark} confidential",
            qualifications=f"{mark} diplôme",
            experience=f"{mark} expérience",
            mobility_notes=f"{mark} mobilité",
            wished_jobs=f"{mark} maraîchage",
            france_travail_ref=f"{mark}FT",
            pass_iae_number=f"{mark}PASS",
        )
        journey = cls._create_journey(
            person,
            state="in_progress",
            start_date=date(2026, 1, 12),
            drawer_sas=True,
            orientation_notes=f"{mark} orientation",
        )
        cls.env["refugee.siae.placement"].create(
            {
                "journey_id": journey.id,
                "siae_id": cls.siae.id,
                "date_start": date(2026, 2, 2),
                "date_end": date(2026, 2, 27),
                "is_sas": True,
                "state": "done",
                "evaluation_comment": f"{mark} évaluation",
            }
        )
        cls.env["refugee.french.assessment"].create(
            {
                "beneficiary_id": person.id,
                "date": date(2026, 1, 15),
                "oral_comprehension": "a1",
                "oral_production": "pre_a1",
                "notes": f"{mark} positionnement",
            }
        )
        cls.env["event.registration"].create(
            {
                "event_id": cls.workshop.id,
                "beneficiary_id": person.id,
                "attendance": "present",
            }
        )
        with freeze_time("2026-02-02"):
            immersion = cls.env["refugee.immersion"].create(
                {
                    "beneficiary_id": person.id,
                    "employer_id": cls.employer.id,
                    "objective": "discover",
                    "date_start": date(2026, 2, 2),
                    "schedule": f"{mark} horaires",
                }
            )
        cls.env["refugee.immersion.visit"].create(
            {"immersion_id": immersion.id, "notes": f"{mark} visite"}
        )
        interview = cls.env["refugee.interview"].create(
            {
                "journey_id": journey.id,
                "date": datetime(2026, 1, 22, 10, 0),
                "achieved": f"<p>{mark} achieved</p>",
                "next_steps": f"<p>{mark} next</p>",
            }
        )
        interview.action_schedule_in_calendar()
        cls.env["refugee.barrier"].create(
            {
                "journey_id": journey.id,
                "barrier_type_id": cls.env.ref(
                    "plateforme_refugies.barrier_type_housing"
                ).id,
                "state": "lifted",
                "lifted_date": date(2026, 2, 10),
                "notes": f"{mark} logement",
            }
        )
        cls.env["refugee.consent"].create(
            {
                "beneficiary_id": person.id,
                "partner_type_id": cls.env.ref(
                    "plateforme_refugies.partner_type_siae"
                ).id,
                "given_on": date(2026, 1, 12),
            }
        )
        person.message_post(
            body=f"{mark} message",
            attachments=[(f"{mark}-cv.txt", b"CV")],
            message_type="comment",
        )
        journey.message_post(body=f"{mark} journey message")
        person.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=f"{mark} call",
            note=f"{mark} activity",
            user_id=cls.counsellor_north.id,
        )
        cls.env["ir.attachment"].create(
            {
                "name": f"{mark}-id.pdf",
                "res_model": "refugee.journey",
                "res_id": journey.id,
                "datas": base64.b64encode(b"ID"),
            }
        )
        return person

    def _report_counts(self):
        """What the reports show: every report model, plus grouped counts."""
        env = self.env(context=dict(self.env.context, active_test=False))
        counts = {}
        for model_name in sorted(env.registry):
            Model = env[model_name]
            if (
                model_name.startswith("refugee.")
                and not Model._abstract
                and (Model._table_query or not Model._auto)
            ):
                counts[model_name] = Model._read_group([], [], ["__count"])
        groupings = {
            "refugee.beneficiary": [
                "site_id",
                "gender",
                "nationality_id",
                "protection_type",
                "birthdate:year",
            ],
            "refugee.journey": ["site_id", "state", "exit_category"],
            "refugee.siae.placement": ["siae_id", "state"],
            "refugee.barrier": ["barrier_type_id", "state", "is_lifted"],
            "refugee.french.assessment": ["site_id", "oral_comprehension"],
            "event.registration": ["event_id", "attendance", "state"],
            "refugee.interview": ["site_id"],
            "refugee.consent": ["partner_type_id", "state"],
            "refugee.siae.occupancy.report": ["siae_id", "week:day"],
            "refugee.french.level.report": ["site_id", "skill", "level"],
            "refugee.journey.report": [
                "site_id",
                "age_band",
                "protection_type",
                "exit_category",
            ],
        }
        for model_name, groupby in groupings.items():
            counts[model_name, "grouped"] = env[model_name]._read_group(
                [], groupby, ["__count"]
            )
        counts["under_26"] = env["refugee.beneficiary"].search_count(
            [("is_under_26", "=", True)]
        )
        counts["seats"] = self.workshop.seats_taken
        counts["occupancy"] = env["refugee.siae.occupancy.report"]._read_group(
            [("siae_id", "=", self.siae.id)], ["week:day"], ["hosted:max"]
        )
        return counts

    def _find_markers(self):
        """Tables and columns of the database that still hold a marker."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT c.table_name, array_agg(c.column_name::text)
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_name = c.table_name AND t.table_schema = c.table_schema
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('character varying', 'text', 'jsonb')
          GROUP BY c.table_name
            """
        )
        found = []
        for table, columns in self.env.cr.fetchall():
            for column in columns:
                self.env.cr.execute(
                    SQL(
                        "SELECT 1 FROM %s WHERE %s::text ~* %s LIMIT 1",
                        SQL.identifier(table),
                        SQL.identifier(column),
                        MARKERS,
                    )
                )
                if self.env.cr.fetchone():
                    found.append(f"{table}.{column}")
        return found

    def test_anonymise_on_request_keeps_reports_and_leaves_no_personal_data(self):
        self.assertTrue(self._find_markers(), "the test data must hold the markers")
        before = self._report_counts()
        partner = self.person.partner_id
        reference = self.person.reference
        with self.assertRaises(AccessError):
            self.person.with_user(self.counsellor_north).action_anonymise()
        self.person.with_user(self.coordinator).action_anonymise()

        self.assertEqual(self._find_markers(), [])
        self.assertEqual(self._report_counts(), before)
        person = self.person
        self.assertEqual(person.name, f"Anonymised file {reference}")
        self.assertEqual(person.partner_id, partner)
        self.assertTrue(person.active)
        self.assertTrue(person.anonymised_on)
        self.assertFalse(person.phone or person.email or person.street)
        self.assertFalse(person.disability_recognised)
        self.assertFalse(person.health_constraints)
        # kept for the counts: year of birth, age at orientation, nationality,
        # site, every record
        self.assertEqual(person.birthdate, date(1990, 1, 1))
        self.assertEqual(person.journey_ids.mapped("orientation_age"), [35])
        self.assertEqual(person.nationality_id, self.env.ref("base.af"))
        self.assertEqual(len(person.journey_ids.siae_placement_ids), 1)
        self.assertEqual(
            person.workshop_registration_ids.name, f"Anonymised file {reference}"
        )
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", person._name), ("res_id", "=", person.id)]
            )
        )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "refugee.journey")]
                + [("res_id", "in", person.journey_ids.ids)]
            )
        )
        # the other file is untouched
        self.assertEqual(self.other.name, "Ahmad Rahimi")
        self.assertEqual(self.other.health_constraints, "note asthme")
        with self.assertRaisesRegex(UserError, "already anonymised"):
            person.with_user(self.coordinator).action_anonymise()

    def test_daily_job_anonymises_files_past_retention_only(self):
        self.env["ir.config_parameter"].set_param(
            "plateforme_refugies.retention_months", 12
        )
        for person, close_date in (
            (self.person, date(2026, 3, 1)),
            (self.other, date(2026, 6, 1)),
        ):
            person.journey_ids.write(
                {
                    "state": "closed",
                    "exit_date": date(2026, 2, 27),
                    "exit_outcome_id": self.outcome_cdi.id,
                    "close_date": close_date,
                }
            )
        open_file = self._create_beneficiary("Mariam Hassan")
        self._create_journey(open_file)
        no_journey = self._create_beneficiary("Yonas Tekle")
        before = self._report_counts()
        Beneficiary = self.env["refugee.beneficiary"]
        with freeze_time("2027-02-28"):
            Beneficiary._cron_anonymise_expired()
        self.assertFalse(self.person.anonymised_on)
        with freeze_time("2027-03-01"):
            Beneficiary._cron_anonymise_expired()
        self.assertTrue(self.person.anonymised_on)
        self.assertFalse(self.other.anonymised_on)
        self.assertEqual(self._report_counts(), before)
        # a second open journey keeps the file
        self._create_journey(self.other, orientation_date=date(2026, 7, 1))
        with freeze_time("2028-01-01"):
            Beneficiary._cron_anonymise_expired()
        self.assertFalse(
            (self.other | open_file | no_journey).filtered("anonymised_on")
        )

    def test_access_export_lists_the_whole_file(self):
        report = self.env.ref(
            "plateforme_refugies.refugee_beneficiary_action_report_access"
        )
        html = (
            report.with_user(self.coordinator)
            ._render_qweb_html(report.report_name, self.person.ids)[0]
            .decode()
        )
        for expected in (
            "Zenobia Quirkfeld",
            "z.quirkfeld@example.com",
            "xymark asthme",
            "xymark orientation",
            "xymark évaluation",
            "xymark positionnement",
            "xymark achieved",
            "xymark logement",
            "xymark message",
            "xymark-cv.txt",
            "Test CV workshop",
            "Test Anonymisation Farm",
            "xymark horaires",
            "xymark visite",
            "xymark follow-up",
            "Share the file",
        ):
            self.assertIn(expected, html)
        self.assertNotIn("Ahmad Rahimi", html)
        log = self.env["refugee.sensitive.access.log"].search(
            [("beneficiary_id", "=", self.person.id)]
        )
        self.assertEqual(log.user_id, self.coordinator)
        action = self.person.with_user(self.coordinator).action_export_file()
        self.assertEqual(action["report_name"], report.report_name)
        with self.assertRaises(AccessError):
            self.person.with_user(self.counsellor_north).action_export_file()
        with self.assertRaises(AccessError):
            self.person.with_user(self.counsellor_north)._access_export_sections()
