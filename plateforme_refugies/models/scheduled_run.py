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
