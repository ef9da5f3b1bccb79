# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from ..controllers.portal import RefugeePartnerPortal
from .common_siae import SiaeCase

EVALUATION = {
    "evaluation_skills": "3",
    "evaluation_soft_skills": "4",
    "evaluation_written_instructions": "2",
    "evaluation_oral_instructions": "3",
    "evaluation_punctuality": "4",
    "evaluation_comment": "Ponctuel, à l'aise avec l'équipe.",
}
ASSESSMENT = {
    "assessment_result": "good",
    "assessment_punctuality": "very_good",
    "assessment_soft_skills": "good",
    "assessment_instructions": "fair",
    "assessment_skills": "good",
    "hire_prospect": "later",
    "assessment_notes": "Motivée, à revoir sur la vitesse.",
}


class PortalCase(SiaeCase):
    """A SIAE supervisor and an employer tutor on the portal, each with a
    record in their structure and one in another structure."""

    freeze_time = SiaeCase.reference_date  # Monday 2 March 2026

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.kind_siae = cls.env.ref("plateforme_refugies.partner_type_siae")
        cls.kind_employer = cls.env.ref("plateforme_refugies.partner_type_employer")
        (cls.farm | cls.garden).refugee_partner_type_ids = cls.kind_siae
        cls.supervisor = new_test_user(
            cls.env,
            "test_portal_supervisor",
            groups="base.group_portal",
            partner_id=cls.farm_supervisor.id,
        )
        cls.employer = Partner.create(
            {
                "name": "Restaurant du Test",
                "is_company": True,
                "is_partner_employer": True,
                "refugee_partner_type_ids": [Command.set(cls.kind_employer.ids)],
            }
        )
        cls.employer_tutor = Partner.create(
            {
                "name": "Tutrice du Test",
                "parent_id": cls.employer.id,
                "is_employer_tutor": True,
            }
        )
        cls.tutor = new_test_user(
            cls.env,
            "test_portal_tutor",
            groups="base.group_portal",
            partner_id=cls.employer_tutor.id,
        )
        cls.other_employer = Partner.create(
            {
                "name": "Autre Entreprise",
                "is_company": True,
                "is_partner_employer": True,
            }
        )
        # Ahmad Rahimi (north) at the farm, ending this week; Mariam Hassan
        # (south) at the garden, another SIAE
        cls.placement = cls._place(
            cls.north_journey,
            cls.farm,
            date(2026, 2, 2),
            date(2026, 3, 6),
            is_sas=False,
            supervisor_id=cls.farm_supervisor.id,
        )
        cls.placement.action_start()
        cls.other_placement = cls._place(
            cls.south_journey,
            cls.garden,
            date(2026, 2, 2),
            date(2026, 3, 6),
            is_sas=False,
        )
        cls.other_placement.action_start()
        cls.immersion = cls._immersion(cls.north_person, cls.employer)
        cls.other_immersion = cls._immersion(cls.south_person, cls.other_employer)

    @classmethod
    def _immersion(cls, person, employer):
        immersion = (
            cls.env["refugee.immersion"]
            .with_context(refugee_immersion_history=True)
            .create(
                {
                    "beneficiary_id": person.id,
                    "employer_id": employer.id,
                    "tutor_id": employer.child_ids[:1].id,
                    "objective": "discover",
                    "date_start": date(2026, 2, 20),
                    "date_end": date(2026, 3, 6),
                    "state": "running",
                }
            )
        )
        return immersion

    def _addon_models(self):
        """The models of the addon (extended ones are tested apart)."""
        model_ids = (
            self.env["ir.model.data"]
            .search(
                [("module", "=", "plateforme_refugies"), ("model", "=", "ir.model")]
            )
            .mapped("res_id")
        )
        models = self.env["ir.model"].browse(model_ids).mapped("model")
        return [model for model in models if model.startswith("refugee.")]

    def _consent(self, person, kind):
        return self.env["refugee.consent"].create(
            {
                "beneficiary_id": person.id,
                "partner_type_id": kind.id,
                "scope": "evaluations",
                "given_on": date(2026, 1, 15),
            }
        )


