# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unicodedata
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_time

from .event_registration import ATTENDANCES
from .refugee_convocation_source_mixin import DEFAULT_TZ
from .scheduled_run import claim_for_run

CONVOCATION_KINDS = [
    ("interview", "Interview"),
    ("workshop", "Workshop"),
    ("sas_start", "Start of a SIAE placement"),
    ("immersion_start", "Start of an immersion"),
    ("follow_up", "Follow-up meeting"),
]
FRENCH = "fr_FR"
# The language of the text beside the French one when the person's language
# of contact has no Odoo language: the fallback said in the readme.
FALLBACK_LANG = "en_US"
REMINDER_DAYS_PARAMETER = "plateforme_refugies.reminder_days"
DEFAULT_REMINDER_DAYS = 2
SMS_PARAMETER = "plateforme_refugies.sms_enabled"
# One SMS: 160 characters of the GSM alphabet, 70 otherwise (UCS-2)
SMS_GSM_LENGTH = 160
SMS_UNICODE_LENGTH = 70
GSM_CHARACTERS = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Characters of French texts outside the SMS alphabet, and their stand-ins
SMS_STAND_INS = {"\u2019": "'", "\u00a0": " ", "\u202f": " "}
# What to bring by default, per kind of appointment (xml ids of items)
DEFAULT_ITEMS = {
    "interview": ("this_letter", "residence_permit"),
    "workshop": ("this_letter", "pen"),
    "sas_start": (
        "this_letter",
        "residence_permit",
        "health_card",
        "work_clothes",
        "meal",
    ),
    "immersion_start": (
        "this_letter",
        "residence_permit",
        "health_card",
        "work_clothes",
    ),
    "follow_up": ("this_letter",),
}
# Pictograms of the e-mail (emoji, read on any phone); the PDF letter draws
# Font Awesome icons instead, wkhtmltopdf having no emoji font.
MAIL_PICTOGRAMS = {
    "date": "\U0001f4c5",
    "time": "\U0001f552",
    "place": "\U0001f4cd",
    "ask_for": "\U0001f464",
    "bring": "\U0001f392",
    "phone": "\U0001f4de",
}
PDF_PICTOGRAMS = {
    "date": "fa-calendar",
    "time": "fa-clock-o",
    "place": "fa-map-marker",
    "ask_for": "fa-user",
    "bring": "fa-suitcase",
    "phone": "fa-phone",
}


PRESENCE_KINDS = [*CONVOCATION_KINDS, ("sas_week", "Week in a SIAE")]


def sms_alphabet(text):
    """``text`` in the SMS alphabet where it can be: a letter outside it loses
    its accent (Vendôme: Vendome), typographic spaces and apostrophes become
    plain ones; other scripts are kept (the SMS is then a Unicode one)."""
    chars = []
    for char in text:
        if char not in GSM_CHARACTERS:
            char = SMS_STAND_INS.get(char) or unicodedata.normalize("NFKD", char)[0]
        chars.append(char)
    return "".join(chars)


def sms_length(text):
    """How many characters one SMS holds, written in the alphabet of ``text``."""
    return SMS_GSM_LENGTH if set(text) <= GSM_CHARACTERS else SMS_UNICODE_LENGTH


