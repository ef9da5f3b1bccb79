# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import MissingError
from odoo.tools import format_date, plaintext2html

SUBMISSION_ACTIVITY = "plateforme_refugies.mail_activity_type_partner_submission"


class RefugeePortalMixin(models.AbstractModel):
    """A record that partners (SIAE supervisors, employer tutors) follow in the
    portal.

    Portal users have no access right on the addon's models: the portal
    controllers read and write these records as superuser, only through the
    methods below, which keep them to the records of the partner's company
    (``_portal_partner_field``) and to what that partner may see of the person.
    """

    _name = "refugee.portal.mixin"
    _description = "Record followed by partners in the portal"
    _portal_partner_field = None
    _portal_states = ()

    @api.model
    def _portal_domain(self, partner):
        return [
            (self._portal_partner_field, "=", partner.commercial_partner_id.id),
            ("state", "in", self._portal_states),
        ]

    @api.model
    def _portal_search(self, partner, record_id=None):
        """The records of the partner's company, as superuser.

        :raise MissingError: ``record_id`` is not one of them.
        """
        domain = self._portal_domain(partner)
        if record_id is not None:
            domain = [("id", "=", record_id), *domain]
        records = self.sudo().search(domain)
        if record_id is not None and not records:
            raise MissingError(self.env._("This record does not exist."))
        return records

    def _portal_person(self, partner):
        """What the partner may know of the person: their first name and the
        initial of their last name, or else (no consent, or the file is
        anonymised) a pseudonym that stays the same for the record, so that
        the partner tells two people apart: "Person 3 — since 15/11"."""
        self.ensure_one()
        record = self.sudo()
        person = record.beneficiary_id
        if not person.anonymised_on and person._may_receive_file_data(partner):
            first, *others = person.name.split()
            return f"{first} {others[-1][0]}." if others else first
        # the rank of the record among those of the partner's company, which
        # never changes (records are not deleted, only cancelled)
        rank = record.search_count(
            [
                (
                    self._portal_partner_field,
                    "=",
                    record[self._portal_partner_field].id,
                ),
                ("id", "<=", record.id),
            ]
        )
        return self.env._(
            "Person %(rank)s — since %(date)s",
            rank=rank,
            date=format_date(self.env, record.date_start, date_format="dd/MM"),
        )

    def _portal_answers(self, values, choice_fields, text_field, date_field):
        """The values to write of a form answered in the portal: each of
        ``choice_fields`` among its choices, the free text and today as the
        date; None when a choice is missing or unknown."""
        answers = {}
        for name in choice_fields:
            if values.get(name) not in self._fields[name].get_values(self.env):
                return None
            answers[name] = values[name]
        return {
            **answers,
            text_field: values.get(text_field) or False,
            date_field: fields.Date.context_today(self),
        }

    def _portal_reader_env(self):
        """The environment to write what the counsellor reads of a partner's
        submission: in the counsellor's language, whatever the partner's."""
        self.ensure_one()
        return self.with_context(lang=self.counsellor_id._refugee_lang()).env

    def _portal_notify(self, partner, body, summary, routine=False):
        """Tell the counsellor what the partner submitted: a note in the chatter
        (``body``, plain text) and an activity (``summary``). A ``routine``
        submission (a week of attendance) adds no activity while one is still
        open on the record. The partner does not become a follower."""
        record = self.sudo().with_context(mail_create_nosubscribe=True)
        record.message_post(
            body=plaintext2html(body),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        activity_type = self.env.ref(SUBMISSION_ACTIVITY)
        if routine and record.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ):
            return
        if record.counsellor_id:
            record.activity_schedule(
                SUBMISSION_ACTIVITY, summary=summary, user_id=record.counsellor_id.id
            )
