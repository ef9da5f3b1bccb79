# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import RefugeeCase


@freeze_time("2026-03-02")
class TestBarrier(RefugeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journey = cls._create_journey(cls._create_beneficiary("Ahmad Rahimi"))
        cls.housing = cls.env.ref("plateforme_refugies.barrier_type_housing")
        cls.childcare = cls.env.ref("plateforme_refugies.barrier_type_childcare")
        cls.cada = cls.env["res.partner"].create(
            {"name": "CADA Test", "is_company": True}
        )

    def _create_barrier(self, barrier_type, **values):
        return (
            self.env["refugee.barrier"]
            .with_user(self.counsellor_north)
            .create(
                {
                    "journey_id": self.journey.id,
                    "barrier_type_id": barrier_type.id,
                    **values,
                }
            )
        )

    def test_every_status_keeps_its_date(self):
        barrier = self._create_barrier(self.housing)
        self.assertEqual(barrier.state, "identified")
        self.assertEqual(barrier.identified_date, date(2026, 3, 2))
        self.assertEqual(barrier.site_id, self.site_north)

        with freeze_time("2026-03-10"):
            barrier.state = "in_house"
        with freeze_time("2026-03-20"):
            barrier.write({"state": "referred", "partner_id": self.cada.id})
        with freeze_time("2026-04-15"):
            barrier.state = "lifted"
        self.assertRecordValues(
            barrier,
            [
                {
                    "identified_date": date(2026, 3, 2),
                    "handled_date": date(2026, 3, 10),
                    "referred_date": date(2026, 3, 20),
                    "lifted_date": date(2026, 4, 15),
                    # the IAE statistic still counts it once lifted
                    "is_handled_in_house": True,
                    "is_referred": True,
                    "is_lifted": True,
                }
            ],
        )

    def test_a_date_given_with_the_status_is_kept(self):
        barrier = self._create_barrier(
            self.housing,
            state="referred",
            partner_id=self.cada.id,
            referred_date=date(2026, 2, 20),
        )
        self.assertEqual(barrier.referred_date, date(2026, 2, 20))
        self.assertFalse(barrier.handled_date)
        # writing the same status again does not move its date
        barrier.write({"state": "referred"})
        self.assertEqual(barrier.referred_date, date(2026, 2, 20))

    def test_status_changes_are_tracked(self):
        barrier = self._create_barrier(self.childcare).with_context(
            tracking_disable=False
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        barrier.state = "in_house"
        barrier.state = "lifted"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = barrier.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(tracked.mapped("old_value_char"), ["Identified"])
        self.assertEqual(tracked.mapped("new_value_char"), ["Lifted"])

    def test_referred_needs_a_partner(self):
        with self.assertRaisesRegex(ValidationError, "choose which one"):
            self._create_barrier(self.housing, state="referred")

    @mute_logger("odoo.sql_db")
    def test_one_line_per_kind_and_journey(self):
        self._create_barrier(self.housing)
        with self.assertRaises(IntegrityError):
            self._create_barrier(self.housing)
            self.env.flush_all()

    def test_grid_counts_on_the_journey(self):
        self._create_barrier(self.housing)
        self._create_barrier(self.childcare, state="lifted")
        self.assertEqual(self.journey.barrier_count, 2)
        self.assertEqual(self.journey.barrier_open_count, 1)

    def test_barriers_follow_the_sites(self):
        barrier = self._create_barrier(self.housing)
        with self.assertRaises(AccessError):
            barrier.with_user(self.counsellor_south).read(["state"])
        with self.assertRaises(AccessError):
            barrier.with_user(self.reader).read(["state"])
        self.assertEqual(
            barrier.with_user(self.coordinator).barrier_type_id, self.housing
        )
