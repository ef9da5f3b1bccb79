# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _next_numbers_by_code(self, code, count):
        """`count` numbers of the sequence `code` for a batch of new records.

        ``next_by_code`` looks the sequence up again for every number; this
        looks it up once (imports and batches create thousands of records).
        """
        sequence = self.sudo().search(
            [("code", "=", code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence:
            return [False] * count
        return [sequence._next() for __ in range(count)]
