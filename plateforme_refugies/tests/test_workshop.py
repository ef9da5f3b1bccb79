# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

import psycopg2
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import RefugeeCase


class WorkshopCase(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.theme = cls.env.ref("plateforme_refugies.workshop_theme_job_search")
        cls.ahmad = cls._create_beneficiary("Ahmad Rahimi")
        cls.mariam = cls._create_beneficiary("Mariam Hassan")
        cls.fatouma = cls._create_beneficiary("Fatouma Diallo")
        # 24 at the workshop date
        cls.yonas = cls._create_beneficiary("Yonas Tekle", birthdate=date(2001, 6, 1))
        cls.tesfay = cls._create_beneficiary("Tesfay Haile", site=cls.site_south)
        cls.workshop = cls._create_workshop("Écrire son CV", seats_max=3)
        cls.south_workshop = cls._create_workshop(
            "Démarches en ligne", site=cls.site_south
        )

    @classmethod
    def _create_workshop(cls, name, site=None, **values):
        return cls.env["event.event"].create(
            {
                "name": name,
                "is_workshop": True,
                "workshop_theme_id": cls.theme.id,
                "site_id": (site or cls.site_north).id,
                "seats_limited": True,
                "seats_max": 10,
                "date_begin": datetime(2026, 3, 10, 8, 0),
                "date_end": datetime(2026, 3, 10, 11, 0),
                **values,
            }
        )

    @classmethod
    def _register(cls, beneficiaries, workshop=None, user=None, **values):
        Registration = cls.env["event.registration"].with_user(
            user or cls.counsellor_north
        )
        return Registration.create(
            [
                {
                    "event_id": (workshop or cls.workshop).id,
                    "beneficiary_id": beneficiary.id,
                    **values,
                }
                for beneficiary in beneficiaries
            ]
        )


@freeze_time("2026-03-02")
class TestWorkshop(WorkshopCase):
    def test_registration_names_the_beneficiary(self):
        registration = self._register(self.ahmad)
        self.assertEqual(registration.partner_id, self.ahmad.partner_id)
        self.assertEqual(registration.name, "Ahmad Rahimi")
        self.assertEqual(registration.site_id, self.site_north)
        self.assertEqual(registration.state, "open")
        self.assertEqual(self.workshop.seats_taken, 1)
        self.assertFalse(self.workshop.event_mail_ids)

    def test_no_description_of_odoo_for_a_workshop(self):
        """Odoo's default description of an event (a software conference) is
        neither in a new workshop's form nor in a workshop created by code."""
        self.assertFalse(self.workshop.description)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.event_event_action_workshop"
        )
        form = Form(
            self.env["event.event"]
            .with_user(self.counsellor_north)
            .with_context(**safe_eval(action["context"])),
            view="plateforme_refugies.event_event_view_form_workshop",
        )
        self.assertTrue(form.is_workshop)
        self.assertFalse(form.description)

    def test_no_registration_beyond_the_seats(self):
        self._register(self.ahmad | self.mariam | self.fatouma)
        self.assertEqual(self.workshop.seats_available, 0)
        with (
            self.assertRaisesRegex(
                ValidationError,
                r"The workshop Écrire son CV is full \(3 seats\): Yonas Tekle cannot",
            ),
            self.env.cr.savepoint(),
        ):
            self._register(self.yonas, youth_exception_reason="Mission Locale")
        self.assertEqual(self.workshop.seats_taken, 3)
        other = self._create_workshop("Entretien d'embauche", seats_max=1)
        with (
            self.assertRaisesRegex(ValidationError, "is full"),
            self.env.cr.savepoint(),
        ):
            self._register(self.ahmad | self.mariam, workshop=other)
        self.assertFalse(other.registration_ids)

    def test_no_one_registered_twice(self):
        first = self._register(self.ahmad)
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Ahmad Rahimi is already registered to the workshop Écrire son CV",
            ),
            self.env.cr.savepoint(),
        ):
            self._register(self.ahmad)
        with (
            self.assertRaisesRegex(ValidationError, "already registered"),
            self.env.cr.savepoint(),
        ):
            self._register([self.mariam, self.mariam])
        self.assertEqual(self.workshop.registration_ids, first)
        # a cancelled registration gives way to a new one
        first.action_cancel()
        again = self._register(self.ahmad)
        with (
            self.assertRaisesRegex(ValidationError, "already registered"),
            self.env.cr.savepoint(),
        ):
            first.action_confirm()
        self.assertEqual(first.state, "cancel")
        self.assertEqual(again.state, "open")

    def test_under_26_in_an_over_25_workshop_needs_a_reason(self):
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Yonas Tekle is 25 or younger and the workshop Écrire son CV is for "
                "over-25s: give the reason",
            ),
            self.env.cr.savepoint(),
        ):
            self._register(self.yonas)
        with (
            self.assertRaisesRegex(ValidationError, "give the reason"),
            self.env.cr.savepoint(),
        ):
            self._register(self.yonas, youth_exception_reason="  ")
        registration = self._register(
            self.yonas, youth_exception_reason="Partenariat Mission Locale"
        )
        self.assertTrue(registration.needs_youth_reason)
        with (
            self.assertRaisesRegex(ValidationError, "give the reason"),
            self.env.cr.savepoint(),
        ):
            registration.youth_exception_reason = False
        # a workshop for everyone, or for the young, needs no reason
        for audience in ("all", "under_26"):
            workshop = self._create_workshop(audience, workshop_audience=audience)
            self.assertFalse(
                self._register(self.yonas, workshop=workshop).needs_youth_reason
            )

    def test_age_is_taken_at_the_workshop_date(self):
        # 26 on 2026-03-05: before the workshop of 2026-03-10
        almost = self._create_beneficiary("Parwana Haidari", birthdate=date(2000, 3, 5))
        self.assertTrue(almost.is_under_26)
        self.assertFalse(self._register(almost).needs_youth_reason)

    def test_attendance_and_rates(self):
        registrations = self._register(self.ahmad | self.mariam | self.fatouma)
        ahmad, mariam, fatouma = registrations
        ahmad.action_mark_present()
        mariam.action_mark_absent()
        fatouma.action_mark_excused()
        self.assertEqual(registrations.mapped("state"), ["done", "open", "open"])
        workshop = self.workshop
        self.assertEqual(workshop.workshop_registered_count, 3)
        self.assertEqual(workshop.workshop_present_count, 1)
        self.assertEqual(workshop.workshop_absent_count, 1)
        self.assertEqual(workshop.workshop_excused_count, 1)
        self.assertEqual(workshop.workshop_attendance_rate, 50.0)

        second = self._create_workshop("Codes du travail")
        self._register(self.ahmad | self.mariam, workshop=second).action_mark_present()
        third = self._create_workshop("Vie administrative")
        self._register(self.ahmad, workshop=third).action_mark_absent()
        fourth = self._create_workshop("Visite d'entreprise")
        self._register(self.ahmad, workshop=fourth)  # not recorded yet

        ahmad_file = self.ahmad.with_user(self.counsellor_north)
        self.assertEqual(ahmad_file.workshop_count, 4)
        self.assertEqual(ahmad_file.workshop_present_count, 2)
        self.assertEqual(ahmad_file.workshop_attendance_rate, 66.7)
        self.assertEqual(self.mariam.workshop_attendance_rate, 50.0)
        self.assertEqual(self.fatouma.workshop_attendance_rate, 0.0)
        self.assertEqual(self.fatouma.workshop_count, 1)

        # the event module's own "attended" status counts as present, and
        # going back from it clears the presence
        mariam.action_set_done()
        self.assertEqual(mariam.attendance, "present")
        mariam.action_confirm()
        self.assertFalse(mariam.attendance)
        # a cancelled registration counts no more
        fatouma.action_cancel()
        self.assertEqual(self.fatouma.workshop_count, 0)
        self.assertEqual(workshop.workshop_registered_count, 2)

    def test_rates_are_read_in_one_query(self):
        files = self.ahmad | self.mariam | self.fatouma
        self._register(files).action_mark_present()
        files.invalidate_recordset()
        with self.assertQueryCount(1):
            files.mapped("workshop_attendance_rate")

    def test_wizard_registers_several_at_once(self):
        wizard_form = Form(
            self.env["refugee.workshop.registration.wizard"]
            .with_user(self.counsellor_north)
            .with_context(default_event_id=self.workshop.id)
        )
        wizard_form.beneficiary_ids.add(self.ahmad)
        wizard_form.beneficiary_ids.add(self.yonas)
        self.assertEqual(wizard_form.young_beneficiary_ids[:], self.yonas)
        wizard_form.youth_exception_reason = "Partenariat Mission Locale"
        wizard_form.save().action_register()
        registrations = self.workshop.registration_ids
        self.assertEqual(registrations.beneficiary_id, self.ahmad | self.yonas)
        by_person = {r.beneficiary_id: r for r in registrations}
        self.assertFalse(by_person[self.ahmad].youth_exception_reason)
        self.assertEqual(
            by_person[self.yonas].youth_exception_reason, "Partenariat Mission Locale"
        )
        action = self.mariam.with_user(
            self.counsellor_north
        ).action_open_registration_wizard()
        self.assertEqual(
            action["context"], {"default_beneficiary_ids": self.mariam.ids}
        )

    def test_workshop_needs_theme_and_site(self):
        with (
            self.assertRaisesRegex(ValidationError, "needs a theme and a site"),
            self.env.cr.savepoint(),
        ):
            self._create_workshop("Sans thème", workshop_theme_id=False)


