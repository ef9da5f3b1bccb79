# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from .common import RefugeeCase


@freeze_time("2026-03-02")
class TestFrench(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beneficiary = cls._create_beneficiary("Ahmad Rahimi")
        cls.alire = cls.env["res.partner"].create({"name": "ALIRE", "is_company": True})
        cls.Assessment = cls.env["refugee.french.assessment"]
        cls.Training = cls.env["refugee.french.training"]

    def _assess(self, day, beneficiary=None, user=None, **levels):
        return (
            self.Assessment.with_user(user or self.counsellor_north)
            .create(
                {
                    "beneficiary_id": (beneficiary or self.beneficiary).id,
                    "date": day,
                    **levels,
                }
            )
            .sudo()
        )

    def _orientation_activities(self, beneficiary=None):
        return (beneficiary or self.beneficiary).activity_ids.filtered(
            lambda a: a.summary == "Orient to France Travail"
        )

    def test_training_hours_and_dates(self):
        training = self.Training.with_user(self.counsellor_north).create(
            {
                "beneficiary_id": self.beneficiary.id,
                "provider_id": self.alire.id,
                "hours_prescribed": 600,
                "hours_attended": 120,
                "date_start": date(2025, 10, 1),
            }
        )
        self.assertEqual(training.kind, "cir")
        self.assertEqual(training.state, "planned")
        self.assertEqual(training.attendance_rate, 20.0)
        self.assertEqual(self.beneficiary.french_hours_prescribed, 600)
        self.assertEqual(self.beneficiary.french_hours_attended, 120)
        with (
            self.assertRaisesRegex(
                ValidationError,
                r"Ahmad Rahimi has 650\.0 hours attended for 600\.0 hours prescribed",
            ),
            self.env.cr.savepoint(),
        ):
            training.hours_attended = 650
        with (
            self.assertRaisesRegex(ValidationError, "ends .* before it starts"),
            self.env.cr.savepoint(),
        ):
            training.date_end = date(2025, 9, 30)
        with (
            self.assertRaisesRegex(ValidationError, "cannot be negative"),
            self.env.cr.savepoint(),
        ):
            training.hours_prescribed = -1
        self.assertEqual(training.hours_attended, 120)
        self.assertFalse(training.date_end)

    def test_latest_level_and_progression(self):
        self._assess(
            date(2025, 9, 15),
            assessment_context="initial",
            oral_comprehension="pre_a1",
            oral_production="pre_a1",
            written_comprehension="pre_a1",
            literacy="other_alphabet",
        )
        self._assess(
            date(2026, 1, 20),
            assessment_context="mid_training",
            oral_comprehension="a1",
            oral_production="a1",
        )
        beneficiary = self.beneficiary.with_user(self.counsellor_north)
        self.assertEqual(beneficiary.french_oral_comprehension, "a1")
        self.assertEqual(beneficiary.french_oral_comprehension_progress, "Pre-A1 → A1")
        self.assertEqual(beneficiary.french_written_comprehension, "pre_a1")
        self.assertEqual(beneficiary.french_written_comprehension_progress, "Pre-A1")
        self.assertFalse(beneficiary.french_written_production)
        self.assertFalse(beneficiary.french_written_production_progress)
        self.assertEqual(beneficiary.literacy, "other_alphabet")
        # an older assessment entered late does not become the latest level
        self._assess(date(2025, 8, 1), oral_comprehension="a2")
        self.assertEqual(beneficiary.french_oral_comprehension, "a1")
        self.assertEqual(beneficiary.french_oral_comprehension_progress, "A2 → A1")
        rows = self.env["refugee.french.level.report"].search(
            [("beneficiary_id", "=", self.beneficiary.id)]
        )
        self.assertEqual(len(rows), 6)
        latest_oral = rows.filtered(
            lambda r: r.skill == "oral_comprehension" and r.date == date(2026, 1, 20)
        )
        self.assertEqual((latest_oral.level, latest_oral.level_rank), ("a1", 2))

    def test_overall_level_follows_the_oral_assessments(self):
        self.beneficiary.french_level = "b1"  # entered by hand, no assessment yet
        self._assess(date(2026, 1, 10), written_production="a2")
        self.assertEqual(self.beneficiary.french_level, "b1")
        self._assess(date(2026, 2, 10), oral_comprehension="a2", oral_production="a1")
        self.assertEqual(self.beneficiary.french_level, "a1", "the lower oral level")
        self._assess(date(2026, 3, 1), oral_production="b1")
        self.assertEqual(self.beneficiary.french_level, "a2")

    def test_new_files_get_what_their_computes_would_give(self):
        """A new file is created with its empty French levels and its housing
        need, the values its computes give (see the create of the file)."""
        files = self.env["refugee.beneficiary"].create(
            [
                {
                    "name": "Nour Test",
                    "birthdate": date(1995, 3, 4),
                    "site_id": self.site_north.id,
                },
                {
                    "name": "Samir Test",
                    "birthdate": date(1991, 6, 7),
                    "site_id": self.site_north.id,
                    "housing_situation": "cada",
                    "french_level": "a2",
                },
            ]
        )
        self.assertEqual(files.mapped("needs_housing"), [False, True])
        self.assertEqual(files.mapped("french_level"), [False, "a2"])
        self.assertFalse(any(files.mapped("french_oral_comprehension")))
        files.invalidate_recordset()
        files._compute_needs_housing()
        files._compute_french_level()
        self.assertEqual(files.mapped("needs_housing"), [False, True])
        self.assertEqual(files.mapped("french_level"), [False, "a2"])
        hosted = (
            self.env["refugee.beneficiary"]
            .with_context(default_housing_situation="hosted")
            .create(
                {
                    "name": "Leila Test",
                    "birthdate": date(1993, 1, 2),
                    "site_id": self.site_north.id,
                }
            )
        )
        self.assertTrue(hosted.needs_housing)

    def test_assessment_rules(self):
        with (
            self.assertRaisesRegex(ValidationError, "gives no level"),
            self.env.cr.savepoint(),
        ):
            self._assess(date(2026, 1, 5))
        with (
            self.assertRaisesRegex(ValidationError, "cannot be dated in the future"),
            self.env.cr.savepoint(),
        ):
            self._assess(date(2026, 3, 3), oral_comprehension="a1")
        self.assertFalse(self.beneficiary.french_assessment_ids)

    def test_threshold_prompts_the_counsellor_once(self):
        self._assess(date(2026, 1, 5), oral_comprehension="a2", oral_production="a1")
        self.assertFalse(self._orientation_activities())
        self.assertFalse(self.beneficiary.french_ready_date)
        self._assess(date(2026, 2, 5), oral_comprehension="a2", oral_production="a2")
        activity = self._orientation_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.counsellor_north)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(self.beneficiary.french_ready_date, date(2026, 2, 5))
        # further progress, or the first to-do done: no new prompt
        activity.action_done()
        self._assess(date(2026, 3, 1), oral_comprehension="b1", oral_production="a2")
        self.assertFalse(self._orientation_activities())
        self.assertEqual(self.beneficiary.french_ready_date, date(2026, 2, 5))

    def test_no_prompt_for_a_person_registered_with_france_travail(self):
        registered = self._create_beneficiary(
            "Mariam Hassan", france_travail_registered=True
        )
        self._assess(
            date(2026, 2, 5),
            beneficiary=registered,
            oral_comprehension="b1",
            oral_production="a2",
        )
        self.assertFalse(self._orientation_activities(registered))
        self.assertEqual(registered.french_ready_date, date(2026, 2, 5))

    def test_coordinator_sets_the_threshold(self):
        written = self.env.ref(
            "plateforme_refugies.french_threshold_written_comprehension"
        )
        with self.assertRaises(AccessError):
            written.with_user(self.counsellor_north).level = "a1"
        written.with_user(self.coordinator).level = "a1"
        self._assess(date(2026, 2, 5), oral_comprehension="a2", oral_production="b1")
        self.assertFalse(self._orientation_activities())
        self._assess(
            date(2026, 2, 20),
            oral_comprehension="a2",
            oral_production="b1",
            written_comprehension="a1",
        )
        self.assertEqual(len(self._orientation_activities()), 1)

    def test_no_threshold_no_prompt(self):
        self.env["refugee.french.threshold"].search([]).level = False
        self._assess(date(2026, 2, 5), oral_comprehension="c2", oral_production="c2")
        self.assertFalse(self._orientation_activities())
        self.assertFalse(self.beneficiary.french_ready_date)

    def test_access_follows_the_sites(self):
        south = self._create_beneficiary("Yonas Tekle", site=self.site_south)
        north_assessment = self._assess(date(2026, 1, 5), oral_comprehension="a1")
        south_assessment = self._assess(
            date(2026, 1, 5),
            beneficiary=south,
            user=self.counsellor_south,
            oral_comprehension="a1",
        )
        training = self.Training.create({"beneficiary_id": south.id})
        Assessment = self.Assessment.with_user(self.counsellor_north)
        self.assertEqual(
            Assessment.search(
                [("id", "in", (north_assessment | south_assessment).ids)]
            ),
            north_assessment,
        )
        with self.assertRaises(AccessError):
            south_assessment.with_user(self.counsellor_north).oral_comprehension = "a2"
        with self.assertRaises(AccessError):
            training.with_user(self.counsellor_north).read(["hours_prescribed"])
        with self.assertRaises(AccessError):
            Assessment.create({"beneficiary_id": south.id, "oral_comprehension": "a1"})
        report = self.env["refugee.french.level.report"]
        self.assertEqual(
            report.with_user(self.counsellor_north)
            .search([("beneficiary_id", "in", (self.beneficiary | south).ids)])
            .beneficiary_id,
            self.beneficiary,
        )
        self.assertEqual(
            len(
                self.Assessment.with_user(self.coordinator).search(
                    [("id", "in", (north_assessment | south_assessment).ids)]
                )
            ),
            2,
        )
        for user in (self.reader, self.internal_user):
            for model in (self.Assessment, self.Training, report):
                with (
                    self.subTest(user=user.login, model=model._name),
                    self.assertRaises(AccessError),
                ):
                    model.with_user(user).search([])
