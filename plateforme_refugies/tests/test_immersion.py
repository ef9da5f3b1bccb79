# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .employer_common import EmployerCase


class TestImmersionRules(EmployerCase):
    """The PMSMP rules of the Labour Code (D5135-3), one test per rule."""

    def test_lasts_at_most_one_month_date_to_date(self):
        immersion = self._create_immersion()
        self.assertEqual(immersion.date_end, date(2026, 4, 1), "proposed end")
        self.assertEqual(immersion.duration_days, 31)
        with self.assertRaisesRegex(ValidationError, "at most one month.*D5135-3"):
            immersion.date_end = date(2026, 4, 2)
        self.assertEqual(immersion.date_end, date(2026, 4, 1))
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            immersion.date_end = date(2026, 3, 1)

    def test_start_not_back_dated_beyond_two_days(self):
        immersion = self._create_immersion(date_start=date(2026, 2, 28))
        self.assertEqual(immersion.date_start, date(2026, 2, 28))
        with self.assertRaisesRegex(ValidationError, "back-dated by more than 2 days"):
            self._create_immersion(objective="confirm", date_start=date(2026, 2, 27))
        with self.assertRaisesRegex(ValidationError, "back-dated"):
            immersion.write({"date_start": date(2026, 2, 20)})
        self.assertEqual(immersion.date_start, date(2026, 2, 28))
        # past immersions can be loaded as history (migration, demo)
        past = (
            self.env["refugee.immersion"]
            .with_context(refugee_immersion_history=True)
            .create(
                {
                    "beneficiary_id": self.north_file.id,
                    "employer_id": self.other_employer.id,
                    "objective": "discover",
                    "date_start": date(2025, 1, 6),
                }
            )
        )
        self.assertEqual(past.date_end, date(2025, 2, 5))

    def test_renewed_once_for_the_same_objective(self):
        first = self._create_immersion(date_end=date(2026, 3, 16))
        first.action_sign()
        first.action_start()
        action = first.action_renew()
        renewal = self.env["refugee.immersion"].browse(action["res_id"])
        self.assertEqual(renewal.renewal_of_id, first)
        self.assertEqual(renewal.objective, first.objective)
        self.assertEqual(renewal.date_start, date(2026, 3, 17))
        self.assertEqual(renewal.date_end, date(2026, 4, 16))
        self.assertEqual(renewal.state, "draft")
        with self.assertRaisesRegex(UserError, "renewed once only"):
            first.action_renew()
        with self.assertRaisesRegex(ValidationError, "renewed once only"):
            self._create_immersion(
                renewal_of_id=first.id,
                date_start=date(2026, 4, 20),
                date_end=date(2026, 4, 21),
            )
        with self.assertRaisesRegex(ValidationError, "same person, employer and obj"):
            renewal.objective = "confirm"
        with self.assertRaisesRegex(ValidationError, "after the end of"):
            renewal.date_start = date(2026, 3, 10)

    def test_a_renewal_is_not_renewed(self):
        first = self._create_immersion(date_end=date(2026, 3, 10))
        first.action_sign()
        first.action_start()
        renewal = self.env["refugee.immersion"].browse(first.action_renew()["res_id"])
        renewal.action_sign()
        with freeze_time("2026-03-11"):
            renewal.action_start()
            with self.assertRaisesRegex(UserError, "renewed once only"):
                renewal.action_renew()

    def test_two_immersions_per_employer_in_twelve_months(self):
        self._create_immersion(date_end=date(2026, 3, 6))
        self._create_immersion(
            objective="confirm",
            date_start=date(2026, 5, 4),
            date_end=date(2026, 5, 8),
        )
        with self.assertRaisesRegex(ValidationError, "At most 2 PMSMP.*12 months"):
            self._create_immersion(
                objective="recruit",
                date_start=date(2026, 9, 7),
                date_end=date(2026, 9, 11),
            )
        # twelve months after the first one, the window has moved on
        third = self._create_immersion(
            objective="recruit",
            date_start=date(2027, 3, 2),
            date_end=date(2027, 3, 6),
        )
        self.assertTrue(third)
        # another employer is another count
        self.assertTrue(
            self._create_immersion(
                employer=self.other_employer,
                objective="recruit",
                date_start=date(2026, 9, 7),
            )
        )

    def test_same_employer_needs_different_objectives(self):
        self._create_immersion(date_end=date(2026, 3, 6))
        with self.assertRaisesRegex(ValidationError, "different objectives"):
            self._create_immersion(
                date_start=date(2026, 6, 1), date_end=date(2026, 6, 5)
            )

    def test_sixty_days_in_all_with_one_employer(self):
        self._create_immersion()  # 31 days
        with self.assertRaisesRegex(ValidationError, "at most 60 days in all"):
            self._create_immersion(
                objective="confirm",
                date_start=date(2026, 5, 1),
                date_end=date(2026, 5, 30),
            )
        second = self._create_immersion(
            objective="confirm",
            date_start=date(2026, 5, 1),
            date_end=date(2026, 5, 29),
        )
        self.assertEqual(second.duration_days, 29)

    def test_cancelled_immersions_do_not_count(self):
        first = self._create_immersion()
        first.action_open_stop_wizard()
        self.env["refugee.immersion.stop.wizard"].create(
            {"immersion_ids": first.ids, "reason": "L'entreprise a fermé"}
        ).action_stop()
        self.assertEqual(first.state, "cancelled")
        again = self._create_immersion(date_start=date(2026, 3, 3))
        self.assertEqual(again.objective, first.objective)