@freeze_time("2026-03-02")
class TestWorkshopAccess(WorkshopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.north_registration = cls._register(cls.ahmad)
        cls.south_registration = cls._register(
            cls.tesfay, workshop=cls.south_workshop, user=cls.counsellor_south
        )
        cls.north_registration.action_mark_present()
        cls.workshops = cls.workshop | cls.south_workshop
        cls.registrations = cls.north_registration | cls.south_registration

    def test_counsellor_sees_the_workshops_of_their_sites(self):
        Event = self.env["event.event"].with_user(self.counsellor_north)
        self.assertEqual(
            Event.search([("id", "in", self.workshops.ids)]), self.workshop
        )
        with self.assertRaises(AccessError):
            self.south_workshop.with_user(self.counsellor_north).read(["name"])
        workshop = self._create_workshop("Atelier numérique").with_user(
            self.counsellor_north
        )
        workshop.seats_max = 8
        with self.assertRaises(AccessError):
            Event.create(
                {
                    "name": "Ailleurs",
                    "is_workshop": True,
                    "workshop_theme_id": self.theme.id,
                    "site_id": self.site_south.id,
                    "date_begin": datetime(2026, 3, 10, 8, 0),
                    "date_end": datetime(2026, 3, 10, 11, 0),
                }
            )
        with self.assertRaises(AccessError):
            workshop.unlink()

    def test_counsellor_sees_the_registrations_of_their_beneficiaries(self):
        Registration = self.env["event.registration"].with_user(self.counsellor_north)
        self.assertEqual(
            Registration.search([("id", "in", self.registrations.ids)]),
            self.north_registration,
        )
        with self.assertRaises(AccessError):
            self.south_registration.with_user(
                self.counsellor_north
            ).action_mark_present()
        with self.assertRaises(AccessError):
            self._register(self.tesfay, workshop=self.workshop)
        self.assertEqual(self.south_registration.attendance, False)

    def test_coordinator_sees_every_site(self):
        self.assertEqual(
            self.env["event.event"]
            .with_user(self.coordinator)
            .search([("id", "in", self.workshops.ids)]),
            self.workshops,
        )
        self.assertEqual(
            self.env["event.registration"]
            .with_user(self.coordinator)
            .search([("id", "in", self.registrations.ids)]),
            self.registrations,
        )
        self.south_registration.with_user(self.coordinator).action_mark_absent()
        self.assertEqual(self.south_registration.attendance, "absent")

    def test_reader_sees_counts_only(self):
        workshops = self.workshops.with_user(self.reader)
        self.assertEqual(
            workshops.search([("id", "in", self.workshops.ids)]), self.workshops
        )
        self.assertEqual(
            workshops.read(["workshop_registered_count", "workshop_present_count"])[0],
            {
                "id": self.workshop.id,
                "workshop_registered_count": 1,
                "workshop_present_count": 1,
            },
        )
        self.assertEqual(workshops[0].seats_taken, 1)
        groups = (
            self.env["event.event"]
            .with_user(self.reader)
            .read_group(
                [("id", "in", self.workshops.ids)],
                ["workshop_registered_count:sum"],
                ["site_id"],
            )
        )
        self.assertEqual(sum(g["workshop_registered_count"] for g in groups), 2)
        with self.assertRaises(AccessError):
            self.env["event.registration"].with_user(self.reader).search([])
        with self.assertRaises(AccessError):
            workshops[0].registration_ids.read(["name"])
        with self.assertRaises(AccessError):
            workshops[0].write({"name": "Renamed"})
        self.assertFalse(self.reader.has_group("event.group_event_registration_desk"))

    def test_event_groups_follow_the_platform_roles(self):
        self.assertTrue(self.counsellor_north.has_group("event.group_event_user"))
        self.assertFalse(self.counsellor_north.has_group("event.group_event_manager"))
        self.assertTrue(self.coordinator.has_group("event.group_event_manager"))
        self.assertFalse(
            self.internal_user.has_group("event.group_event_registration_desk")
        )
        default_user = self.env.ref("base.default_user")
        self.assertNotIn(
            self.env.ref("event.group_event_manager"), default_user.groups_id
        )


class TestWorkshopConcurrency(TransactionCase):
    """Two counsellors register two people for the last seat at the same moment."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            site = env["refugee.site"].create({"name": "Race Site", "code": "RACEW"})
            beneficiaries = env["refugee.beneficiary"].create(
                [
                    {"name": name, "birthdate": date(1990, 1, 1), "site_id": site.id}
                    for name in ("Race One", "Race Two", "Race Three")
                ]
            )
            workshop = env["event.event"].create(
                {
                    "name": "Race Workshop",
                    "is_workshop": True,
                    "workshop_theme_id": env.ref(
                        "plateforme_refugies.workshop_theme_digital"
                    ).id,
                    "site_id": site.id,
                    "seats_limited": True,
                    "seats_max": 2,
                    "date_begin": datetime(2030, 1, 10, 8, 0),
                    "date_end": datetime(2030, 1, 10, 11, 0),
                }
            )
            env["event.registration"].create(
                {"event_id": workshop.id, "beneficiary_id": beneficiaries[0].id}
            )
        self.site_id, self.workshop_id = site.id, workshop.id
        self.beneficiary_ids = beneficiaries.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            workshop = env["event.event"].browse(self.workshop_id)
            workshop.registration_ids.unlink()
            workshop.unlink()
            beneficiaries = env["refugee.beneficiary"].browse(self.beneficiary_ids)
            partners = beneficiaries.partner_id
            beneficiaries.unlink()
            partners.unlink()
            env["refugee.site"].browse(self.site_id).unlink()

    def _register(self, cr, beneficiary_id):
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["event.registration"].create(
            {"event_id": self.workshop_id, "beneficiary_id": beneficiary_id}
        )
        env.flush_all()

    def test_two_transactions_race_for_the_last_seat(self):
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        self.addCleanup(cr1.close)
        self.addCleanup(cr2.close)
        # the second transaction starts (takes its snapshot) while one seat is left
        env2 = api.Environment(cr2, SUPERUSER_ID, {})
        self.assertEqual(
            env2["event.event"].browse(self.workshop_id).seats_available, 1
        )
        self._register(cr1, self.beneficiary_ids[1])
        cr1.commit()
        # its snapshot does not see the first registration: the lock on the
        # workshop makes it fail instead of counting a free seat
        with (
            self.assertRaises(psycopg2.errors.SerializationFailure),
            mute_logger("odoo.sql_db"),
        ):
            self._register(cr2, self.beneficiary_ids[2])
        cr2.rollback()
        # Odoo retries the request in a new transaction: the seat is taken
        with self.registry.cursor() as cr3:
            with self.assertRaisesRegex(ValidationError, "is full"):
                self._register(cr3, self.beneficiary_ids[2])
            cr3.rollback()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM event_registration WHERE event_id = %s",
                [self.workshop_id],
            )
            self.assertEqual(cr.fetchone()[0], 2)
