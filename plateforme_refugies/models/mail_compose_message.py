# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import email_normalize_all

_logger = logging.getLogger(__name__)


class MailComposeMessage(models.TransientModel):
    """E-mails sent in mass from the composer (and by Odoo's automated
    e-mails, such as the confirmations of event registrations) follow the
    persons' consents too: posting on a record goes through ``message_post``
    (see ``models/mail_thread.py``), mass e-mails do not."""

    _inherit = "mail.compose.message"

    def _prepare_mail_values(self, res_ids):
        values = super()._prepare_mail_values(res_ids)
        if self.composition_mode != "mass_mail" or not self.model:
            return values
        Model = self.env[self.model]
        if not hasattr(Model, "_refugee_people"):
            return values
        for record in Model.sudo().browse(list(values)):
            people = record._refugee_people()
            if not people:
                continue
            mail_values = values[record.id]
            try:
                self._check_mail_consent(people, mail_values)
            except UserError:
                if not self.env.su:
                    raise
                # automated e-mails (a scheduler): this one is not sent
                _logger.info(
                    "E-mail about %s not sent: no consent of the person",
                    people.mapped("reference"),
                )
                del values[record.id]
        return values

    def _check_mail_consent(self, people, mail_values):
        Partner = self.env["res.partner"].sudo()
        partner_ids = [
            command[1]
            for command in mail_values.get("recipient_ids") or []
            if command[0] == 4
        ]
        people._check_sharing_consent(Partner.browse(partner_ids))
        addresses = email_normalize_all(
            ",".join(
                filter(None, [mail_values.get("email_to"), mail_values.get("email_cc")])
            )
        )
        for address in addresses:
            known = Partner.with_context(active_test=False).search(
                [("email_normalized", "=", address)]
            )
            if not known:
                raise UserError(
                    self.env._(
                        "%(address)s cannot receive e-mails about the file "
                        "%(reference)s: this address belongs to no known "
                        "contact, so the person cannot have consented to it. "
                        "Send it to a contact of the file instead.",
                        address=address,
                        reference=people[0].reference,
                    )
                )
            if not any(people._may_receive_file_data(partner) for partner in known):
                people._check_sharing_consent(known)
