# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RefugeeSensitiveAccessLog(models.Model):
    """Who read the special-category data of which file, and when.

    Lines are written by the platform only (as superuser) when an internal
    user reads a sensitive field of a file; the coordinator reads them, nobody
    changes or deletes them through the interface.
    """

    _name = "refugee.sensitive.access.log"
    _description = "Access to sensitive data"
    _order = "date desc, id desc"
    _rec_name = "beneficiary_reference"

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        string="File",
        readonly=True,
        index=True,
        ondelete="set null",
    )
    beneficiary_reference = fields.Char(
        string="File number",
        readonly=True,
        help="Kept when the file itself is deleted.",
    )
    field_names = fields.Char(string="Fields read", readonly=True)
