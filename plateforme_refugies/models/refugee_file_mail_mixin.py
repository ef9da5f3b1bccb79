# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class RefugeeFileMailMixin(models.AbstractModel):
    """Messages of a person's file follow their consents.

    The file itself, its journeys, placements, immersions and hires: a message
    to a partner without consent is refused, followers without consent are not
    notified and are not suggested as recipients (see
    ``refugee.beneficiary._may_receive_file_data``).
    """

    _name = "refugee.file.mail.mixin"
    _description = "Messages of a person's file"
    _inherit = ["mail.thread"]

    def _file_beneficiary(self):
        """The beneficiary whose consents govern the messages of the record."""
        return self.beneficiary_id

    def message_post(self, **kwargs):
        partners = self.env["res.partner"].browse(kwargs.get("partner_ids") or [])
        if partners and len(self) == 1:
            self._file_beneficiary()._check_sharing_consent(partners)
        return super().message_post(**kwargs)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1:
            return recipients
        return self._file_beneficiary()._filter_file_recipients(recipients)

    def _message_get_suggested_recipients(self):
        suggestions = super()._message_get_suggested_recipients()
        person = self._file_beneficiary()
        Partner = self.env["res.partner"]
        return [
            suggestion
            for suggestion in suggestions
            if not suggestion.get("partner_id")
            or person._may_receive_file_data(Partner.browse(suggestion["partner_id"]))
        ]

    def _creation_message(self):
        # in the language of the file's counsellor, whoever creates it
        user = self[:1].counsellor_id
        return super(
            RefugeeFileMailMixin, self.with_context(lang=user._refugee_lang())
        )._creation_message()
