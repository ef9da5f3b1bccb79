# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import (
    SQL,
    format_date,
    format_datetime,
    formatLang,
    html2plaintext,
    ormcache,
)

from .scheduled_run import claim_for_run

_logger = logging.getLogger(__name__)

# group reading the sensitive data of a file (health, disability, notes)
SENSITIVE_GROUPS = "plateforme_refugies.group_sensitive_data"
RETENTION_PARAMETER = "plateforme_refugies.retention_months"
DEFAULT_RETENTION_MONTHS = 24
COORDINATOR_GROUP = "plateforme_refugies.group_coordinator"
# Fields that name the person on the contact behind the file
PARTNER_WIPED_FIELDS = (
    "phone",
    "mobile",
    "email",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "vat",
    "ref",
    "website",
    "function",
    "title",
    "comment",
    "company_name",
    "image_1920",
)
# Identifiers and free text of the file that are not Text/Html fields
BENEFICIARY_WIPED_FIELDS = (
    "wished_jobs",
    "france_travail_ref",
    "pass_iae_number",
    "social_referent_id",
)
# Copies of the person's identity on records of other modules
RELATED_WIPED_FIELDS = {
    "event.registration": ("email", "phone", "company_name"),
}
RELATED_RENAMED_FIELDS = {
    "event.registration": ("name",),
}
EXPORT_PARTNER_FIELDS = {"name", "lang", *PARTNER_WIPED_FIELDS} - {"image_1920"}
# Technical fields never shown in the export of a file
EXPORT_SKIPPED_FIELDS = {
    "id",
    "display_name",
    "create_uid",
    "write_uid",
    "write_date",
    "partner_id",
    "name_key",
    "is_my_site",
    "is_refugee_beneficiary",
}


def read_write(method):
    """Serve the method on a read/write cursor: the read writes its log.

    Odoo 18 serves the methods marked ``@api.readonly`` on a read-only cursor
    (on the read replica when one is configured), where the INSERT of the log
    line fails and Odoo replays the whole request with a WARNING. The web
    client asks ``/web/dataset/call_kw`` for a read-only cursor only when the
    method it calls is marked so (``DataSet._call_kw_readonly``).
    """
    method._readonly = False
    return method


