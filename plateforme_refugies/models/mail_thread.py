# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailThread(models.AbstractModel):
    """Nothing about a person leaves the platform without their consent.

    Whatever the app (the platform's records, Contacts, Calendar, Events, CRM),
    a record that names beneficiaries (``_refugee_people``) sends its messages
    only to the persons themselves, the staff and the partners whose kind has
    the persons' consent: a message addressed to another partner and a new
    follower without consent are refused with a French error; followers whose
    consent was withdrawn are no longer notified. The rule itself is
    ``refugee.beneficiary._check_sharing_consent`` /
    ``_may_receive_file_data``.
    """

    _inherit = "mail.thread"

    def _refugee_people(self):
        """The beneficiary files (as superuser) the records are about: by
        default the one of their field ``beneficiary_id``, if any."""
        field = self._fields.get("beneficiary_id")
        if field and field.comodel_name == "refugee.beneficiary":
            return self.sudo().beneficiary_id
        return self.env["refugee.beneficiary"].sudo()

    def _creation_message(self):
        """ "… created" in the language of the record's counsellor, whoever
        creates it; for another record, in the language of the session, else
        the company's (the scheduler, an upgrade, the demo data run with
        none)."""
        field = self._fields.get("counsellor_id")
        if field and field.comodel_name == "res.users":
            lang = self[:1].counsellor_id._refugee_lang()
        else:
            lang = self.env.lang or self.env.company.sudo().partner_id.lang
        if not self._name.startswith("refugee."):
            return super(MailThread, self.with_context(lang=lang))._creation_message()
        # Odoo's "%s created" cannot agree with the kind of record in French
        # ("Convocation créé"): the platform's records say it in one sentence
        # that agrees whatever the kind
        env = self.with_context(lang=lang).env
        kind = env["ir.model"].sudo()._get(self._name).name
        return env._("Record created: %(kind)s", kind=kind)

    def message_post(self, **kwargs):
        if len(self) == 1 and kwargs.get("partner_ids"):
            partners = self.env["res.partner"].browse(kwargs["partner_ids"])
            self._refugee_people()._check_sharing_consent(partners)
        return super().message_post(**kwargs)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # a user adding followers is told at once; the platform's own
        # subscriptions stay possible, their notifications are filtered below
        if partner_ids and not self.env.su:
            partners = self.env["res.partner"].browse(partner_ids)
            for record in self:
                record._refugee_people()._check_sharing_consent(partners)
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1:
            return recipients
        people = self._refugee_people()
        if not people:
            return recipients
        Partner = self.env["res.partner"]
        return [
            recipient
            for recipient in recipients
            if people._may_receive_file_data(Partner.browse(recipient["id"]))
        ]

    def _message_get_suggested_recipients(self):
        suggestions = super()._message_get_suggested_recipients()
        people = self._refugee_people()
        if not people:
            return suggestions
        Partner = self.env["res.partner"]
        return [
            suggestion
            for suggestion in suggestions
            if not suggestion.get("partner_id")
            or people._may_receive_file_data(Partner.browse(suggestion["partner_id"]))
        ]
