# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .common import RefugeeTourCase


@tagged("post_install", "-at_install")
class TestReadOnlyCursor(RefugeeTourCase):
    """With a read replica, Odoo 18 serves the reads of the web client
    (``@api.readonly`` methods) on a read-only cursor; the test server makes
    the same cursor read-only. A counsellor opening a file must still get the
    read of its sensitive data logged, without an error replayed on the
    primary (an ERROR and a WARNING in the log for each file opened)."""

    def test_counsellor_opens_a_file_on_a_read_only_cursor(self):
        site, counsellor = self._site_with_user(
            "Replica Blois", "REPLICA", "replica_cip", "Replica Counsellor"
        )
        person = self.env["refugee.beneficiary"].create(
            {
                "name": "Hewan Tesfaye",
                "birthdate": date(1993, 4, 2),
                "site_id": site.id,
                "counsellor_id": counsellor.id,
                "health_constraints": "Asthme",
            }
        )
        self.authenticate("replica_cip", "replica_cip")
        with (
            self.assertNoLogs("odoo.http", "WARNING"),
            self.assertNoLogs("odoo.sql_db", "ERROR"),
        ):
            records = self.make_jsonrpc_request(
                "/web/dataset/call_kw/refugee.beneficiary/web_read",
                {
                    "model": "refugee.beneficiary",
                    "method": "web_read",
                    "args": [person.ids],
                    "kwargs": {"specification": {"name": {}, "health_constraints": {}}},
                },
            )
        self.assertEqual(records[0]["health_constraints"], "Asthme")
        log = self.env["refugee.sensitive.access.log"].search(
            [("beneficiary_id", "=", person.id)]
        )
        self.assertEqual(log.user_id, counsellor)
        self.assertIn("Health Constraints", log.field_names)