class RefugeeFilePrivacyMixin(models.AbstractModel):
    """Data protection of a person's file: consent per partner kind, log of
    the reads of sensitive data, right of access and anonymisation.

    Written for ``refugee.beneficiary`` (it reads the file's contact, journeys
    and the records of the journeys), and kept as a mixin of its own so that
    the file model reads as the file and the rules of personal data read as
    such; it is not meant for another model as it stands.

    Anonymisation overwrites what names the person and keeps every record
    (file, journeys, placements, registrations…) so that reports keep their
    counts. It keeps what reports group by and that names no one once the
    identity is gone: the year of birth (the date becomes the 1st of January;
    the journeys keep the age at orientation of the age bands), gender,
    nationality, protection type, site, dates, states and outcomes.
    """

    _name = "refugee.file.privacy.mixin"
    _description = "Data protection of a person's file"

    consent_ids = fields.One2many(
        comodel_name="refugee.consent",
        inverse_name="beneficiary_id",
        string="Consents",
    )
    anonymised_on = fields.Date(
        readonly=True,
        copy=False,
        help="Date the file was anonymised: the person can no longer be identified.",
    )

    # ------------------------------------------------------------------
    # Consent
    # ------------------------------------------------------------------
    def _has_consent(self, partner, scope=None):
        """Whether the person agreed to share data with this partner.

        The kinds of the partner and of its company count; a consent for
        ``scope`` (any scope when None) must be given and not withdrawn.
        """
        self.ensure_one()
        kinds = (
            partner.refugee_partner_type_ids
            | partner.commercial_partner_id.refugee_partner_type_ids
            | partner.parent_id.refugee_partner_type_ids
        )
        consents = self.sudo().consent_ids.filtered(
            lambda c: (
                c.state == "given"
                and c.partner_type_id in kinds
                and (not scope or c.scope == scope)
            )
        )
        return bool(kinds) and bool(consents)

    def _may_receive_file_data(self, partner):
        """Whether ``partner`` may receive data about every one of these
        persons: the person themselves, the staff (internal users) and the
        partners whose kind has the person's consent."""
        partner = partner.sudo()
        if any(not user.share for user in partner.user_ids):
            return True
        return all(
            partner == person.partner_id or person._has_consent(partner)
            for person in self
        )

    def _check_sharing_consent(self, partners):
        """Refuse, with a French error for the counsellor, to send anything
        about these persons to one of ``partners`` without consent.

        The one rule of the platform for every message, invitation, follower,
        activity and registration that leaves it (see ``mail.thread``
        ``_refugee_people``): call it before sharing data about a person.
        Nothing to check when there is no person.
        """
        for person in self:
            refused = partners.filtered(
                lambda p, person=person: not person._may_receive_file_data(p)
            )
            if not refused:
                continue
            partner = refused[0].sudo()
            kinds = (
                partner.refugee_partner_type_ids
                | partner.commercial_partner_id.refugee_partner_type_ids
            )
            raise UserError(
                self.env._(
                    "%(recipient)s cannot receive messages about the file "
                    "%(reference)s: the person has not consented to share their "
                    "data with this kind of partner (%(kinds)s). Record the "
                    "consent in the file first, or remove this recipient.",
                    recipient=partner.display_name,
                    reference=person.reference,
                    kinds=", ".join(kinds.mapped("name"))
                    or self.env._("no partner kind"),
                )
            )

    def _file_beneficiary(self):
        return self

    # ------------------------------------------------------------------
    # Log of the reads of sensitive data
    # ------------------------------------------------------------------
    @api.model
    @ormcache()
    def _sensitive_field_names(self):
        # fixed with the registry: every read of files asks for them
        return tuple(
            name
            for name, field in self._fields.items()
            if field.groups == SENSITIVE_GROUPS
        )

    @read_write
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self._log_sensitive_read(fields)
        return result

    # the methods of the web client and of RPC that read through read()
    @read_write
    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    @read_write
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    @api.model
    @read_write
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        return super().search_read(
            domain=domain,
            fields=fields,
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )

    def export_data(self, fields_to_export):
        # the export of a list reads through the cache, not through read()
        self._log_sensitive_read([path.split("/")[0] for path in fields_to_export])
        return super().export_data(fields_to_export)

    def _log_sensitive_read(self, field_names):
        """Log the sensitive fields read by an internal user (RPC reads only:
        the ORM's own reads go through the cache, not through ``read``)."""
        if not self or self.env.su:
            return
        sensitive = self._sensitive_field_names()
        if field_names is None:
            read = [f for f in sensitive if self._fields[f].is_accessible(self.env)]
        else:
            read = [f for f in sensitive if f in field_names]
        # (the user is looked at only then: a list reads no sensitive field)
        if not read or self.env.user.share:
            return
        labels = ", ".join(self._fields[f]._description_string(self.env) for f in read)
        self.env["refugee.sensitive.access.log"].sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "beneficiary_id": beneficiary.id,
                    "beneficiary_reference": beneficiary.sudo().reference,
                    "field_names": labels,
                }
                for beneficiary in self
            ]
        )

    # ------------------------------------------------------------------
    # Records that belong to the file
    # ------------------------------------------------------------------
    def _privacy_related_records(self):
        """Every stored record that belongs to these files, by model.

        Found through the stored many-to-one fields pointing to the files, to
        their journeys, then to the records found (an immersion's visits, a
        hire's follow-ups…), so that the models added later are covered too.
        Other modules' models count only when they point to a file or a
        journey (workshop registrations).
        """
        found = {self._name: self}
        models_to_scan = [
            self.env[name]
            for name in sorted(self.env.registry)
            if name != self._name
            and not self.env[name]._abstract
            and not self.env[name]._transient
            and self.env[name]._auto
            and not self.env[name]._table_query
        ]
        new_found = True
        while new_found:
            new_found = False
            for Model in models_to_scan:
                links = [
                    field
                    for field in Model._fields.values()
                    if field.type == "many2one"
                    and field.store
                    and field.comodel_name in found
                    and (
                        Model._name.startswith("refugee.")
                        or field.comodel_name in (self._name, "refugee.journey")
                    )
                ]
                if not links:
                    continue
                domain = expression.OR(
                    [
                        [(field.name, "in", found[field.comodel_name].ids)]
                        for field in links
                    ]
                )
                records = Model.sudo().with_context(active_test=False).search(domain)
                known = found.get(Model._name, Model.browse())
                if records - known:
                    found[Model._name] = known | records
                    new_found = True
        del found[self._name]
        return found

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------
    @api.model
    def _get_retention_months(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(RETENTION_PARAMETER, DEFAULT_RETENTION_MONTHS)
        )
        try:
            months = int(value)
        except (TypeError, ValueError):
            _logger.warning(
                "Invalid retention period %r, %s months used",
                value,
                DEFAULT_RETENTION_MONTHS,
            )
            return DEFAULT_RETENTION_MONTHS
        return max(months, 1)

    @api.model
    def _cron_anonymise_expired(self, batch_size=50):
        """Anonymise the files whose journeys are all closed since longer than
        the retention period. Files without any journey are left alone."""
        limit_date = fields.Date.context_today(self) - relativedelta(
            months=self._get_retention_months()
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT j.beneficiary_id
                  FROM refugee_journey j
                  JOIN refugee_beneficiary b ON b.id = j.beneficiary_id
                 WHERE b.anonymised_on IS NULL
              GROUP BY j.beneficiary_id
                HAVING BOOL_AND(j.state = 'closed')
                   AND MAX(COALESCE(j.close_date, j.exit_date)) <= %s
              ORDER BY j.beneficiary_id
                """,
                limit_date,
            )
        )
        expired_ids = [row[0] for row in self.env.cr.fetchall()]
        # the files another run is anonymising, or has just anonymised, are
        # left to it
        batch = claim_for_run(self.sudo().browse(expired_ids[:batch_size]))
        batch._anonymise()
        _logger.info("Anonymised %s expired beneficiary files", len(batch))
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(expired_ids) - len(batch)
        )

    def action_anonymise(self):
        """Anonymise the file at once, on the person's request."""
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(self.env._("Only the coordinator can anonymise a file."))
        done = self.filtered("anonymised_on")
        if done:
            raise UserError(
                self.env._(
                    "The file %(reference)s is already anonymised.",
                    reference=done[0].reference,
                )
            )
        self.check_access("write")
        self.sudo()._anonymise()
        return True

    def _anonymised_label(self):
        self.ensure_one()
        return self.env._("Anonymised file %(reference)s", reference=self.reference)

    @api.model
    def _wipe_free_text(self, records, renamed=None):
        """Empty the Text and Html fields (and the listed copies of the
        person's identity) of ``records``; required texts get a placeholder."""
        placeholder = self.env._("Anonymised")
        values = {}
        for name, field in records._fields.items():
            if (
                field.type in ("text", "html")
                and field.store
                and not field.compute
                and not field.related
            ):
                values[name] = placeholder if field.required else False
        for name in RELATED_WIPED_FIELDS.get(records._name, ()):
            values[name] = False
        if renamed:
            for name in RELATED_RENAMED_FIELDS.get(records._name, ()):
                values[name] = renamed
        if values:
            records.write(values)

    def _anonymise(self):
        """Overwrite everything that names the person; delete their messages,
        attachments and followers. Records stay, so reports keep their counts.
        To be called as superuser."""
        self = self.with_context(
            active_test=False, tracking_disable=True, mail_notrack=True
        )
        today = fields.Date.context_today(self)
        for beneficiary in self:
            related = beneficiary._privacy_related_records()
            label = beneficiary._anonymised_label()
            partners = beneficiary.partner_id | beneficiary.partner_id.child_ids
            for records in related.values():
                self._wipe_free_text(records, renamed=label)
            events = self._privacy_calendar_events(related)
            events.write({"name": label, "description": False})
            partners.child_ids.write({"name": label})
            partners.write(dict.fromkeys(PARTNER_WIPED_FIELDS, False))
            self._wipe_free_text(beneficiary)
            journeys = beneficiary.journey_ids
            with self.env.protecting([journeys._fields["orientation_age"]], journeys):
                beneficiary.write(
                    {"birthdate": beneficiary.birthdate.replace(month=1, day=1)}
                )
            beneficiary.write(
                {
                    "name": label,
                    "anonymised_on": today,
                    **dict.fromkeys(BENEFICIARY_WIPED_FIELDS, False),
                    **dict.fromkeys(self._sensitive_field_names(), False),
                }
            )
            documents = [(self._name, beneficiary.ids), ("res.partner", partners.ids)]
            documents += [(records._name, records.ids) for records in related.values()]
            documents.append(("calendar.event", events.ids))
            self._delete_traces(documents, partners)
        _logger.info("Beneficiary files %s anonymised", self.mapped("reference"))

    @api.model
    def _privacy_calendar_events(self, related):
        journeys = related.get("refugee.journey", self.env["refugee.journey"])
        events = related.get("refugee.interview", self.env["refugee.interview"]).mapped(
            "calendar_event_id"
        )
        return events | self.env["calendar.event"].sudo().search(
            [
                ("res_model_id.model", "=", "refugee.journey"),
                ("res_id", "in", journeys.ids),
            ]
        )

    @api.model
    def _documents_domain(self, documents, model_field, id_field):
        return expression.OR(
            [(model_field, "=", model_name), (id_field, "in", ids)]
            for model_name, ids in documents
            if ids
        )

    @api.model
    def _delete_traces(self, documents, partners):
        """Delete the messages, attachments and followers of the documents and
        the messages written by the person; wipe the texts of their
        activities (kept: deadlines and reports count them)."""
        self.env["mail.message"].sudo().search(
            expression.OR(
                [
                    [("author_id", "in", partners.ids)],
                    self._documents_domain(documents, "model", "res_id"),
                ]
            )
        ).unlink()
        attached = self._documents_domain(documents, "res_model", "res_id")
        self.env["ir.attachment"].sudo().search(
            expression.AND(
                [["|", ("res_field", "=", False), ("res_field", "!=", False)], attached]
            )
        ).unlink()
        activities = self.env["mail.activity"].sudo().search(attached)
        activities.write({"summary": False, "note": False})
        self.env.add_to_compute(activities._fields["res_name"], activities)
        self.env["mail.followers"].sudo().search(
            [("partner_id", "in", partners.ids)]
        ).unlink()

    # ------------------------------------------------------------------
    # Right of access
    # ------------------------------------------------------------------
    def action_export_file(self):
        """Print everything the platform holds about the person."""
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only the coordinator can export a whole file.")
            )
        return self.env.ref(
            "plateforme_refugies.refugee_beneficiary_action_report_access"
        ).report_action(self)

    def _access_export_sections(self):
        """The whole file as readable sections: ``[(title, [[(label, value)]])]``.

        Read as superuser once the coordinator's rights are checked, so that
        nothing the platform holds about the person is left out.
        """
        self.ensure_one()
        if not self.env.user.has_group(COORDINATOR_GROUP):
            raise AccessError(
                self.env._("Only the coordinator can export a whole file.")
            )
        # the export reads the sensitive data too: it is logged like a read
        self._log_sensitive_read(self._sensitive_field_names())
        beneficiary = self.sudo().with_context(active_test=False)
        sections = [
            (self.env._("File"), [beneficiary._access_export_values(beneficiary)])
        ]
        related = beneficiary._privacy_related_records()
        documents = [(self._name, beneficiary.ids)]
        for model_name, records in related.items():
            sections.append(
                (
                    records._description,
                    [beneficiary._access_export_values(r) for r in records],
                )
            )
            documents.append((model_name, records.ids))
        sections.append(beneficiary._access_export_messages(documents))
        return [section for section in sections if section[1]]

    @api.model
    def _access_export_values(self, record):
        values = []
        for name, field in record._fields.items():
            if (
                name in EXPORT_SKIPPED_FIELDS
                or name.startswith(("message_", "activity_", "website_message"))
                or field.type in ("binary", "one2many", "many2one_reference")
                or not (field.store or field.inherited)
                # of the contact behind the file, only what names the person
                or (field.inherited and name not in EXPORT_PARTNER_FIELDS)
            ):
                continue
            value = self._access_export_format(record, field)
            if value:
                values.append((field._description_string(self.env), value))
        return values

    @api.model
    def _access_export_format(self, record, field):
        value = record[field.name]
        if field.type == "boolean":
            return self.env._("Yes") if value else ""
        if not value:
            return ""
        if field.type in ("many2one", "many2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == "date":
            return format_date(self.env, value)
        if field.type == "datetime":
            return format_datetime(self.env, value, dt_format="short")
        if field.type == "html":
            return html2plaintext(value)
        if field.type == "float":
            digits = field.get_digits(self.env)
            return formatLang(self.env, value, digits=digits[1] if digits else 2)
        return str(value)

    @api.model
    def _access_export_messages(self, documents):
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                expression.AND(
                    [
                        self._documents_domain(documents, "model", "res_id"),
                        [("message_type", "!=", "user_notification")],
                    ]
                ),
                order="date, id",
            )
        )
        lines = []
        for message in messages:
            text = html2plaintext(message.body or "")
            attachments = ", ".join(message.attachment_ids.mapped("name"))
            if not (text or attachments or message.tracking_value_ids):
                continue
            tracking = "; ".join(
                "{}: {} → {}".format(
                    t.field_id.field_description,
                    t._format_display_value(t.field_id.ttype, new=False)[0] or "",
                    t._format_display_value(t.field_id.ttype, new=True)[0] or "",
                )
                for t in message.tracking_value_ids
            )
            lines.append(
                [
                    (
                        self.env._("Date"),
                        format_datetime(self.env, message.date, dt_format="short"),
                    ),
                    (self.env._("Author"), message.author_id.display_name or ""),
                    (self.env._("Record"), message.record_name or ""),
                    (self.env._("Message"), text or tracking),
                    (self.env._("Attachments"), attachments),
                ]
            )
        return (self.env._("Messages and documents"), lines)
