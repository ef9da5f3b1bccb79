# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from odoo.tests import tagged

from .common import RefugeeTourCase


@tagged("post_install", "-at_install")
class TestWorkshopTour(RefugeeTourCase):
    def test_counsellor_registers_two_people_and_records_attendance(self):
        site, __ = self._site_with_user(
            "Tour Site", "TOURW", "tour_ws_cip", "Tour Workshop Counsellor"
        )
        alpha, beta = self.env["refugee.beneficiary"].create(
            [
                {"name": name, "birthdate": date(1988, 4, 2), "site_id": site.id}
                for name in ("Tour Alpha", "Tour Beta")
            ]
        )
        start = datetime.now().replace(microsecond=0) + timedelta(days=3)
        workshop = self.env["event.event"].create(
            {
                "name": "Tour CV workshop",
                "is_workshop": True,
                "workshop_theme_id": self.env.ref(
                    "plateforme_refugies.workshop_theme_job_search"
                ).id,
                "site_id": site.id,
                "seats_limited": True,
                "seats_max": 6,
                "date_begin": start,
                "date_end": start + timedelta(hours=3),
            }
        )
        self.start_tour(
            "/odoo/workshops",
            "plateforme_refugies_workshop_tour",
            login="tour_ws_cip",
        )
        registrations = workshop.registration_ids
        self.assertEqual(registrations.beneficiary_id, alpha | beta)
        attendance = {r.beneficiary_id: r.attendance for r in registrations}
        self.assertEqual(attendance, {alpha: "present", beta: "absent"})
        self.assertEqual(workshop.workshop_attendance_rate, 50.0)
        self.assertEqual(alpha.workshop_attendance_rate, 100.0)
