# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase
from odoo.tools import SQL

from ..models.refugee_convocation import RefugeeConvocation
from ..models.refugee_file_privacy_mixin import RefugeeFilePrivacyMixin


class RaceCase(TransactionCase):
    """Runs of a scheduled action in real transactions, as two cron workers."""

    def _worker(self):
        """A cron worker's transaction; it would wait 2 s at most for a row
        another one holds (a run that waits for the other has failed)."""
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        cr.execute("SET lock_timeout = '2s'")
        return api.Environment(cr, SUPERUSER_ID, {})

    def _race(self, job):
        """Two cron workers: ``job(env)`` run at the same moment in two
        transactions started together, each committed. The result of each
        run, or the error it raised."""
        envs = [self._worker(), self._worker()]
        start = threading.Barrier(len(envs))
        results = [None] * len(envs)

        def work(index):
            env = envs[index]
            try:
                start.wait(timeout=10)
                results[index] = job(env)
                env.cr.commit()
            except Exception as error:  # noqa: BLE001 (returned to the test)
                env.cr.rollback()
                results[index] = error

        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        errors = [result for result in results if isinstance(result, Exception)]
        self.assertFalse(errors, "a run failed")
        return results


@freeze_time("2017-03-02")
class TestScheduledRunRace(RaceCase):
    """Two cron workers (two hosts, or a run by hand during the scheduler's)
    run the deadline clock and the anonymisation at the same moment: each due
    item is processed once, and neither run fails.

    Two real transactions: the first holds its work while the second runs
    (the second skips what the first holds), or the first commits after the
    second began (the second's data is out of date: it leaves the items), or
    both run at the same moment in two threads, as two cron workers do.
    The data is committed, dated 2017 so that the demo data is not due, and
    removed afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            site = env["refugee.site"].create({"name": "Race Clock", "code": "RACECLK"})
            Beneficiary = env["refugee.beneficiary"]
            # residence permit ending within 60 days: one deadline is due
            due = Beneficiary.create(
                {
                    "name": "Race Permit Person",
                    "birthdate": date(1991, 2, 3),
                    "site_id": site.id,
                    "residence_permit_expiry": date(2017, 4, 1),
                }
            )
            # closed long before the retention period: to anonymise
            expired = Beneficiary.create(
                {
                    "name": "Race Expired Person",
                    "birthdate": date(1985, 7, 9),
                    "site_id": site.id,
                }
            )
            journeys = env["refugee.journey"].create(
                [
                    {"beneficiary_id": due.id, "orientation_date": date(2017, 1, 5)},
                    {
                        "beneficiary_id": expired.id,
                        "orientation_date": date(2013, 1, 7),
                    },
                ]
            )
            journeys[1].write(
                {
                    "state": "closed",
                    "exit_date": date(2013, 6, 28),
                    "exit_outcome_id": env.ref(
                        "plateforme_refugies.exit_outcome_cdi"
                    ).id,
                    "close_date": date(2013, 7, 1),
                }
            )
            cr.execute("SELECT MAX(id) FROM refugee_deadline")
            self.last_deadline_id = cr.fetchone()[0] or 0
            cr.execute("SELECT MAX(id) FROM mail_activity")
            self.last_activity_id = cr.fetchone()[0] or 0
        self.site_id, self.journey_ids = site.id, journeys.ids
        self.due_id, self.expired_id = due.id, expired.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM refugee_deadline WHERE id > %s", [self.last_deadline_id]
            )
            cr.execute(
                "DELETE FROM mail_activity WHERE id > %s", [self.last_activity_id]
            )
            # (a closed journey, an anonymised file cannot be deleted by the
            # ORM: removed as they were committed)
            people = [self.due_id, self.expired_id]
            cr.execute(
                "SELECT partner_id FROM refugee_beneficiary WHERE id IN %s",
                [tuple(people)],
            )
            partners = tuple(row[0] for row in cr.fetchall())
            for model, ids in (
                ("refugee.journey", tuple(self.journey_ids)),
                ("refugee.beneficiary", tuple(people)),
                ("res.partner", partners),
            ):
                for table, column in (
                    ("mail_message", "model"),
                    ("mail_followers", "res_model"),
                ):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s AND res_id IN %s",
                            SQL.identifier(table),
                            SQL.identifier(column),
                            model,
                            ids,
                        )
                    )
            cr.execute(
                "DELETE FROM refugee_journey WHERE id IN %s", [tuple(self.journey_ids)]
            )
            cr.execute(
                "DELETE FROM refugee_beneficiary WHERE id IN %s", [tuple(people)]
            )
            cr.execute("DELETE FROM res_partner WHERE id IN %s", [partners])
            cr.execute("DELETE FROM refugee_site WHERE id = %s", [self.site_id])

    def _clock(self, env):
        deadlines = env["refugee.deadline"]._cron_create_deadlines()
        env.flush_all()
        return [(d.kind, d.res_model, d.res_id) for d in deadlines]

    def _committed_deadlines(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT kind, res_model, res_id, COUNT(*) FROM refugee_deadline
                    WHERE id > %s GROUP BY kind, res_model, res_id""",
                [self.last_deadline_id],
            )
            return cr.fetchall()

    def test_clock_while_another_run_holds_its_work(self):
        env1, env2 = self._worker(), self._worker()
        first = self._clock(env1)
        self.assertIn(("residence_permit", "refugee.beneficiary", self.due_id), first)
        self.assertEqual(self._clock(env2), [])  # the rules are held: skipped
        env1.cr.commit()
        env2.cr.commit()
        committed = self._committed_deadlines()
        self.assertEqual(len(committed), len(first))
        self.assertEqual({row[3] for row in committed}, {1})
        # and the next run finds everything stored
        self.assertEqual(self._clock(self._worker()), [])

    def test_clock_after_another_run_committed_meanwhile(self):
        env1, env2 = self._worker(), self._worker()
        env2["refugee.deadline.rule"].search([]).mapped("name")  # its snapshot
        first = self._clock(env1)
        env1.cr.commit()
        # the second one does not see these deadlines: it leaves the rules
        # the first one went through instead of storing them again
        self.assertEqual(self._clock(env2), [])
        env2.cr.commit()
        self.assertEqual({row[3] for row in self._committed_deadlines()}, {1})
        self.assertEqual(len(self._committed_deadlines()), len(first))

    def test_clock_run_by_two_workers_at_once(self):
        first, second = self._race(self._clock)
        self.assertIn(
            ("residence_permit", "refugee.beneficiary", self.due_id), first + second
        )
        self.assertFalse(first and second, "one run stores the deadlines")
        committed = self._committed_deadlines()
        self.assertEqual({row[3] for row in committed}, {1})
        self.assertEqual(len(committed), len(first) + len(second))
        self.assertEqual(self._clock(self._worker()), [])

    def _anonymise(self, env):
        done = []
        privacy = RefugeeFilePrivacyMixin
        original = privacy._anonymise

        def anonymise(records):
            done.extend(records.ids)
            return original(records)

        with patch.object(privacy, "_anonymise", anonymise):
            env["refugee.beneficiary"]._cron_anonymise_expired()
            env.flush_all()
        return done

    def _anonymised_on(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT anonymised_on FROM refugee_beneficiary WHERE id = %s",
                [self.expired_id],
            )
            return cr.fetchone()[0]

    def test_anonymisation_while_another_run_holds_the_file(self):
        env1, env2 = self._worker(), self._worker()
        self.assertEqual(self._anonymise(env1), [self.expired_id])
        self.assertEqual(self._anonymise(env2), [])
        env1.cr.commit()
        env2.cr.commit()
        self.assertEqual(self._anonymised_on(), date(2017, 3, 2))

    def test_anonymisation_after_another_run_committed_meanwhile(self):
        env1, env2 = self._worker(), self._worker()
        env2.cr.execute("SELECT 1 FROM refugee_beneficiary LIMIT 1")  # its snapshot
        self.assertEqual(self._anonymise(env1), [self.expired_id])
        env1.cr.commit()
        self.assertEqual(self._anonymise(env2), [])
        env2.cr.commit()
        self.assertEqual(self._anonymised_on(), date(2017, 3, 2))
        self.assertEqual(self._anonymise(self._worker()), [])

    def test_anonymisation_by_two_workers_at_once(self):
        done = {}
        original = RefugeeFilePrivacyMixin._anonymise

        def anonymise(records):
            done.setdefault(id(records.env.cr), []).extend(records.ids)
            return original(records)

        def job(env):
            env["refugee.beneficiary"]._cron_anonymise_expired()
            env.flush_all()
            return done.get(id(env.cr), [])

        with patch.object(RefugeeFilePrivacyMixin, "_anonymise", anonymise):
            first, second = self._race(job)
        self.assertEqual(first + second, [self.expired_id])
        self.assertEqual(self._anonymised_on(), date(2017, 3, 2))
        self.assertEqual(self._anonymise(self._worker()), [])