class TestPortalRecords(PortalCase):
    def test_each_partner_sees_only_the_records_of_their_structure(self):
        supervisor, tutor = self.supervisor.partner_id, self.tutor.partner_id
        Placement = self.env["refugee.siae.placement"]
        Immersion = self.env["refugee.immersion"]
        self.assertEqual(Placement._portal_search(supervisor), self.placement)
        self.assertEqual(Immersion._portal_search(tutor), self.immersion)
        self.assertFalse(Placement._portal_search(tutor))
        self.assertFalse(Immersion._portal_search(supervisor))
        self.assertEqual(
            Placement._portal_search(supervisor, self.placement.id), self.placement
        )
        for model, partner, record in (
            (Placement, supervisor, self.other_placement),
            (Immersion, tutor, self.other_immersion),
            (Immersion, supervisor, self.immersion),
        ):
            with self.assertRaises(MissingError):
                model._portal_search(partner, record.id)
        # a cancelled placement leaves the portal
        planned = self._place(
            self.south_journey, self.farm, date(2026, 3, 9), date(2026, 4, 3)
        )
        self.assertEqual(Placement._portal_search(supervisor), self.placement | planned)
        planned.action_cancel()
        self.assertEqual(Placement._portal_search(supervisor), self.placement)

    def test_the_person_is_named_only_with_consent(self):
        supervisor, tutor = self.supervisor.partner_id, self.tutor.partner_id
        # without consent: a pseudonym of the record, stable, nothing identifying
        unnamed = self.placement._portal_person(supervisor)
        self.assertRegex(unnamed, r"^Person \d+ — since \d\d/\d\d$")
        self.assertIn(self.placement.date_start.strftime("%d/%m"), unnamed)
        unnamed_immersion = self.immersion._portal_person(tutor)
        self.assertRegex(unnamed_immersion, r"^Person \d+ — since \d\d/\d\d$")
        consent = self._consent(self.north_person, self.kind_siae)
        self.assertEqual(self.placement._portal_person(supervisor), "Ahmad R.")
        # a consent for SIAE does not cover employers
        self.assertEqual(self.immersion._portal_person(tutor), unnamed_immersion)
        self._consent(self.north_person, self.kind_employer)
        self.assertEqual(self.immersion._portal_person(tutor), "Ahmad R.")
        consent.action_withdraw()
        self.assertEqual(self.placement._portal_person(supervisor), unnamed)
        self.north_person.sudo()._anonymise()
        self.assertEqual(self.immersion._portal_person(tutor), unnamed_immersion)

    def test_two_unnamed_people_of_a_siae_are_told_apart(self):
        supervisor = self.supervisor.partner_id
        other = self._place(
            self.south_journey, self.farm, date(2026, 3, 9), date(2026, 4, 3)
        )
        first = self.placement._portal_person(supervisor)
        second = other._portal_person(supervisor)
        self.assertNotEqual(first, second)
        self.assertTrue(second.startswith("Person 2 — since 09/03"), second)
        # the pseudonym of a placement does not change with the others
        other.action_cancel()
        self.assertEqual(self.placement._portal_person(supervisor), first)

    def _submission_activity(self, record):
        return record.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref(
                    "plateforme_refugies.mail_activity_type_partner_submission"
                )
            )
        )

    def test_planning_in_a_siae_asks_for_its_consent(self):
        warning = self.placement.with_user(self.counsellor_north).siae_consent_warning
        self.assertIn("Ahmad Rahimi has not agreed", warning)
        self.assertIn("pseudonym", warning)
        self._consent(self.north_person, self.kind_siae)
        self.placement.invalidate_recordset(["siae_consent_warning"])
        self.assertFalse(self.placement.siae_consent_warning)

    def test_one_rating_scale_for_every_partner(self):
        Placement, Immersion = (
            self.env["refugee.siae.placement"],
            self.env["refugee.immersion"],
        )
        evaluation = Placement._fields["evaluation_skills"]._description_selection(
            self.env
        )
        assessment = Immersion._fields["assessment_skills"]._description_selection(
            self.env
        )
        self.assertEqual(
            [label for _value, label in evaluation],
            [label for _value, label in assessment],
        )
        # the evaluation's values are its score, from the best down
        self.assertEqual([value for value, _label in evaluation], ["4", "3", "2", "1"])

    def test_weekly_attendance_is_recorded_and_notified(self):
        partner = self.supervisor.partner_id
        self.assertEqual(
            self.placement._portal_weeks_to_record(),
            [date(2026, 2, 2), date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23),
             date(2026, 3, 2)],
        )  # fmt: skip
        messages = self.placement.message_ids
        self.placement.with_user(self.supervisor)._portal_record_attendance(
            partner, {"week_start": date(2026, 2, 2), "hours_worked": 26.0}
        )
        note = self.placement.message_ids - messages
        self.assertEqual(note.author_id, partner)
        self.assertIn("Attendance of the week of 02/02/2026: 26.0 h worked", note.body)
        routine = self._submission_activity(self.placement)
        self.assertEqual(routine.summary, "Weekly attendance sent by the SIAE")
        self.assertEqual(routine.user_id, self.counsellor_north)
        # a second ordinary week adds no activity while the first is open
        self.placement._portal_record_attendance(
            partner, {"week_start": date(2026, 2, 16), "hours_worked": 26.0}
        )
        self.assertEqual(self._submission_activity(self.placement), routine)
        routine.action_done()
        self.placement._portal_record_attendance(
            partner,
            {
                "week_start": date(2026, 2, 9),
                "hours_worked": 20.0,
                "hours_absent_unjustified": 6.0,
                "comment": "Absent vendredi sans prévenir",
            },
        )
        activity = self._submission_activity(self.placement)
        self.assertEqual(activity.user_id, self.counsellor_north)
        self.assertEqual(activity.summary, "Unjustified absence reported by the SIAE")
        self.assertEqual(
            self.placement.attendance_ids.mapped("recorded_by_id"), partner
        )
        self.assertEqual(self.placement.attendance_rate, 92.3)  # 72 h of 78
        self.assertEqual(self.placement._portal_weeks_to_record()[0], date(2026, 2, 23))
        self.assertNotIn(partner, self.placement.message_partner_ids)

    def test_a_week_sent_twice_at_once_gets_the_constraint_message(self):
        """Two supervisors send the same week at once: the second one passes
        the check of the first transaction, the database refuses it, and the
        page shows the constraint's own message."""
        partner = self.supervisor.partner_id
        self.placement._portal_record_attendance(
            partner, {"week_start": date(2026, 2, 2), "hours_worked": 26.0}
        )
        with (
            self.assertRaises(IntegrityError) as caught,
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "INSERT INTO refugee_placement_attendance"
                " (placement_id, week_start, hours_worked)"
                " VALUES (%s, '2026-02-02', 20)",
                [self.placement.id],
            )
        self.assertEqual(
            RefugeePartnerPortal._constraint_message(self.env, caught.exception),
            "The attendance of this week is already recorded for this placement.",
        )

    def test_bad_attendance_is_refused_and_nothing_is_saved(self):
        partner = self.supervisor.partner_id
        cases = (
            ({"week_start": date(2026, 2, 3)}, "starts on a Monday"),
            ({"week_start": date(2026, 1, 19)}, "outside the placement"),
            ({"week_start": date(2026, 3, 9)}, "outside the placement"),
            ({"hours_worked": 40.0, "hours_absent_justified": 10.0}, "48 at most"),
            ({"hours_worked": -1.0}, "hours are positive"),
        )
        for values, message in cases:
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self.placement._portal_record_attendance(
                    partner,
                    {"week_start": date(2026, 2, 2), "hours_worked": 26.0, **values},
                )
        self.assertFalse(self.placement.attendance_ids)
        self.placement._portal_record_attendance(
            partner, {"week_start": date(2026, 2, 2), "hours_worked": 26.0}
        )
        with self.assertRaisesRegex(ValidationError, "already recorded"):
            self.placement._portal_record_attendance(
                partner, {"week_start": date(2026, 2, 2), "hours_worked": 20.0}
            )
        self.assertEqual(len(self.placement.attendance_ids), 1)
        planned = self._place(
            self.south_journey, self.farm, date(2026, 3, 9), date(2026, 4, 3)
        )
        with self.assertRaisesRegex(UserError, "once the placement has started"):
            planned._portal_record_attendance(
                partner, {"week_start": date(2026, 3, 9), "hours_worked": 26.0}
            )

    def test_future_week_is_refused(self):
        self.placement.date_end = date(2026, 3, 20)
        with self.assertRaisesRegex(ValidationError, "once the week has started"):
            self.placement._portal_record_attendance(
                self.supervisor.partner_id,
                {"week_start": date(2026, 3, 9), "hours_worked": 26.0},
            )

    def test_end_evaluation_once_in_the_last_week(self):
        partner = self.supervisor.partner_id
        self.placement.date_end = date(2026, 3, 20)
        self.assertFalse(self.placement._portal_can_evaluate())
        with self.assertRaisesRegex(UserError, "cannot be evaluated now"):
            self.placement._portal_submit_evaluation(partner, EVALUATION)
        self.placement.date_end = date(2026, 3, 6)
        self.assertTrue(self.placement._portal_can_evaluate())
        with self.assertRaisesRegex(UserError, "Rate every criterion"):
            self.placement._portal_submit_evaluation(
                partner, {**EVALUATION, "evaluation_skills": "9"}
            )
        self.assertFalse(self.placement.evaluation_date)
        self.placement._portal_submit_evaluation(partner, EVALUATION)
        self.assertEqual(self.placement.evaluation_date, date(2026, 3, 2))
        self.assertEqual(self.placement.evaluation_score, 3.2)
        self.assertEqual(
            self.placement.evaluation_comment, EVALUATION["evaluation_comment"]
        )
        activity = self._submission_activity(self.placement)
        self.assertEqual(activity.user_id, self.counsellor_north)
        self.assertIn(
            "End evaluation sent by the SIAE: average 3.2 / 4",
            self.placement.message_ids[0].body,
        )
        self.assertFalse(self.placement._portal_can_evaluate())
        with self.assertRaisesRegex(UserError, "cannot be evaluated now"):
            self.placement._portal_submit_evaluation(partner, EVALUATION)

    def test_tutor_assesses_a_running_immersion_once(self):
        partner = self.tutor.partner_id
        with self.assertRaisesRegex(UserError, "Answer every question"):
            self.immersion._portal_submit_assessment(
                partner, {**ASSESSMENT, "hire_prospect": ""}
            )
        self.immersion._portal_submit_assessment(partner, ASSESSMENT)
        self.assertEqual(self.immersion.assessment_result, "good")
        self.assertEqual(self.immersion.hire_prospect, "later")
        self.assertEqual(self.immersion.assessment_date, date(2026, 3, 2))
        activity = self._submission_activity(self.immersion)
        self.assertEqual(activity.user_id, self.counsellor_north)
        self.assertIn(
            "End-of-immersion assessment sent by the tutor: Good; hiring considered: "
            "Later.",
            self.immersion.message_ids[0].body,
        )
        self.assertNotIn(partner, self.immersion.message_partner_ids)
        with self.assertRaisesRegex(UserError, "cannot be assessed now"):
            self.immersion._portal_submit_assessment(partner, ASSESSMENT)
        # the counsellor closes it with the tutor's assessment
        self.immersion.with_user(self.counsellor_north).action_done()
        self.assertEqual(self.immersion.state, "done")

    def test_tutor_sees_the_hires_of_their_company(self):
        hire = self.env["refugee.hire"].create(
            {
                "beneficiary_id": self.north_person.id,
                "employer_id": self.employer.id,
                "job_title": "Commis de cuisine",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 9),
            }
        )
        Hire = self.env["refugee.hire"]
        self.assertFalse(Hire._portal_search(self.tutor.partner_id))
        hire.action_confirm()
        self.assertEqual(Hire._portal_search(self.tutor.partner_id), hire)
        self.assertFalse(Hire._portal_search(self.supervisor.partner_id))