class TestImmersionFlow(EmployerCase):
    def test_sign_start_and_close_with_the_assessment(self):
        immersion = self._create_immersion(tutor_id=False)
        with self.assertRaisesRegex(UserError, "Name the tutor"):
            immersion.action_sign()
        immersion.tutor_id = self.tutor
        immersion.action_sign()
        with self.assertRaisesRegex(
            UserError, r"Only a draft immersion can be signed \(.*: Signed\)"
        ):
            immersion.action_sign()
        immersion.action_start()
        self.assertEqual(immersion.state, "running")
        self.env["refugee.immersion.visit"].create(
            {"immersion_id": immersion.id, "notes": "Bonne intégration"}
        )
        with self.assertRaisesRegex(UserError, "overall assessment"):
            immersion.action_done()
        immersion.write({"assessment_result": "good", "hire_prospect": "yes"})
        immersion.action_done()
        self.assertEqual(immersion.state, "done")
        self.assertEqual(immersion.assessment_date, self.reference_date)
        self.assertEqual(immersion.visit_ids.user_id, self.env.user)

    def test_cannot_start_before_its_start_date(self):
        immersion = self._create_immersion(date_start=date(2026, 3, 9))
        immersion.action_sign()
        with self.assertRaisesRegex(UserError, "cannot run before"):
            immersion.action_start()
        self.assertEqual(immersion.state, "signed")

    def test_abandon_needs_a_reason_and_ends_the_immersion(self):
        immersion = self._create_immersion()
        immersion.action_sign()
        immersion.action_start()
        with self.assertRaisesRegex(UserError, "reason"):
            immersion._stop("  ", date(2026, 3, 10))
        self.env["refugee.immersion.stop.wizard"].create(
            {
                "immersion_ids": immersion.ids,
                "reason": "Problème de santé",
                "stop_date": date(2026, 3, 10),
            }
        ).action_stop()
        self.assertEqual(immersion.state, "abandoned")
        self.assertEqual(immersion.date_end, date(2026, 3, 10))
        self.assertEqual(immersion.stop_reason, "Problème de santé")
        with self.assertRaisesRegex(
            UserError,
            r"Only a cancelled immersion can be reset to draft \(.*: Abandoned\)",
        ):
            immersion.action_draft()

    def test_journey_follows_the_beneficiary(self):
        form = Form(self.env["refugee.immersion"].with_user(self.counsellor_north))
        form.beneficiary_id = self.north_file
        form.employer_id = self.employer
        form.tutor_id = self.tutor
        form.objective = "recruit"
        immersion = form.save()
        self.assertEqual(immersion.journey_id, self.north_journey)
        self.assertEqual(immersion.site_id, self.site_north)
        self.assertEqual(immersion.counsellor_id, self.counsellor_north)
        self.assertEqual(immersion.date_end, date(2026, 4, 1))
        self.assertTrue(immersion.name.startswith("PMSMP/"))

    def test_tutor_belongs_to_the_employer(self):
        with self.assertRaisesRegex(ValidationError, "must be a person of"):
            self._create_immersion(employer=self.other_employer, tutor_id=self.tutor.id)


class TestImmersionAccess(EmployerCase):
    def test_counsellor_sees_only_their_sites(self):
        north = self._create_immersion()
        south = self._create_immersion(beneficiary=self.south_file)
        Immersion = self.env["refugee.immersion"]
        self.assertEqual(
            Immersion.with_user(self.counsellor_north).search(
                [("id", "in", (north | south).ids)]
            ),
            north,
        )
        with self.assertRaises(AccessError):
            south.with_user(self.counsellor_north).action_sign()
        self.assertEqual(south.state, "draft")
        self.assertEqual(
            Immersion.with_user(self.coordinator).search(
                [("id", "in", (north | south).ids)]
            ),
            north | south,
        )
        with self.assertRaises(AccessError):
            Immersion.with_user(self.counsellor_north).create(
                {
                    "beneficiary_id": self.south_file.id,
                    "journey_id": self.south_journey.id,
                    "employer_id": self.employer.id,
                    "objective": "confirm",
                    "date_end": date(2026, 3, 6),
                }
            )

    def test_reader_gets_no_immersion(self):
        immersion = self._create_immersion()
        with self.assertRaises(AccessError):
            self.env["refugee.immersion"].with_user(self.reader).search([])
        with self.assertRaises(AccessError):
            immersion.with_user(self.reader).read(["beneficiary_id"])
        with self.assertRaises(AccessError):
            self.env["refugee.hire"].with_user(self.reader).search([])

    def test_only_a_draft_is_deleted(self):
        immersion = self._create_immersion()
        immersion.action_sign()
        with self.assertRaisesRegex(UserError, "Only a draft immersion"):
            immersion.unlink()