@freeze_time("2017-03-02 08:00:00")
class TestReminderRace(RaceCase):
    """Two runs of the reminders at the same moment (the scheduler and a run
    by hand, or the cron workers of two hosts): each person is reminded once,
    by the run that claimed the convocation, and neither run fails.

    Two real transactions, as in ``TestScheduledRunRace``: the second runs
    while the first holds its reminders, or after the first committed them
    (its data is then out of date: it leaves the convocation). The data is
    committed, dated 2017 so that no demo convocation is due, and removed
    afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            self.last_ids = {}
            for table in ("mail_message", "mail_mail", "mail_followers"):
                cr.execute(
                    SQL("SELECT COALESCE(MAX(id), 0) FROM %s", SQL.identifier(table))
                )
                self.last_ids[table] = cr.fetchone()[0]
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            site = env["refugee.site"].create(
                {"name": "Race Reminders", "code": "RACEREM"}
            )
            person = env["refugee.beneficiary"].create(
                {
                    "name": "Race Reminded Person",
                    "birthdate": date(1992, 4, 6),
                    "site_id": site.id,
                    "email": "race.reminded@example.com",
                }
            )
            # sent the week before, for tomorrow: its reminder is due
            convocation = env["refugee.convocation"].create(
                {
                    "beneficiary_id": person.id,
                    "date_start": datetime(2017, 3, 3, 9, 0),
                    "state": "sent",
                    "sent_by": "email",
                }
            )
            self.site_id, self.person_id = site.id, person.id
            self.partner_id, self.convocation_id = person.partner_id.id, convocation.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            for table, last_id in self.last_ids.items():
                cr.execute(
                    SQL("DELETE FROM %s WHERE id > %s", SQL.identifier(table), last_id)
                )
            for table, id_ in (
                ("refugee_convocation", self.convocation_id),
                ("refugee_beneficiary", self.person_id),
                ("res_partner", self.partner_id),
                ("refugee_site", self.site_id),
            ):
                cr.execute(
                    SQL("DELETE FROM %s WHERE id = %s", SQL.identifier(table), id_)
                )

    def _remind(self, env):
        """The convocations whose reminder this run e-mailed."""
        reminded = []
        original = RefugeeConvocation._send_mail

        def send_mail(records, template):
            reminded.extend(records.ids)
            return original(records, template)

        with patch.object(RefugeeConvocation, "_send_mail", send_mail):
            env["refugee.convocation"]._cron_send_reminders()
            env.flush_all()
        return reminded

    def _committed_reminders(self):
        """The reminders committed: the e-mails to the person about the
        convocation, and the date the convocation notes."""
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT COUNT(*) FROM mail_message m
                     JOIN mail_notification n ON n.mail_message_id = m.id
                    WHERE m.model = 'refugee.convocation' AND m.res_id = %s
                      AND n.res_partner_id = %s""",
                [self.convocation_id, self.partner_id],
            )
            count = cr.fetchone()[0]
            cr.execute(
                "SELECT reminder_sent_on FROM refugee_convocation WHERE id = %s",
                [self.convocation_id],
            )
            return count, cr.fetchone()[0]

    def test_reminders_while_another_run_holds_them(self):
        env1, env2 = self._worker(), self._worker()
        self.assertEqual(self._remind(env1), [self.convocation_id])
        # the convocation is held by the first run: skipped, without waiting
        self.assertEqual(self._remind(env2), [])
        env1.cr.commit()
        env2.cr.commit()
        self.assertEqual(self._committed_reminders(), (1, datetime(2017, 3, 2, 8, 0)))
        # and the next run finds it reminded
        self.assertEqual(self._remind(self._worker()), [])

    def test_reminders_after_another_run_committed_meanwhile(self):
        env1, env2 = self._worker(), self._worker()
        env2.cr.execute("SELECT 1 FROM refugee_convocation LIMIT 1")  # its snapshot
        self.assertEqual(self._remind(env1), [self.convocation_id])
        env1.cr.commit()
        # its snapshot still shows the convocation to remind: it leaves it
        self.assertEqual(self._remind(env2), [])
        env2.cr.commit()
        self.assertEqual(self._committed_reminders(), (1, datetime(2017, 3, 2, 8, 0)))