class TestPortalMessages(PortalCase):
    def test_messages_of_placements_and_immersions_follow_the_consents(self):
        """A placement or an immersion names the person: messages to the
        partner's contacts need the person's consent for the partner's kind."""
        supervisor, tutor = self.farm_supervisor, self.employer_tutor
        for record, contact, kind in (
            (self.placement, supervisor, self.kind_siae),
            (self.immersion, tutor, self.kind_employer),
        ):
            with self.subTest(record=record._name):
                record = record.with_user(self.counsellor_north)
                with self.assertRaisesRegex(UserError, "has not consented"):
                    record.message_post(
                        body="Point sur la semaine", partner_ids=contact.ids
                    )
                record.sudo().message_subscribe(partner_ids=contact.ids)
                suggested = [
                    s.get("partner_id")
                    for s in record._message_get_suggested_recipients()
                ]
                self.assertNotIn(contact.id, suggested)
                message = record.message_post(
                    body="Note aux abonnés", message_type="comment"
                )
                self.assertNotIn(contact, message.notification_ids.res_partner_id)
                self._consent(self.north_person, kind)
                message = record.message_post(
                    body="Point sur la semaine", partner_ids=contact.ids
                )
                self.assertIn(contact, message.notification_ids.res_partner_id)


class TestPortalAccess(PortalCase):
    def _portal_wizard(self, user, contact):
        return (
            self.env["portal.wizard"]
            .with_user(user)
            .with_context(active_ids=contact.ids, active_model="res.partner")
            .create({})
        )

    def test_coordinator_gives_a_supervisor_the_portal_access(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Nadia Encadrante",
                "email": "nadia.encadrante@ferme.example",
                "parent_id": self.farm.id,
                "is_siae_supervisor": True,
            }
        )
        with self.assertRaises(AccessError):
            self._portal_wizard(self.counsellor_north, contact)
        wizard = self._portal_wizard(self.coordinator, contact)
        wizard.user_ids.action_grant_access()
        user = contact.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(
            self.env["refugee.siae.placement"]._portal_search(user.partner_id),
            self.placement,
        )


