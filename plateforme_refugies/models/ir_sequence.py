# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _next_numbers_by_code(self, code, count):
        """`count` numbers of the sequence `code` for a batch of new records.

        ``next_by_code`` looks the sequence up again and draws one number per
        query; this looks it up once and draws the numbers of a standard
        sequence (a PostgreSQL sequence, without date ranges) in one query,
        in the format of ``next_by_code`` (imports and batches create
        thousands of records). Other sequences draw one number at a time.

        Relies on two internals of ir.sequence in 18.0 (the PostgreSQL sequence
        ``ir_sequence_<id>`` and ``_get_prefix_suffix``): line 5 of the
        benchmark needs one query per batch instead of one per file;
        tests/test_odoo_assumptions.py fails when Odoo changes them.
        """
        sequence = self.sudo().search(
            [("code", "=", code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence:
            return [False] * count
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for __ in range(count)]
        if count <= 0:
            return []
        # the PostgreSQL sequence of ir.sequence, its increment included
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        prefix, suffix = sequence._get_prefix_suffix()
        return [
            f"{prefix}{number:0{sequence.padding}d}{suffix}"
            for [number] in self.env.cr.fetchall()
        ]
