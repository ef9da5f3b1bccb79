# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time
from datetime import date
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from ..models.refugee_siae_placement import EVALUATION_FIELDS


class TestCapacityConcurrency(TransactionCase):
    """Two counsellors place a person in the last free place at the same moment
    (and two supervisors send the same evaluation).

    Each transaction runs in REPEATABLE READ and cannot see the other's
    placement: the capacity rule must make them collide, so that Odoo retries
    the second one, which then sees the first placement. The data is
    committed by real cursors and removed afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            site = env["refugee.site"].create({"name": "Race SIAE", "code": "RACESIAE"})
            siae = env["res.partner"].create(
                {
                    "name": "Race SIAE",
                    "is_company": True,
                    "is_siae": True,
                    "siae_capacity": 1,
                }
            )
            journeys = env["refugee.journey"]
            for name in ("Race First Person", "Race Second Person"):
                beneficiary = env["refugee.beneficiary"].create(
                    {"name": name, "birthdate": date(1994, 6, 1), "site_id": site.id}
                )
                journeys |= journeys.create(
                    {
                        "beneficiary_id": beneficiary.id,
                        "orientation_date": date(2026, 1, 5),
                    }
                )
        self.site_id, self.siae_id = site.id, siae.id
        self.journey_ids = journeys.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            journeys = env["refugee.journey"].browse(self.journey_ids)
            beneficiaries = journeys.beneficiary_id
            partners = beneficiaries.partner_id
            journeys.unlink()  # and their placements
            beneficiaries.unlink()
            partners.unlink()
            env["res.partner"].browse(self.siae_id).unlink()
            env["refugee.site"].browse(self.site_id).unlink()

    def _cursors(self):
        cursors = self.registry.cursor(), self.registry.cursor()
        for cr in cursors:
            self.addCleanup(cr.close)
        return cursors

    def _place(self, cr, journey_id):
        # the environment of a cursor is made once, in the main thread: making
        # one takes the registry lock, held while the modules load
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["refugee.siae.placement"].create(
            {
                "journey_id": journey_id,
                "siae_id": self.siae_id,
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 4, 5),
            }
        )
        env.flush_all()

    def _count(self, cr):
        cr.execute(
            "SELECT COUNT(*) FROM refugee_siae_placement WHERE siae_id = %s",
            [self.siae_id],
        )
        return cr.fetchone()[0]

    def _committed_count(self):
        with self.registry.cursor() as cr:
            return self._count(cr)

    def test_the_later_transaction_fails_then_its_retry_sees_the_place_taken(self):
        cr1, cr2 = self._cursors()
        # both transactions have started: each one has its snapshot
        self.assertEqual((self._count(cr1), self._count(cr2)), (0, 0))
        self._place(cr1, self.journey_ids[0])
        cr1.commit()
        # a count in the second transaction still finds the place free ...
        self.assertEqual(self._count(cr2), 0)
        # ... so the SIAE row it updates before counting makes it fail
        with (
            self.assertRaises(psycopg2.errors.SerializationFailure),
            mute_logger("odoo.sql_db"),
        ):
            self._place(cr2, self.journey_ids[1])
        cr2.rollback()
        self.assertEqual(self._committed_count(), 1)

    def test_odoo_retries_the_request_and_refuses_it(self):
        cr1, cr2 = self._cursors()
        env2 = api.Environment(cr2, SUPERUSER_ID, {})
        self.assertEqual(self._count(cr2), 0)
        self._place(cr1, self.journey_ids[0])
        cr1.commit()
        with (
            self.assertRaisesRegex(ValidationError, "SIAE capacity: Race SIAE"),
            mute_logger("odoo.sql_db"),
            patch("odoo.service.model.random.uniform", return_value=0),
        ):
            retrying(lambda: self._place(cr2, self.journey_ids[1]), env2)
        self.assertEqual(self._committed_count(), 1)

    def test_two_transactions_saving_at_the_same_moment(self):
        cr1, cr2 = self._cursors()
        self.assertEqual(self._count(cr2), 0)  # its snapshot predates the first
        api.Environment(cr2, SUPERUSER_ID, {})
        self._place(cr1, self.journey_ids[0])  # holds the SIAE row, not committed
        errors = []

        def second_counsellor():
            try:
                with mute_logger("odoo.sql_db"):
                    self._place(cr2, self.journey_ids[1])
            except Exception as error:  # noqa: BLE001 - reported to the test
                errors.append(error)

        pid = cr2._cnx.get_backend_pid()
        thread = threading.Thread(target=second_counsellor)
        thread.start()
        with self.registry.cursor() as watcher:
            for __ in range(100):  # the second waits for the first's lock
                watcher.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid],
                )
                if watcher.fetchone()[0] == "Lock":
                    break
                watcher.rollback()
                time.sleep(0.05)
            else:
                self.fail("the second transaction did not wait for the first")
        cr1.commit()
        thread.join(10)
        self.assertFalse(thread.is_alive())
        self.assertEqual(len(errors), 1)
        self.assertIsInstance(errors[0], psycopg2.errors.SerializationFailure)
        cr2.rollback()
        self.assertEqual(self._committed_count(), 1)

    def test_two_supervisors_send_the_evaluation_at_the_same_moment(self):
        """The end evaluation is sent once: the second sending collides with
        the first on the placement's row, and its retry is refused."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            placement = env["refugee.siae.placement"].create(
                {
                    "journey_id": self.journey_ids[0],
                    "siae_id": self.siae_id,
                    "date_start": date(2026, 3, 2),
                    "date_end": date(2026, 4, 5),
                }
            )
            placement.action_start()
            placement.action_done()
            supervisor = env["res.partner"].create(
                {"name": "Race Supervisor", "parent_id": self.siae_id}
            )
        self.addCleanup(self._cleanup_evaluation, placement.id, supervisor.id)
        cr1, cr2 = self._cursors()
        env1, env2 = (api.Environment(cr, SUPERUSER_ID, {}) for cr in (cr1, cr2))
        evaluation = dict.fromkeys(EVALUATION_FIELDS, "3")

        def send(env, comment):
            env["refugee.siae.placement"].browse(
                placement.id
            )._portal_submit_evaluation(
                env["res.partner"].browse(supervisor.id),
                {**evaluation, "evaluation_comment": comment},
            )
            env.flush_all()

        self.assertFalse(
            env2["refugee.siae.placement"].browse(placement.id).evaluation_date
        )
        send(env1, "First")
        cr1.commit()
        with (
            self.assertRaisesRegex(UserError, "cannot be evaluated now"),
            mute_logger("odoo.sql_db"),
            patch("odoo.service.model.random.uniform", return_value=0),
        ):
            retrying(lambda: send(env2, "Second"), env2)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT evaluation_comment FROM refugee_siae_placement WHERE id = %s",
                [placement.id],
            )
            self.assertEqual(cr.fetchone()[0], "First")

    def _cleanup_evaluation(self, placement_id, supervisor_id):
        with self.registry.cursor() as cr:
            thread = ["refugee.siae.placement", placement_id]
            cr.execute(
                "DELETE FROM mail_message WHERE model = %s AND res_id = %s", thread
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
                thread,
            )
            cr.execute(
                "DELETE FROM refugee_siae_placement WHERE id = %s", [placement_id]
            )
            cr.execute("DELETE FROM res_partner WHERE id = %s", [supervisor_id])
