# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import RefugeeCase


class TestSensitiveAccessLog(RefugeeCase):
    """Reads of health and confidential data are logged for the coordinator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls._create_beneficiary(
            "Ahmad Rahimi", health_constraints="Asthme", confidential_notes="Suivi"
        )
        cls.Log = cls.env["refugee.sensitive.access.log"]
        # health data on a need-to-know basis: this counsellor was granted it
        cls.counsellor_north.groups_id += cls.env.ref(
            "plateforme_refugies.group_sensitive_data"
        )

    def _logs(self):
        return self.Log.search([("beneficiary_id", "=", self.person.id)])

    def test_reading_sensitive_fields_is_logged(self):
        person = self.person.with_user(self.counsellor_north)
        person.web_read({"name": {}, "health_constraints": {}})
        log = self._logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.counsellor_north)
        self.assertEqual(log.beneficiary_reference, self.person.reference)
        self.assertIn("Health Constraints", log.field_names)
        self.assertTrue(log.date)
        # a plain read of both sensitive fields: one more line naming both
        person.read(["health_constraints", "confidential_notes"])
        self.assertEqual(len(self._logs()), 2)
        self.assertIn("Confidential Notes", self._logs()[0].field_names)

    def test_exporting_sensitive_fields_is_logged(self):
        self.counsellor_north.groups_id += self.env.ref("base.group_allow_export")
        person = self.person.with_user(self.counsellor_north)
        person.export_data(["name", "wished_jobs"])
        self.assertFalse(self._logs())
        rows = person.export_data(["name", "health_constraints"])["datas"]
        self.assertEqual(rows, [["Ahmad Rahimi", "Asthme"]])
        self.assertEqual(self._logs().field_names, "Health Constraints")

    def test_other_reads_are_not_logged(self):
        person = self.person.with_user(self.counsellor_north)
        person.web_read({"name": {}, "wished_jobs": {}, "birthdate": {}})
        person.read(["name", "phone"])
        # the ORM's own reads (cache, computations) and the superuser: no log
        self.assertEqual(person.health_constraints, "Asthme")
        self.person.read(["health_constraints"])
        self.assertFalse(self._logs())

    def test_only_the_coordinator_reads_the_log_and_nobody_changes_it(self):
        self.person.with_user(self.counsellor_north).read(["health_constraints"])
        log = self._logs()
        for user in (self.counsellor_north, self.reader, self.internal_user):
            with self.assertRaises(AccessError):
                log.with_user(user).read(["user_id"])
        self.assertEqual(
            self.Log.with_user(self.coordinator).search(
                [("beneficiary_id", "=", self.person.id)]
            ),
            log,
        )
        log_as_coordinator = log.with_user(self.coordinator)
        with self.assertRaises(AccessError):
            log_as_coordinator.write({"field_names": "Rien"})
        with self.assertRaises(AccessError):
            log_as_coordinator.unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.coordinator).create(
                {"user_id": self.coordinator.id, "beneficiary_id": self.person.id}
            )