class RefugeeConvocation(models.Model):
    """A convocation of a person to an appointment: interview, workshop
    session, start of a SAS placement or of an immersion, follow-up meeting.

    States and their actions::

        draft --action_send--> sent --action_cancel--> cancelled
        draft --action_cancel--> cancelled

    Sending e-mails the person (in French and in their language of contact,
    side by side) when they have an address and did not refuse electronic
    messages; otherwise the counsellor prints the letter. A new date on a sent
    convocation sends it again (a moved appointment) and its reminder is due
    again. The scheduler reminds the person once, some days before.
    """

    _name = "refugee.convocation"
    _description = "Convocation"
    _inherit = [
        "refugee.file.mail.mixin",  # mail.thread, following the consents
        "mail.activity.mixin",
    ]
    _order = "date_start desc, id desc"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
    )
    site_id = fields.Many2one(related="beneficiary_id.site_id", store=True, index=True)
    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        compute="_compute_counsellor_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("share", "=", False)],
        tracking=True,
    )
    kind = fields.Selection(
        selection=CONVOCATION_KINDS, required=True, default="interview", tracking=True
    )
    res_model = fields.Char(string="Source model", readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Source", model_field="res_model", readonly=True, index=True
    )
    registration_id = fields.Many2one(
        comodel_name="event.registration",
        string="Workshop registration",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
    )
    date_start = fields.Datetime(string="Date", required=True, tracking=True)
    duration = fields.Float(default=1.0, help="Duration in hours.")
    place_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        default=lambda self: self.env.company.partner_id,
        help="The address printed on the convocation.",
    )
    ask_for = fields.Char(string="Ask for", help="Who the person asks for on arrival.")
    item_ids = fields.Many2many(
        comodel_name="refugee.convocation.item",
        string="What to bring",
        compute="_compute_item_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    note = fields.Text(
        string="Note (French)", help="Printed in the French column only."
    )
    counsellor_phone = fields.Char(
        string="Counsellor's phone",
        compute="_compute_counsellor_phone",
        store=True,
        readonly=False,
        precompute=True,
    )
    state = fields.Selection(
        selection=[
            ("draft", "To send"),
            ("sent", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    sent_by = fields.Selection(
        selection=[("email", "E-mail"), ("letter", "Letter to print")],
        string="Sent by",
        readonly=True,
        copy=False,
        tracking=True,
    )
    sent_on = fields.Datetime(string="Sent on", readonly=True, copy=False)
    move_count = fields.Integer(
        string="Moves", readonly=True, copy=False, help="How many times it was moved."
    )
    reminder_sent_on = fields.Datetime(
        string="Reminder sent on", readonly=True, copy=False
    )
    presence = fields.Selection(
        selection=ATTENDANCES,
        compute="_compute_presence",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        copy=False,
        help="For a workshop, the attendance recorded on the registration.",
    )
    contact_lang = fields.Char(
        string="Language beside French",
        compute="_compute_contact_lang",
        help="The Odoo language of the text beside the French one: the person's "
        "language of contact, or English when Odoo has none for it.",
    )
    can_email = fields.Boolean(string="Reached by e-mail", compute="_compute_can_email")

    @api.depends("beneficiary_id")
    def _compute_counsellor_id(self):
        for convocation in self:
            convocation.counsellor_id = (
                convocation.counsellor_id
                or convocation.beneficiary_id.counsellor_id
                or self.env.user
            )

    @api.depends("kind")
    def _compute_item_ids(self):
        for convocation in self:
            convocation.item_ids = self.env["refugee.convocation.item"].browse(
                [
                    item.id
                    for name in DEFAULT_ITEMS.get(convocation.kind, ())
                    if (
                        item := self.env.ref(
                            f"plateforme_refugies.convocation_item_{name}",
                            raise_if_not_found=False,
                        )
                    )
                ]
            )

    @api.depends("counsellor_id")
    def _compute_counsellor_phone(self):
        for convocation in self:
            user = convocation.counsellor_id.sudo()
            convocation.counsellor_phone = user.mobile or user.phone

    @api.depends("registration_id.attendance")
    def _compute_presence(self):
        for convocation in self:
            if convocation.registration_id:
                convocation.presence = convocation.registration_id.attendance
            else:
                convocation.presence = convocation.presence

    @api.depends("beneficiary_id.contact_language_id")
    def _compute_contact_lang(self):
        for convocation in self:
            lang = convocation.beneficiary_id.contact_language_id.lang_id
            convocation.contact_lang = lang.code or FALLBACK_LANG

    @api.depends("beneficiary_id.email", "beneficiary_id.refuses_electronic_messages")
    def _compute_can_email(self):
        for convocation in self:
            convocation.can_email = convocation.beneficiary_id._reached_by_email()

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for convocation in self:
            convocation.display_name = self.env._(
                "%(kind)s of %(person)s on %(date)s",
                kind=kinds.get(convocation.kind, ""),
                person=convocation.beneficiary_id.name or "",
                date=convocation._date_label(self.env.lang),
            )

    def _file_beneficiary(self):
        return self.beneficiary_id

    @api.model_create_multi
    def create(self, vals_list):
        convocations = super().create(vals_list)
        convocations.filtered("presence").beneficiary_id._check_repeated_absences()
        return convocations

    def write(self, vals):
        moved = self.browse()
        if "date_start" in vals:
            new_date = fields.Datetime.to_datetime(vals["date_start"])
            moved = self.filtered(
                lambda c: c.state == "sent" and c.date_start != new_date
            )
        res = super().write(vals)
        if "presence" in vals:
            for convocation in self.filtered("registration_id"):
                registration = convocation.registration_id
                if registration.attendance != convocation.presence:
                    registration.attendance = convocation.presence
            self.beneficiary_id._check_repeated_absences()
        if moved:
            for convocation in moved:
                convocation.move_count += 1
            moved.reminder_sent_on = False
            moved._send()._schedule_reprint()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send(self):
        """Send the convocations by e-mail; return the letters to print of
        the persons not reached by e-mail."""
        not_to_send = self.filtered(lambda c: c.state == "cancelled")
        if not_to_send:
            raise UserError(
                self.env._(
                    "The convocation %(convocation)s is cancelled: it cannot be sent.",
                    convocation=not_to_send[0].display_name,
                )
            )
        letters = self._send()
        if letters:
            return letters.action_print()
        return True

    def action_print(self):
        return self.env.ref(
            "plateforme_refugies.refugee_convocation_letter_action"
        ).report_action(self)

    def action_cancel(self):
        self.write({"state": "cancelled"})
        # no letter to reprint for an appointment that will not take place
        self.activity_unlink(
            ["plateforme_refugies.mail_activity_type_convocation_reprint"]
        )

    def action_mark_present(self):
        self.presence = "present"

    def action_mark_absent(self):
        self.presence = "absent"

    def action_mark_excused(self):
        self.presence = "excused"

    def _action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_convocation_action"
        )
        if len(self) == 1:
            action.update(views=[(False, "form")], res_id=self.id)
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    def _send(self):
        """Send each convocation by the channels the person accepts; return
        those to print (no e-mail address or electronic messages refused)."""
        template = self.env.ref("plateforme_refugies.mail_template_refugee_convocation")
        by_email = self.filtered("can_email")
        by_email._send_mail(template)
        self._send_sms()
        by_email.write({"sent_by": "email"})
        letters = self - by_email
        letters.write({"sent_by": "letter"})
        self.write({"state": "sent", "sent_on": fields.Datetime.now()})
        return letters

    def _schedule_reprint(self):
        """A moved appointment of a person no e-mail reaches: the counsellor
        prints the new letter (the convocation's *Print the letter*) and hands
        it over. One open activity per convocation, on the convocation, in the
        counsellor's language whoever moved it (the scheduler included)."""
        activity_type = self.env.ref(
            "plateforme_refugies.mail_activity_type_convocation_reprint"
        )
        for convocation in self:
            user = convocation.counsellor_id
            lang = user._refugee_lang()
            env = convocation.with_context(lang=lang).env
            person = convocation.beneficiary_id.name
            date_label = convocation._date_label(lang)
            values = {
                "summary": env._(
                    "Reprint the convocation: %(person)s, %(date)s",
                    person=person,
                    date=date_label,
                ),
                "note": env._(
                    "%(person)s has a new appointment: %(date)s at %(time)s. No "
                    "e-mail reaches them: print the new letter (Print the letter "
                    "button) and hand it over or post it.",
                    person=person,
                    date=date_label,
                    time=convocation._time_label(lang),
                ),
                "date_deadline": fields.Date.context_today(convocation),
            }
            open_activity = convocation.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )
            if open_activity:
                open_activity.write(values)
            else:
                convocation.activity_schedule(
                    activity_type_id=activity_type.id, user_id=user.id, **values
                )

    def _send_mail(self, template):
        """One e-mail per convocation, French and the language of contact side
        by side, to the person and to the partner contact of the appointment
        when the person consented to share their data with it."""
        for convocation in self:
            texts = convocation._texts()
            subject = " / ".join(
                dict.fromkeys(
                    template._render_field("subject", convocation.ids, set_lang=lang)[
                        convocation.id
                    ]
                    for lang in texts
                )
            )
            body = template._render_field("body_html", convocation.ids)[convocation.id]
            recipients = convocation.beneficiary_id.partner_id
            host = convocation._host_contact()
            if host and convocation.beneficiary_id._may_receive_file_data(host):
                recipients |= host
            convocation.message_notify(
                partner_ids=recipients.ids,
                subject=subject,
                body=body,
                author_id=convocation.counsellor_id.partner_id.id,
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _send_sms(self):
        """The SMS channel, off by default: see ``_sms_provider_send``."""
        if not self.env["ir.config_parameter"].sudo().get_param(SMS_PARAMETER):
            return
        for convocation in self:
            person = convocation.beneficiary_id
            if person.mobile and not person.refuses_electronic_messages:
                convocation._sms_provider_send(person.mobile, convocation._sms_text())

    def _sms_provider_send(self, number, text):
        """The provider hook of the SMS channel: an ``sms.sms`` record sent by
        Odoo's SMS module. Override it to send through another provider than
        Odoo's IAP service (see the readme)."""
        self.ensure_one()
        sms = (
            self.env["sms.sms"]
            .sudo()
            .create(
                {
                    "number": number,
                    "body": text,
                    "partner_id": self.beneficiary_id.partner_id.id,
                }
            )
        )
        sms.send()
        return sms

    def _sms_text(self):
        """The text of one SMS, in French, with what a person who reads little
        French still reads: the date, the time, the address and a phone
        number, in the SMS alphabet where it can be (160 characters in one
        SMS, 70 in Unicode)."""
        self.ensure_one()
        place = self.place_id
        # French whoever sends it, the scheduler included
        env = self.with_context(lang=FRENCH).env
        # a long address is cut to its town rather than the phone number
        for address in (
            ", ".join(filter(None, [place.street, place.city])),
            place.city or "",
        ):
            text = sms_alphabet(
                env._(
                    "Appointment %(date)s %(time)s, %(address)s. Tel. %(phone)s",
                    date=self._date_label(FRENCH, short=True),
                    time=self._time_label(FRENCH),
                    address=address,
                    phone=self.counsellor_phone or "",
                )
            )
            if len(text) <= sms_length(text):
                return text
        return text[: sms_length(text)]

    def _host_contact(self):
        """The partner contact met at the appointment (SIAE supervisor,
        employer tutor), who may get a copy of the convocation."""
        self.ensure_one()
        source = self._source()
        if self.kind == "sas_start":
            return source.supervisor_id
        if self.kind == "immersion_start":
            return source.tutor_id
        return self.env["res.partner"]

    def _source(self):
        self.ensure_one()
        if not self.res_model:
            return None
        return self.env[self.res_model].browse(self.res_id)

    @api.model
    def _cron_send_reminders(self):
        """Remind once, by e-mail, the persons convoked in the next days."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(REMINDER_DAYS_PARAMETER, DEFAULT_REMINDER_DAYS)
        )
        now = fields.Datetime.now()
        # the convocations another run is reminding, or has just reminded,
        # are left to it: each person gets one reminder
        due = claim_for_run(
            self.search(
                [
                    ("state", "=", "sent"),
                    ("reminder_sent_on", "=", False),
                    ("date_start", ">", now),
                    ("date_start", "<=", now + timedelta(days=days)),
                ]
            )
        )
        template = self.env.ref(
            "plateforme_refugies.mail_template_refugee_convocation_reminder"
        )
        due.filtered("can_email")._send_mail(template)
        due._send_sms()
        due.write({"reminder_sent_on": now})

    # ------------------------------------------------------------------
    # Texts: French and the language of contact
    # ------------------------------------------------------------------
    def _texts(self):
        """The languages of the convocation, French first: {code: res.lang}."""
        self.ensure_one()
        langs = {}
        for code in (FRENCH, self.contact_lang):
            langs.setdefault(code, self._ensure_lang(code))
        return langs

    @api.model
    def _ensure_lang(self, code):
        """The language, made active with the platform's texts loaded in it
        when the platform convokes its first person speaking it."""
        Lang = self.env["res.lang"].sudo().with_context(active_test=False)
        lang = Lang.search([("code", "=", code)], limit=1)
        if not lang.active:
            lang.active = True
            self.env["ir.module.module"].sudo()._load_module_terms(
                ["plateforme_refugies"], [code], overwrite=True
            )
        return lang

    def _tz(self):
        return self.counsellor_id.tz or DEFAULT_TZ

    def _date_label(self, lang_code, short=False):
        self.ensure_one()
        if not self.date_start:
            return ""
        local = fields.Datetime.context_timestamp(
            self.with_context(tz=self._tz()), self.date_start
        )
        return format_date(
            self.env,
            local.date(),
            lang_code=lang_code,
            date_format="dd/MM" if short else "full",
        )

    def _time_label(self, lang_code):
        self.ensure_one()
        if not self.date_start:
            return ""
        return format_time(
            self.env,
            self.date_start,
            tz=self._tz(),
            time_format="HH:mm",
            lang_code=lang_code,
        )

    def _pictograms(self, for_pdf):
        return PDF_PICTOGRAMS if for_pdf else MAIL_PICTOGRAMS

    def _place_lines(self):
        """The place and its address, line by line."""
        self.ensure_one()
        place = self.place_id
        return [
            line
            for line in (
                place.name,
                place.street,
                place.street2,
                " ".join(filter(None, [place.zip, place.city])),
            )
            if line
        ]