class TestPortalIsolation(PortalCase):
    """Portal users get nothing of the addon through the ORM (what RPC calls)."""

    def test_no_access_right_on_any_model_of_the_addon(self):
        models = self._addon_models()
        self.assertGreater(len(models), 40)
        for user in (self.supervisor, self.tutor):
            for model in models:
                Model = self.env[model].with_user(user)
                for operation in ("read", "write", "create", "unlink"):
                    with self.subTest(user=user.login, model=model, op=operation):
                        self.assertFalse(Model.has_access(operation))
                if not Model._abstract:
                    with self.subTest(user=user.login, model=model, op="search"):
                        with self.assertRaises(AccessError):
                            Model.search_read([], limit=1)

    def test_nothing_of_the_files_through_extended_models(self):
        """Contacts of the people, their workshop registrations, interviews,
        messages and activities stay out of reach."""
        self._consent(self.north_person, self.kind_siae)
        self.placement._portal_record_attendance(
            self.supervisor.partner_id,
            {
                "week_start": date(2026, 2, 2),
                "hours_worked": 20.0,
                "hours_absent_unjustified": 6.0,
            },
        )
        people = self.north_person | self.south_person
        for user in (self.supervisor, self.tutor):
            env = self.env(user=user)
            with self.subTest(user=user.login):
                self.assertFalse(
                    env["res.partner"].search([("id", "in", people.partner_id.ids)])
                )
                with self.assertRaises(AccessError):
                    people.partner_id.with_user(user).read(["name"])
                self.assertFalse(
                    env["mail.message"].search([("model", "like", "refugee.%")])
                )
                for model in ("mail.activity", "event.registration", "crm.lead"):
                    with self.assertRaises(AccessError):
                        env[model].search_read([], ["display_name"], limit=1)
                self.assertFalse(
                    env["calendar.event"].search([("res_model", "like", "refugee.%")])
                )
