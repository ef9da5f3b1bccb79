# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the addon assumes of Odoo 18.0's internals, where the benchmark
proves the need of relying on them (see readme/CONTRIBUTORS.md): each test
fails when a version of Odoo changes the assumption."""

from datetime import date, timedelta
from unittest.mock import patch

from odoo import models
from odoo.tests import tagged

from .common import RefugeeCase


@tagged("post_install", "-at_install")
class TestOdooAssumptions(RefugeeCase):
    def _files(self, count, prefix):
        return self.env["refugee.beneficiary"].create(
            [
                {
                    "name": f"{prefix} Person {index}",
                    "birthdate": date(1990, 1, 1) + timedelta(days=index),
                    "site_id": self.site_north.id,
                }
                for index in range(count)
            ]
        )

    def test_batch_numbers_continue_the_sequence_of_next_by_code(self):
        """models/ir_sequence.py draws the numbers of a batch from the
        PostgreSQL sequence behind ir.sequence, named ``ir_sequence_<id>``,
        and formats them with ``_get_prefix_suffix``."""
        Sequence = self.env["ir.sequence"]
        batch = Sequence._next_numbers_by_code("refugee.beneficiary", 3)
        after = Sequence.next_by_code("refugee.beneficiary")
        numbers = [int(number.removeprefix("BEN-")) for number in [*batch, after]]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)))
        self.assertEqual({len(number) for number in [*batch, after]}, {len(after)})
        # a sequence that is not a plain PostgreSQL one: one number at a time
        sequence = Sequence.search([("code", "=", "refugee.beneficiary")])
        sequence.implementation = "no_gap"
        batch = Sequence._next_numbers_by_code("refugee.beneficiary", 2)
        after = Sequence.next_by_code("refugee.beneficiary")
        numbers = [int(number.removeprefix("BEN-")) for number in [*batch, after]]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))

    def test_defaults_of_a_batch_of_files_are_looked_up_once(self):
        """models/batch_defaults.py: the ORM still completes the values of a
        new record with ``BaseModel._add_missing_default_values``; the contacts
        of a batch of new files look them up once, other contacts each time."""
        original = models.BaseModel._add_missing_default_values
        looked_up = []

        def spy(model, values):
            looked_up.append(model._name)
            return original(model, values)

        self._files(1, "Warm")
        calls = []
        for count in (2, 6):
            looked_up.clear()
            with patch.object(models.BaseModel, "_add_missing_default_values", spy):
                self._files(count, f"Batch{count}")
            calls.append(looked_up.count("res.partner"))
        self.assertEqual(calls[0], calls[1], "defaults looked up once per batch")
        self.assertGreater(calls[0], 0, "the ORM no longer completes the values")
        looked_up.clear()
        with patch.object(models.BaseModel, "_add_missing_default_values", spy):
            self.env["res.partner"].create(
                [{"name": f"Contact {index}"} for index in range(4)]
            )
        self.assertEqual(
            looked_up.count("res.partner"), 4, "other contacts get their own defaults"
        )
