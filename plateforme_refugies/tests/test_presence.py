# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from ..models.refugee_report_mixin import MIN_PEOPLE_PARAMETER
from .common_siae import SiaeCase


class TestPresence(SiaeCase):
    """Presence recorded at interviews, workshop sessions and weeks of SAS
    placement: the no-show rate and the activity after two absences."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(
            "plateforme_refugies.mail_activity_type_repeated_absences"
        )
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Écrire son CV",
                "is_workshop": True,
                "site_id": cls.site_north.id,
                "workshop_theme_id": cls.env.ref(
                    "plateforme_refugies.workshop_theme_job_search"
                ).id,
                "date_begin": datetime(2026, 2, 10, 8, 0),
                "date_end": datetime(2026, 2, 10, 11, 0),
            }
        )
        cls.registration = cls.env["event.registration"].create(
            {"event_id": cls.workshop.id, "beneficiary_id": cls.north_person.id}
        )
        cls.placement = cls._place(
            cls.north_journey, cls.farm, date(2026, 2, 16), date(2026, 3, 27)
        )

    def _interview(self, day, presence):
        return (
            self.env["refugee.convocation"]
            .with_user(self.counsellor_north)
            .create(
                {
                    "beneficiary_id": self.north_person.id,
                    "date_start": datetime.combine(day, datetime.min.time()),
                    "state": "sent",
                    "presence": presence,
                }
            )
        )

    def _week(self, monday, worked, justified=0, unjustified=0):
        return self.env["refugee.placement.attendance"].create(
            {
                "placement_id": self.placement.id,
                "week_start": monday,
                "hours_worked": worked,
                "hours_absent_justified": justified,
                "hours_absent_unjustified": unjustified,
            }
        )

    def _activities(self):
        return self.north_person.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    @freeze_time("2026-03-02")
    def test_no_show_rate_over_every_kind_of_appointment(self):
        self._interview(date(2026, 2, 2), "present")
        self.registration.attendance = "absent"  # 10 February
        self._week(date(2026, 2, 16), 26)
        self._week(date(2026, 2, 23), 0, justified=26)  # excused
        person = self.north_person.with_user(self.counsellor_north)
        self.assertEqual(person.appointment_present_count, 2)
        self.assertEqual(person.appointment_absent_count, 1)
        self.assertAlmostEqual(person.no_show_rate, 100 / 3, places=1)
        # a cancelled appointment does not count
        self._interview(date(2026, 2, 25), "absent").action_cancel()
        person.invalidate_recordset()
        self.assertEqual(person.appointment_absent_count, 1)
        # analyses: the same counts, and no person's column (one person: the
        # readers' threshold of people is lowered, TestSmallGroups tests it)
        self.env["ir.config_parameter"].set_param(MIN_PEOPLE_PARAMETER, 1)
        Report = self.env["refugee.presence.report"].with_user(self.reader)
        self.assertNotIn("beneficiary_id", Report._fields)
        [(absent, present)] = Report._read_group(
            [("site_id", "=", self.site_north.id)],
            [],
            ["absent_count:sum", "present_count:sum"],
        )
        self.assertEqual((absent, present), (1, 2))

    @freeze_time("2026-03-02")
    def test_two_absences_in_a_row_give_one_activity(self):
        self._interview(date(2026, 2, 2), "absent")
        self.registration.attendance = "present"  # 10 February
        self.assertFalse(self._activities())
        self._week(date(2026, 2, 16), 20, unjustified=6)
        self.assertFalse(self._activities(), "absent, present, absent: not in a row")
        # an excused absence between two absences neither breaks nor counts
        self._week(date(2026, 2, 23), 0, justified=26)
        self._interview(date(2026, 2, 27), "absent")
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.counsellor_north)
        # a third absence: still the one activity
        self._interview(date(2026, 3, 1), "absent")
        self.assertEqual(self._activities(), activity)

    @freeze_time("2026-03-02")
    def test_workshop_presence_is_the_registration_attendance(self):
        convocation = self.env["refugee.convocation"].browse(
            self.registration.action_convoke()["res_id"]
        )
        self.assertEqual(convocation.kind, "workshop")
        convocation.action_mark_excused()
        self.assertEqual(self.registration.attendance, "excused")
        self.registration.attendance = "present"
        self.assertEqual(convocation.presence, "present")
        self.assertEqual(self.workshop.workshop_attendance_rate, 100)
