# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class IrAttachment(models.Model):
    """An attachment is read only by whoever may read its document.

    Odoo 18 checks the document of an attachment when searching, writing or
    deleting it (``check``), not when it is read by its id (RPC ``read``,
    ``/web/content/<id>``): a document of a person's file would be read by
    any employee who knows its number.
    """

    _inherit = "ir.attachment"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or not self or self.env.su:
            return result
        allowed = self - result[0] if result else self
        forbidden = self.browse()
        for attachment in allowed:
            try:
                attachment.check("read")
            except AccessError:
                forbidden |= attachment
        if not forbidden:
            return result
        if result:
            return result[0] | forbidden, result[1]
        return forbidden, lambda: AccessError(
            self.env._(
                "You cannot open the document %(name)s: it belongs to a record "
                "you are not allowed to read.",
                name=forbidden[0].sudo().name,
            )
        )
