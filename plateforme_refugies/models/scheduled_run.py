# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scheduled actions run once per due item on several workers and hosts.

Odoo gives a scheduled action to one cron worker at a time, but the same
work may still run twice at once: an action run by hand while the scheduler
runs it, a second host with its own cron threads, an action copied. Each run
claims the rows it is about to change: ``claim_for_run`` locks them for its
transaction, skipping those another run holds, and gives none when another
run changed them after this transaction began (its data would be out of
date). The other run's work is then not done twice, and nobody gets an error.
"""

import logging

from psycopg2 import errors

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def create_run_marker(cr, marker):
    """The sequence in which each run of a job notes its transaction (read
    and written outside the transactions: sequences are not transactional)."""
    cr.execute(
        SQL(
            "CREATE SEQUENCE IF NOT EXISTS %s MINVALUE 0 START 0",
            SQL.identifier(marker),
        )
    )


def start_exclusive_run(cr, marker, query):
    """The ids that ``query`` selects, as a run of the job of ``marker``
    (see ``create_run_marker``) may process them; ``None`` when the job is
    left to another run: one that holds it (a lock until its transaction
    ends) or one that committed after this transaction began.

    One statement, that never fails: the run takes the lock of the job, reads
    which transaction ran it last and, when it goes, notes its own.
    """
    cr.execute(
        SQL(
            """
            WITH run AS MATERIALIZED (
                SELECT pg_try_advisory_xact_lock(hashtext(%(name)s))
                       AND (last.txid = 0
                            OR txid_visible_in_snapshot(last.txid,
                                                        txid_current_snapshot())
                            OR txid_status(last.txid) IS DISTINCT FROM 'committed')
                       AS go
                  FROM (SELECT last_value AS txid FROM %(marker)s) AS last
            ), noted AS MATERIALIZED (
                SELECT setval(%(name)s, txid_current()) AS txid FROM run WHERE go
            )
            SELECT CASE WHEN go THEN ARRAY(%(query)s) END,
                   (SELECT txid FROM noted)
              FROM run
            """,
            query=query,
            name=marker,
            marker=SQL.identifier(marker),
        )
    )
    ids = cr.fetchone()[0]
    if ids is None:
        _logger.info("%s: another run holds the job or has just run it", marker)
    return ids


def claim_for_run(records):
    """The rows of ``records`` this transaction may process, locked for it."""
    if not records:
        return records
    cr = records.env.cr
    records.flush_recordset()
    try:
        with cr.savepoint(flush=False):
            # (a row updated by a run committed after this transaction began
            # raises a serialization failure in REPEATABLE READ)
            cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE SKIP LOCKED",
                    SQL.identifier(records._table),
                    tuple(records.ids),
                ),
                log_exceptions=False,
            )
            claimed = {row[0] for row in cr.fetchall()}
    except errors.SerializationFailure:
        _logger.info(
            "%s: another run processed these records meanwhile; skipped",
            records._name,
        )
        return records.browse()
    if len(claimed) < len(records):
        _logger.info(
            "%s: %s records are being processed by another run; skipped",
            records._name,
            len(records) - len(claimed),
        )
    return records.browse([id_ for id_ in records.ids if id_ in claimed])
