# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextvars
import functools
import re
import unicodedata
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import MissingError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date

from .batch_defaults import add_missing_default_values, batch_defaults
from .refugee_file_privacy_mixin import SENSITIVE_GROUPS
from .refugee_french_assessment import (
    CEFR_LEVELS,
    CEFR_RANK,
    LITERACY_LEVELS,
    SKILL_NAMES,
)
from .refugee_presence import NO_SHOW_QUERY, PRESENCE_QUERY, presence_rate

YOUTH_AGE_LIMIT = 26
# asylum-seeker or emergency housing must be left: a job far away needs housing
HOUSING_NEEDED_SITUATIONS = ("cada", "huda", "chu", "hosted", "none")


def normalize_name(name):
    """Name used to detect duplicates: case, accents and spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", without_accents.casefold()).strip()


# the letters French (and most Latin-script) names write with an accent
ACCENTED_LETTERS = re.compile(r"[aceinouy]")


def accent_insensitive_pattern(word):
    """An ``ilike`` pattern of a word of ``normalize_name`` that also finds
    its accented spellings without PostgreSQL's ``unaccent``: each letter that
    may carry an accent matches any one character ("herault" finds "Hérault").
    Compare what it finds with ``normalize_name``."""
    return ACCENTED_LETTERS.sub("_", word)


# from this many files, their record rules are checked in one query
RULES_IN_SQL_FROM = 10
# {(user, companies): ids of files}: during a web_search_read, the files its
# search found with the user's read rules applied in SQL
_FOUND_WITH_READ_RULES = contextvars.ContextVar("refugee_found_with_read_rules")


class RefugeeBeneficiary(models.Model):
    """The file of a person followed by the platform.

    Name and contact details stay on the linked ``res.partner`` (delegation):
    everything else, sensitive data included, lives here, behind the access
    rights and site rules of the platform.
    """

    _name = "refugee.beneficiary"
    _description = "Beneficiary"
    _inherit = [
        # first: its consents govern the file's own messages too
        "refugee.file.privacy.mixin",  # consents, logged reads, anonymisation
        "refugee.file.mail.mixin",  # mail.thread, following the consents
        "mail.activity.mixin",
        "refugee.site.mixin",
    ]
    _inherits = {"res.partner": "partner_id"}
    _order = "name_key, id"  # the name without accents: no join on contacts
    _rec_names_search = ["name", "reference"]
    _site_user_field = "counsellor_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Related contact",
        required=True,
        ondelete="restrict",
        index=True,
    )
    reference = fields.Char(
        string="File number",
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index=True,
    )
    active = fields.Boolean(default=True, tracking=True)
    counsellor_id = fields.Many2one(
        comodel_name="res.users",
        tracking=True,
        index=True,
        compute="_compute_counsellor_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False), ('refugee_site_ids', 'in', site_id)]",
    )
    name_key = fields.Char(
        compute="_compute_name_key",
        store=True,
        precompute=True,
        index=True,
        help="Name without case, accents or spaces, to detect duplicates.",
    )

    # Identity and status
    gender = fields.Selection(
        selection=[("female", "Woman"), ("male", "Man"), ("other", "Other")],
    )
    birthdate = fields.Date(string="Date of birth", required=True, tracking=True)
    age = fields.Integer(compute="_compute_age")
    is_under_26 = fields.Boolean(
        string="Under 26",
        compute="_compute_age",
        search="_search_is_under_26",
        help="Under 26: the Mission Locale is the partner for workshops and "
        "youth schemes (Contrat d'engagement jeune).",
    )
    nationality_id = fields.Many2one(comodel_name="res.country")
    protection_type = fields.Selection(
        selection=[
            ("refugee", "Refugee status"),
            ("subsidiary", "Subsidiary protection"),
            ("stateless", "Stateless person"),
        ],
        required=True,
        default="refugee",
        tracking=True,
    )
    protection_authority = fields.Selection(
        selection=[("ofpra", "OFPRA"), ("cnda", "CNDA")],
        string="Decision by",
    )
    protection_date = fields.Date(string="Protection granted on")
    residence_permit_type = fields.Selection(
        selection=[
            ("resident_10y", "Resident card (10 years)"),
            ("multi_year", "Multi-year card (up to 4 years)"),
            ("receipt", "Receipt (récépissé)"),
            ("other", "Other"),
        ],
        string="Residence permit",
    )
    residence_permit_issue_date = fields.Date(
        string="Residence permit issued on", tracking=True
    )
    residence_permit_expiry = fields.Date(
        string="Residence permit expires on", tracking=True
    )
    cir_date = fields.Date(
        string="CIR signed on",
        help="Date the republican integration contract was signed with the OFII.",
    )
    housing_situation = fields.Selection(
        selection=[
            ("cada", "CADA"),
            ("huda", "HUDA"),
            ("cph", "CPH"),
            ("chrs", "CHRS"),
            ("chu", "CHU"),
            ("social_housing", "Social housing"),
            ("own", "Own housing"),
            ("hosted", "Hosted by relatives or friends"),
            ("none", "No stable housing"),
        ],
        tracking=True,
    )
    accommodation_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Accommodation centre",
        domain=[("is_company", "=", True)],
    )
    social_referent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Social referent",
        help="Social worker of the accommodation centre who follows the person.",
    )

    # French and literacy
    language_ids = fields.Many2many(
        comodel_name="refugee.language",
        string="Languages spoken",
        ondelete="restrict",
    )
    contact_language_id = fields.Many2one(
        comodel_name="refugee.language",
        string="Language of contact",
        ondelete="restrict",
    )
    refuses_electronic_messages = fields.Boolean(
        string="Refuses e-mails and SMS",
        tracking=True,
        help="The person does not want e-mails or SMS: their convocations are "
        "printed and handed or posted to them.",
    )
    interpreter_needed = fields.Boolean(tracking=True)
    literacy = fields.Selection(selection=LITERACY_LEVELS, tracking=True)
    schooling_years = fields.Integer(string="Years of schooling")

    # Education and experience
    qualifications = fields.Text()
    qualifications_recognition = fields.Selection(
        selection=[
            ("none", "No qualification"),
            ("not_recognised", "Not recognised in France"),
            ("in_progress", "Recognition in progress"),
            ("recognised", "Recognised in France"),
        ],
        string="Recognition of qualifications",
    )
    experience = fields.Text(string="Professional experience")
    experience_years = fields.Integer(string="Years of experience")

    # Wishes and constraints
    wished_sector_ids = fields.Many2many(
        comodel_name="refugee.sector", string="Wished sectors", ondelete="restrict"
    )
    wished_jobs = fields.Char(string="Wished trades")
    driving_licence = fields.Selection(
        selection=[
            ("none", "None"),
            ("foreign", "Foreign licence (not exchanged)"),
            ("in_progress", "French licence in progress"),
            ("french", "French licence B"),
        ],
    )
    has_vehicle = fields.Boolean(string="Has a vehicle")
    uses_public_transport = fields.Boolean(string="Uses public transport")
    mobility_area = fields.Selection(
        selection=[
            ("commune", "Own commune only"),
            ("site", "The site's area"),
            ("department", "Loir-et-Cher"),
            ("region", "Centre-Val de Loire"),
            ("france", "Anywhere in France"),
        ],
        string="Accepted area",
    )
    mobility_notes = fields.Text()
    dependent_children = fields.Integer()
    childcare = fields.Selection(
        selection=[
            ("none", "No need"),
            ("solved", "Solved"),
            ("to_solve", "To be solved"),
        ],
    )
    # Special-category data: need to know (group Sensitive data), reads logged
    health_constraints = fields.Text(groups=SENSITIVE_GROUPS)
    disability_recognised = fields.Boolean(
        string="Disabled worker recognition (RQTH)", groups=SENSITIVE_GROUPS
    )
    confidential_notes = fields.Text(groups=SENSITIVE_GROUPS)

    # Partners and consent
    france_travail_registered = fields.Boolean(
        string="Registered with France Travail", tracking=True
    )
    france_travail_ref = fields.Char(string="France Travail identifier")
    france_travail_date = fields.Date(string="Registered on")
    pass_iae_number = fields.Char(
        string="PASS IAE number",
        tracking=True,
        help="Approval (agrément) that opens the right to a job in a SIAE.",
    )
    pass_iae_start = fields.Date(string="PASS IAE valid from")
    pass_iae_end = fields.Date(string="PASS IAE valid until", tracking=True)

    journey_ids = fields.One2many(
        comodel_name="refugee.journey", inverse_name="beneficiary_id"
    )
    journey_count = fields.Integer(compute="_compute_journey_count")
    current_journey_id = fields.Many2one(
        comodel_name="refugee.journey",
        compute="_compute_journey_count",
        string="Current journey",
    )
    enrolment_ids = fields.One2many(
        comodel_name="refugee.enrolment",
        inverse_name="beneficiary_id",
        string="Scheme enrolments",
    )

    french_training_ids = fields.One2many(
        comodel_name="refugee.french.training",
        inverse_name="beneficiary_id",
        string="French trainings",
    )
    french_assessment_ids = fields.One2many(
        comodel_name="refugee.french.assessment",
        inverse_name="beneficiary_id",
        string="French assessments",
    )
    french_hours_prescribed = fields.Float(
        string="French hours prescribed", compute="_compute_french_hours"
    )
    french_hours_attended = fields.Float(
        string="French hours attended", compute="_compute_french_hours"
    )
    # Latest level per skill: stored, to search and report on
    french_oral_comprehension = fields.Selection(
        selection=CEFR_LEVELS,
        string="Oral comprehension",
        compute="_compute_french_levels",
        store=True,
        precompute=True,
    )
    french_oral_production = fields.Selection(
        selection=CEFR_LEVELS,
        string="Oral production",
        compute="_compute_french_levels",
        store=True,
        precompute=True,
    )
    french_written_comprehension = fields.Selection(
        selection=CEFR_LEVELS,
        string="Written comprehension",
        compute="_compute_french_levels",
        store=True,
        precompute=True,
    )
    french_written_production = fields.Selection(
        selection=CEFR_LEVELS,
        string="Written production",
        compute="_compute_french_levels",
        store=True,
        precompute=True,
    )
    # First → latest level per skill, as shown on the file
    french_oral_comprehension_progress = fields.Char(
        string="Oral comprehension progress", compute="_compute_french_progress"
    )
    french_oral_production_progress = fields.Char(
        string="Oral production progress", compute="_compute_french_progress"
    )
    french_written_comprehension_progress = fields.Char(
        string="Written comprehension progress", compute="_compute_french_progress"
    )
    french_written_production_progress = fields.Char(
        string="Written production progress", compute="_compute_french_progress"
    )
    french_ready_date = fields.Date(
        string="French level for France Travail reached on",
        readonly=True,
        copy=False,
        tracking=True,
        help="Date of the assessment at which the person first reached the "
        "French level set for an orientation to France Travail.",
    )
    workshop_registration_ids = fields.One2many(
        comodel_name="event.registration",
        inverse_name="beneficiary_id",
        string="Workshop registrations",
    )
    workshop_count = fields.Integer(string="Workshops", compute="_compute_attendance")
    workshop_present_count = fields.Integer(
        string="Workshops attended", compute="_compute_attendance"
    )
    workshop_attendance_known = fields.Boolean(
        compute="_compute_attendance",
        help="Some workshop was held: the attendance rate means something.",
    )
    workshop_attendance_rate = fields.Float(
        string="Workshop attendance (%)",
        compute="_compute_attendance",
        digits=(16, 1),
        help="Present / (present + absent): excused absences and attendances "
        "not yet recorded do not count.",
    )
    appointment_present_count = fields.Integer(
        string="Appointments attended", compute="_compute_attendance"
    )
    appointment_absent_count = fields.Integer(
        string="Unexcused absences", compute="_compute_attendance"
    )
    no_show_rate = fields.Float(
        string="No-show rate (%)",
        compute="_compute_attendance",
        digits=(16, 1),
        help="Unexcused absences / (presences + unexcused absences) over every "
        "convoked appointment: interviews, workshop sessions, weeks in a SIAE, "
        "starts of placements and immersions, follow-up meetings.",
    )

    _sql_constraints = [
        (
            "identity_unique",
            # deferred: the constraint method gives the readable error first; the
            # database still refuses two files saved at the same moment
            "UNIQUE(name_key, birthdate) DEFERRABLE INITIALLY DEFERRED",
            "A beneficiary with the same name and date of birth already exists.",
        ),
        (
            "counts_positive",
            "CHECK(schooling_years >= 0 AND experience_years >= 0 "
            "AND dependent_children >= 0)",
            "Years of schooling, years of experience and children cannot be negative.",
        ),
    ]

    def init(self):
        result = super().init()
        # the files of a counsellor's sites and their contacts (the contacts'
        # rules apply to files too), read from the index alone, in the order
        # of their contacts: the count of a list (up to the 10,001 the web
        # client asks for) merges it with the index of the contacts' rules,
        # without sorting. (18.0.2.2.0 had the contact as an included column,
        # out of order: at 50,000 files PostgreSQL read the files instead.)
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS refugee_beneficiary_active_site_index;
            CREATE INDEX IF NOT EXISTS refugee_beneficiary_active_site_partner_index
                ON refugee_beneficiary (site_id, partner_id)
             WHERE active
            """
        )
        return result

    @api.depends("site_id")
    def _compute_counsellor_id(self):
        """Keep the counsellor while they work on the site, else propose oneself."""
        for beneficiary in self:
            site, counsellor = beneficiary.site_id, beneficiary.counsellor_id
            if counsellor and site in counsellor.sudo().refugee_site_ids:
                continue
            beneficiary.counsellor_id = self._proposed_counsellor(site.id)

    @api.model
    def _proposed_counsellor(self, site_id):
        """The user when they are a counsellor of the site, else nobody."""
        user = self.env.user
        if site_id in user.refugee_site_ids.ids and user.has_group(
            "plateforme_refugies.group_counsellor"
        ):
            return user
        return user.browse()

    @api.depends("name")
    def _compute_name_key(self):
        for beneficiary in self:
            beneficiary.name_key = normalize_name(beneficiary.name)

    @api.model
    def _search_display_name(self, operator, value):
        """Find a file by the person's names in any order, whatever the case
        and accents ("youssouf", "YOUSSOUF Amina", "Amína"), or by its number."""
        if operator not in ("ilike", "not ilike") or not isinstance(value, str):
            return super()._search_display_name(operator, value)
        words = normalize_name(value).split()
        if not words:
            return super()._search_display_name(operator, value)
        domain = expression.OR(
            [
                expression.AND([[("name_key", "ilike", word)] for word in words]),
                [("reference", "ilike", value.strip())],
            ]
        )
        return ["!", *domain] if operator == "not ilike" else domain

    @api.depends("birthdate")
    def _compute_age(self):
        # whole years by the calendar (a relativedelta per file cost a list of
        # 80 files a millisecond)
        today = fields.Date.context_today(self)
        for beneficiary in self:
            birthdate = beneficiary.birthdate
            age = (
                today.year
                - birthdate.year
                - ((today.month, today.day) < (birthdate.month, birthdate.day))
                if birthdate
                else 0
            )
            beneficiary.age = age
            beneficiary.is_under_26 = bool(birthdate) and age < YOUTH_AGE_LIMIT

    def _search_is_under_26(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on under 26."))
        limit = fields.Date.context_today(self) - relativedelta(years=YOUTH_AGE_LIMIT)
        if (operator == "=") == value:
            return [("birthdate", ">", limit)]
        return [("birthdate", "<=", limit)]

    @api.depends("journey_ids.state")
    def _compute_journey_count(self):
        # one query for the journeys of all the files, with what the list of
        # files shows of the current one (its name); the site rule applies
        Journey = self.env["refugee.journey"]
        counts, current = defaultdict(int), {}
        for journey in Journey.search_fetch(
            [("beneficiary_id", "in", self.ids)], ["beneficiary_id", "state", "name"]
        ):
            beneficiary_id = journey.beneficiary_id.id
            counts[beneficiary_id] += 1
            if journey.state != "closed":
                current.setdefault(beneficiary_id, journey)
        by_count = defaultdict(list)
        for beneficiary in self:
            by_count[counts[beneficiary.id]].append(beneficiary.id)
            beneficiary.current_journey_id = current.get(beneficiary.id, Journey)
        for count, ids in by_count.items():
            self.browse(ids).journey_count = count

    def _current_journeys(self):
        """{beneficiary id: current journey} of the files in one query.

        The same journeys as current_journey_id (the first one not closed in
        the journeys' order), which is computed 1000 files at a time.
        """
        journeys = self.env["refugee.journey"].search_fetch(
            [("beneficiary_id", "in", self.ids), ("state", "!=", "closed")],
            ["beneficiary_id", "counsellor_id", "state"],
        )
        current = {}
        for journey in journeys:
            current.setdefault(journey.beneficiary_id.id, journey)
        return current

    @api.constrains("name_key", "birthdate")
    def _check_duplicate(self):
        # one query for the whole batch (imports create thousands of files)
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("name_key", "in", list(set(self.mapped("name_key")))),
                    ("birthdate", "in", list(set(self.mapped("birthdate")))),
                ],
                ["name_key", "birthdate"],
            )
        )
        ids_by_identity = defaultdict(list)
        for candidate in candidates:
            ids_by_identity[candidate.name_key, candidate.birthdate].append(
                candidate.id
            )
        for beneficiary in self:
            others = ids_by_identity[beneficiary.name_key, beneficiary.birthdate]
            if others == [beneficiary.id]:
                continue  # only the file itself: most files
            duplicate = candidates.browse(
                next((id_ for id_ in others if id_ != beneficiary.id), ())
            )
            if duplicate:
                raise ValidationError(duplicate._duplicate_message())

    @api.model
    def _missing_name_message(self, birthdate):
        """What a file without a name is refused with (``birthdate`` as given)."""
        return self.env._(
            "The name of the person is missing (born on %(birthdate)s): "
            "every file needs a first name and a last name.",
            birthdate=birthdate or self.env._("unknown date"),
        )

    def _duplicate_message(self):
        """What a counsellor about to create this file again reads."""
        self.ensure_one()
        return self.env._(
            "A file already exists for %(name)s born on %(birthdate)s: "
            "%(reference)s (site %(site)s). Open that file instead of "
            "creating a new one.",
            name=self.name,
            birthdate=format_date(self.env, self.birthdate),
            reference=self.reference,
            site=self.site_id.name,
        )

    @api.constrains("birthdate")
    def _check_birthdate(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            if beneficiary.birthdate and beneficiary.birthdate > today:
                raise ValidationError(
                    self.env._(
                        "The date of birth of %s is in the future.", beneficiary.name
                    )
                )

    @api.constrains(
        "residence_permit_issue_date", "residence_permit_expiry", "protection_date"
    )
    def _check_residence_permit_dates(self):
        for person in self:
            issued = person.residence_permit_issue_date
            if not issued:
                continue
            expiry, protected = person.residence_permit_expiry, person.protection_date
            if expiry and expiry < issued:
                raise ValidationError(
                    self.env._(
                        "The residence permit of %(person)s cannot expire "
                        "(%(expiry)s) before it was issued (%(issued)s).",
                        person=person.name,
                        expiry=format_date(self.env, expiry),
                        issued=format_date(self.env, issued),
                    )
                )
            if protected and issued < protected:
                raise ValidationError(
                    self.env._(
                        "The residence permit of %(person)s cannot be issued "
                        "(%(issued)s) before the protection was granted "
                        "(%(protected)s).",
                        person=person.name,
                        issued=format_date(self.env, issued),
                        protected=format_date(self.env, protected),
                    )
                )

    @api.constrains("pass_iae_start", "pass_iae_end")
    def _check_pass_iae_dates(self):
        for beneficiary in self:
            start, end = beneficiary.pass_iae_start, beneficiary.pass_iae_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "The PASS IAE of %(person)s cannot end before it starts.",
                        person=beneficiary.name,
                    )
                )

    @api.depends(
        "french_training_ids.hours_prescribed", "french_training_ids.hours_attended"
    )
    def _compute_french_hours(self):
        for beneficiary in self:
            trainings = beneficiary.french_training_ids
            beneficiary.french_hours_prescribed = sum(
                trainings.mapped("hours_prescribed")
            )
            beneficiary.french_hours_attended = sum(trainings.mapped("hours_attended"))

    def _french_levels_in_order(self, skill):
        """Levels of one skill, from the first assessment to the latest."""
        self.ensure_one()
        assessments = self.french_assessment_ids.sorted(
            lambda a: (a.date or fields.Date.today(), a._origin.id or 0)
        )
        return [a[skill] for a in assessments if a[skill]]

    @api.depends(
        "french_assessment_ids.date",
        *(f"french_assessment_ids.{skill}" for skill in SKILL_NAMES),
    )
    def _compute_french_levels(self):
        # most files have no assessment (all new ones): no level, set at once
        assessed = self.filtered("french_assessment_ids")
        unassessed = self - assessed
        for skill in SKILL_NAMES:
            unassessed[f"french_{skill}"] = False
        for beneficiary in assessed:
            for skill in SKILL_NAMES:
                levels = beneficiary._french_levels_in_order(skill)
                beneficiary[f"french_{skill}"] = levels[-1] if levels else False

    @api.depends(
        "french_assessment_ids.date",
        *(f"french_assessment_ids.{skill}" for skill in SKILL_NAMES),
    )
    def _compute_french_progress(self):
        labels = dict(
            self._fields["french_oral_comprehension"]._description_selection(self.env)
        )
        for beneficiary in self:
            for skill in SKILL_NAMES:
                levels = [
                    labels[level]
                    for level in beneficiary._french_levels_in_order(skill)
                ]
                progress = False
                if len(levels) == 1:
                    progress = levels[0]
                elif levels:
                    progress = f"{levels[0]} → {levels[-1]}"
                beneficiary[f"french_{skill}_progress"] = progress

    def _is_french_ready(self, required_ranks):
        self.ensure_one()
        return bool(required_ranks) and all(
            CEFR_RANK.get(self[f"french_{skill}"], 0) >= rank
            for skill, rank in required_ranks.items()
        )

    def _update_from_assessments(self):
        """Copy the latest literacy observed and, the first time the French
        level set by the coordinator is reached, prompt the counsellor to
        orient the person to France Travail."""
        required_ranks = self.env["refugee.french.threshold"]._get_required_ranks()
        for beneficiary in self:
            assessments = beneficiary.french_assessment_ids.sorted(
                lambda a: (a.date, a.id), reverse=True
            )
            literacy = next((a.literacy for a in assessments if a.literacy), False)
            if literacy and literacy != beneficiary.literacy:
                beneficiary.literacy = literacy
            if beneficiary.french_ready_date or not beneficiary._is_french_ready(
                required_ranks
            ):
                continue
            beneficiary.french_ready_date = assessments[:1].date
            if not beneficiary.france_travail_registered:
                beneficiary._schedule_france_travail_orientation()

    def _schedule_france_travail_orientation(self):
        self.ensure_one()
        user = self.counsellor_id or self.env.user
        # in the language of the counsellor who will do it
        env = self.with_context(lang=user._refugee_lang()).env
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=env._("Orient to France Travail"),
            note=env._(
                "%(name)s reached the French level set for an orientation to "
                "France Travail: help them register and build their support.",
                name=self.name,
            ),
            user_id=user.id,
        )

    def action_view_french_levels(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_french_level_report_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["display_name"] = self.env._("French levels of %(name)s", name=self.name)
        return action

    def _flush_presences(self):
        """Write the pending presences before reading them in SQL."""
        for model in (
            "refugee.convocation",
            "event.registration",
            "event.event",
            "refugee.placement.attendance",
            "refugee.siae.placement",
        ):
            self.env[model].flush_model()

    @api.depends(
        "workshop_registration_ids.state", "workshop_registration_ids.attendance"
    )
    def _compute_attendance(self):
        """Workshop attendance and the no-show rate over every appointment,
        read in one query: the workshop registrations count even before their
        attendance is recorded, the rates only count presences and unexcused
        absences."""
        workshops = defaultdict(lambda: defaultdict(int))
        appointments = defaultdict(lambda: defaultdict(int))
        if self.ids:
            self._flush_presences()
            self.env.cr.execute(
                SQL(
                    """SELECT beneficiary_id, kind = 'workshop', presence, COUNT(*)
                         FROM (%s) presences
                        WHERE beneficiary_id IN %s
                        GROUP BY beneficiary_id, kind = 'workshop', presence""",
                    SQL(PRESENCE_QUERY),
                    tuple(self.ids),
                )
            )
            for beneficiary_id, is_workshop, presence, count in self.env.cr.fetchall():
                if is_workshop:
                    workshops[beneficiary_id][presence] += count
                if presence:
                    appointments[beneficiary_id][presence] += count
        for beneficiary in self:
            by_attendance = workshops[beneficiary._origin.id]
            present, absent = by_attendance["present"], by_attendance["absent"]
            beneficiary.workshop_count = sum(by_attendance.values())
            beneficiary.workshop_present_count = present
            beneficiary.workshop_attendance_rate = presence_rate(present, absent)
            beneficiary.workshop_attendance_known = bool(present + absent)
            by_presence = appointments[beneficiary._origin.id]
            present, absent = by_presence["present"], by_presence["absent"]
            beneficiary.appointment_present_count = present
            beneficiary.appointment_absent_count = absent
            beneficiary.no_show_rate = presence_rate(absent, present)

    def action_view_convocations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_convocation_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        action["display_name"] = self.env._("Convocations of %(name)s", name=self.name)
        return action

    def _reached_by_email(self):
        """Whether the person gets e-mails: an address and no refusal."""
        self.ensure_one()
        return bool(self.email) and not self.refuses_electronic_messages

    @api.model
    def _read_no_shows(self, people):
        """The rows of ``NO_SHOW_QUERY`` for ``people`` (SQL for ``IN``: a
        tuple of ids or a subquery): ``(id, absent twice in a row, no-show
        rate, day of the last unexcused absence)``, in one query."""
        self._flush_presences()
        self.env.cr.execute(SQL(NO_SHOW_QUERY, SQL(PRESENCE_QUERY), people))
        return self.env.cr.fetchall()

    def _check_repeated_absences(self):
        """Two unexcused absences in a row (excused ones skipped) give the
        counsellor one activity, as long as it is open."""
        if not self:
            return
        absent_twice = self.browse(
            [
                beneficiary_id
                for beneficiary_id, twice, _rate, _day in self._read_no_shows(
                    SQL("%s", tuple(self.ids))
                )
                if twice
            ]
        )
        activity_type = self.env.ref(
            "plateforme_refugies.mail_activity_type_repeated_absences"
        )
        for beneficiary in absent_twice.sudo():
            if beneficiary.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                continue
            user = beneficiary.counsellor_id or self.env.user
            # in the language of the counsellor who will call, also when the
            # scheduler or a partner's portal records the absence
            reader = beneficiary.with_context(lang=user._refugee_lang())
            reader.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                note=reader.env._(
                    "%(name)s missed two appointments in a row without excuse: "
                    "call them to find out why.",
                    name=beneficiary.name,
                ),
            )

    def _is_young_on(self, day):
        """Aged 25 or under on this day: a youth of the Mission Locale."""
        self.ensure_one()
        return bool(self.birthdate and day) and (
            self.birthdate + relativedelta(years=YOUTH_AGE_LIMIT) > day
        )

    def action_view_workshop_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.event_registration_action_workshop"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        action["display_name"] = self.env._("Workshops of %(name)s", name=self.name)
        return action

    @api.depends("french_oral_comprehension", "french_oral_production")
    def _compute_french_level(self):
        for beneficiary in self:
            oral = [
                level
                for level in (
                    beneficiary.french_oral_comprehension,
                    beneficiary.french_oral_production,
                )
                if level
            ]
            # without an oral assessment, the level entered by hand stays
            beneficiary.french_level = (
                min(oral, key=CEFR_RANK.get) if oral else beneficiary.french_level
            )

    def action_open_registration_wizard(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_workshop_registration_wizard_action"
        )
        action["context"] = {"default_beneficiary_ids": self.ids}
        return action

    # Employment: immersions, hires and the matching with partner employers
    french_level = fields.Selection(
        selection=CEFR_LEVELS,
        string="Overall French level",
        compute="_compute_french_level",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Overall CEFR level of French, compared with the level employers "
        "require. Proposed from the latest assessments: the lower of the oral "
        "comprehension and oral production levels, since French at work is first "
        "oral; the counsellor may correct it.",
    )
    needs_housing = fields.Boolean(
        string="Needs housing near a job",
        compute="_compute_needs_housing",
        store=True,
        readonly=False,
        precompute=True,
        help="Proposed from the housing situation: asylum-seeker, emergency or "
        "hosted housing must be left for a job away from it.",
    )
    immersion_ids = fields.One2many(
        comodel_name="refugee.immersion", inverse_name="beneficiary_id"
    )
    hire_ids = fields.One2many(
        comodel_name="refugee.hire", inverse_name="beneficiary_id"
    )

    @api.depends("housing_situation")
    def _compute_needs_housing(self):
        # set at once for each value: a batch of new files costs one assignment
        needing = self.filtered(
            lambda b: b.housing_situation in HOUSING_NEEDED_SITUATIONS
        )
        needing.needs_housing = True
        (self - needing).needs_housing = False

    @api.model
    def web_search_read(self, *args, **kwargs):
        # the files of a list come from a search that applied the user's read
        # rules in SQL: reading them in the same call does not check the same
        # rules a second time (a query of every list of files)
        token = _FOUND_WITH_READ_RULES.set({})
        try:
            return super().web_search_read(*args, **kwargs)
        finally:
            _FOUND_WITH_READ_RULES.reset(token)

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        files = super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )
        found = _FOUND_WITH_READ_RULES.get(None)
        if found is not None and not self.env.su:
            found.setdefault(self._read_rules_key(), set()).update(files._ids)
        return files

    def _read_rules_key(self):
        """What the read rules of the files depend on: the user and the
        companies of the context."""
        return (self.env.uid, tuple(self.env.context.get("allowed_company_ids") or ()))

    def _check_access(self, operation):
        # Odoo checks the record rules of the records it reads in Python,
        # record by record (filtered_domain on the cache). Through _inherits
        # the rules of the contact come in as ('partner_id', 'any', [...]),
        # which filtered_domain evaluates with one sub-filter per file: about
        # a third of a counsellor's list of 80 files. A batch is checked with
        # the same domain in one query instead (search flushes what the domain
        # reads, so pending changes count as in the cache). New files are
        # checked on the cache: nothing of theirs is to be flushed first.
        if (
            self.env.su
            or operation == "create"
            or len(self) < RULES_IN_SQL_FROM
            or not all(self._ids)
        ):
            return super()._check_access(operation)
        # the access rights alone (no record: no rule checked)
        result = super(RefugeeBeneficiary, self.browse())._check_access(operation)
        if result:
            return self, result[1]
        found = _FOUND_WITH_READ_RULES.get(None)
        if (
            operation == "read"
            and found
            and found.get(self._read_rules_key(), set()).issuperset(self._ids)
        ):
            return None  # found by this call's search, the same rules applied
        Rule = self.env["ir.rule"]
        domain = Rule._compute_domain(self._name, operation)
        if not domain:
            return None
        allowed = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", self.ids), *domain])
        )
        forbidden = self - allowed
        if forbidden:
            return forbidden, functools.partial(
                Rule._make_access_error, operation, forbidden
            )
        return None

    def _read_format(self, fnames, load="_classic_read"):
        # The fields of the file's contact (_inherits) are read from the
        # contacts: their columns read, and only those, in one query (the
        # contacts' record rules applied), then their values taken as they
        # are. Through the related fields Odoo would fetch every column of the
        # contacts (about 60) and compute each field on each file: about a
        # third of a counsellor's list of 80 files.
        inherited = {
            name: self._fields[name]
            for name in fnames
            if name in self._fields and self._fields[name].inherited
        }
        if not inherited:
            return super()._read_format(fnames, load=load)
        files = self
        try:
            contacts = files.partner_id
        except MissingError:  # one dict per file that exists, as Odoo's
            files = self.exists()
            contacts = files.partner_id
        contacts.fetch([field.related_field.name for field in inherited.values()])
        result = super(RefugeeBeneficiary, files)._read_format(
            [name for name in fnames if name not in inherited], load=load
        )
        use_display_name = load == "_classic_read"
        by_id = {file.id: file for file in files}
        for values in result:
            file = by_id[values["id"]]
            contact = file.partner_id
            for name, field in inherited.items():
                values[name] = field.convert_to_read(
                    contact[field.related_field.name], file, use_display_name
                )
        return result

    def action_suggest_employers(self):
        self.ensure_one()
        return (
            self.env["refugee.match.wizard"]
            .create({"beneficiary_id": self.id})
            .action_open()
        )

    @api.model
    def load(self, fields, data):  # pylint: disable=redefined-outer-name
        """Import files: the rows that cannot become files (no name, the same
        person twice in the file, a file that exists) are refused before
        anything is imported, each with its own message, in load()'s format.

        The other rows are still imported then undone, so that one attempt
        names every bad row (a wrong date, an unknown site…); nothing is
        imported while a row is bad.
        """
        spans = self._import_record_spans(fields, data)
        refused = self._import_refusals(fields, data, spans)
        if not refused:
            return super().load(fields, data)
        kept = [index for index in range(len(spans)) if index not in refused]
        lines = [line for index in kept for line in range(*spans[index])]
        savepoint = self.env.cr.savepoint()
        try:
            checked = super().load(fields, [data[line] for line in lines])
        finally:
            savepoint.close(rollback=True)
        messages = [
            self._import_message_in_file(message, lines, kept)
            for message in checked["messages"]
        ]
        for index, message in refused.items():
            start, end = spans[index]
            messages.append(
                {
                    "type": "error",
                    "message": message,
                    "field": "name",
                    "record": index,
                    "rows": {"from": start, "to": end - 1},
                }
            )
        messages.sort(key=lambda message: message.get("rows", {}).get("from", -1))
        limit = self.env.context.get("_import_limit")
        nextrow = spans[-1][1] if spans else 0
        if limit is None or nextrow < limit:
            nextrow = 0
        return {"ids": False, "messages": messages, "nextrow": nextrow}

    @api.model
    def _import_record_spans(self, field_paths, data):
        """(first line, line after the last) of each record that load() reads
        in ``data``: a line holding only values of one2many fields (a second
        journey…) continues the record above."""
        one2many = []
        for path in field_paths:
            field = self._fields.get(re.split(r"[/:]", path or "")[0])
            one2many.append(bool(field) and field.type == "one2many")

        def continues(row):
            values = list(zip(row, one2many, strict=False))
            return any(v for v, o2m in values if o2m) and not any(
                v for v, o2m in values if not o2m
            )

        limit = self.env.context.get("_import_limit")
        end_at = len(data) if limit is None else min(len(data), limit)
        spans, start = [], 0
        while start < end_at:
            end = start + 1
            while end < len(data) and continues(data[end]):
                end += 1
            spans.append((start, end))
            start = end
        return spans

    @api.model
    def _import_refusals(self, field_paths, data, spans):
        """{index of a record: why it cannot become a file} of the new files
        of an import (rows that update a file or take an existing contact are
        left to the ORM): no name, the same person as a row above, or a file
        that exists. Dates as load() reads them (ISO); a date it cannot read is
        reported by load() itself."""
        column = {path: index for index, path in enumerate(field_paths)}
        skipped = [
            index
            for index, path in enumerate(field_paths)
            if path == ".id" or re.split(r"[/:]", path or "")[0] == "partner_id"
        ]
        existing_xml_ids = self._import_existing_xml_ids(
            [data[start][column["id"]] for start, __ in spans] if "id" in column else []
        )
        refusals, identities = {}, {}
        for record, (start, __) in enumerate(spans):
            row = data[start]
            if any(row[index] for index in skipped) or (
                "id" in column and row[column["id"]] in existing_xml_ids
            ):
                continue
            name = str(row[column["name"]] or "").strip() if "name" in column else ""
            raw_birthdate = (
                str(row[column["birthdate"]] or "").strip()
                if "birthdate" in column
                else ""
            )
            if not name:
                refusals[record] = self._missing_name_message(raw_birthdate)
                continue
            try:
                birthdate = fields.Date.to_date(raw_birthdate) or False
            except ValueError:
                continue
            identity = (normalize_name(name), birthdate)
            if identity in identities:
                refusals[record] = self.env._(
                    "%(name)s born on %(birthdate)s appears twice in the file: "
                    "keep one row per person.",
                    name=name,
                    birthdate=format_date(self.env, birthdate)
                    if birthdate
                    else self.env._("unknown date"),
                )
            else:
                identities[identity] = record
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("name_key", "in", list({name for name, __ in identities})),
                    ("birthdate", "in", list({date_ for __, date_ in identities})),
                ],
                ["name", "name_key", "birthdate", "reference", "site_id"],
            )
            if identities
            else self.browse()
        )
        for beneficiary in existing:
            record = identities.get((beneficiary.name_key, beneficiary.birthdate))
            if record is not None:
                refusals[record] = beneficiary._duplicate_message()
        return refusals

    @api.model
    def _import_existing_xml_ids(self, xml_ids):
        """Those of the external ids of an import's rows that name a file:
        these rows update it."""
        module = self.env.context.get("module", "__import__")
        names_by_module = defaultdict(set)
        for xml_id in filter(None, xml_ids):
            prefix, __, name = xml_id.rpartition(".")
            names_by_module[prefix or module].add(name)
        if not names_by_module:
            return set()
        domain = expression.OR(
            [
                [("module", "=", prefix), ("name", "in", list(names))]
                for prefix, names in names_by_module.items()
            ]
        )
        found = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                expression.AND([[("model", "=", self._name)], domain]),
                ["module", "name"],
            )
        )
        known = {(data.module, data.name) for data in found}
        return {
            xml_id
            for xml_id in filter(None, xml_ids)
            if (xml_id.rpartition(".")[0] or module, xml_id.rpartition(".")[2]) in known
        }

    @api.model
    def _import_message_in_file(self, message, lines, records):
        """``message`` of a load() of some records of a file, its rows and
        record numbered as in the whole file (``lines``, ``records``: the
        file's numbers of the lines and records loaded)."""
        message = dict(message)
        if "rows" in message:
            rows = message["rows"]
            message["rows"] = {
                key: lines[value] if 0 <= value < len(lines) else value
                for key, value in rows.items()
            }
        if isinstance(message.get("record"), int) and message["record"] < len(records):
            message["record"] = records[message["record"]]
        return message

    @api.model
    def _add_missing_default_values(self, values):
        # once per batch of new files: see batch_defaults
        return add_missing_default_values(
            self, values, super()._add_missing_default_values
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # before taking numbers from the sequence
        # what the computes would find for a new file, given at once: without
        # assessments, no level (the overall level entered by hand stays);
        # the housing need follows the situation
        context = self.env.context
        default_situation = context.get("default_housing_situation")
        default_level = context.get("default_french_level", False)
        # and the name's key and the counsellor of a new file on a site (else
        # Odoo makes a new record of each file to compute them)
        for vals in vals_list:
            if vals.get("name"):
                vals.setdefault("name_key", normalize_name(vals["name"]))
            site_id = vals.get("site_id")
            if site_id and "default_counsellor_id" not in context:
                vals.setdefault("counsellor_id", self._proposed_counsellor(site_id).id)
            if not vals.get("french_assessment_ids"):
                vals.update(
                    {
                        **dict.fromkeys(
                            (f"french_{skill}" for skill in SKILL_NAMES), False
                        ),
                        "french_level": vals.get("french_level", default_level),
                    }
                )
            situation = vals.get("housing_situation", default_situation)
            vals.setdefault("needs_housing", situation in HOUSING_NEEDED_SITUATIONS)
        numbers = self.env["ir.sequence"]._next_numbers_by_code(
            "refugee.beneficiary", len(vals_list)
        )
        for vals, number in zip(vals_list, numbers, strict=True):
            if not (vals.get("name") or "").strip() and not vals.get("partner_id"):
                raise ValidationError(self._missing_name_message(vals.get("birthdate")))
            vals["reference"] = number
            if not vals.get("partner_id"):
                # the new contact is hidden from the other sites from its
                # creation (contacts' record rules)
                vals["is_refugee_beneficiary"] = True
                if vals.get("site_id"):
                    vals["refugee_site_id"] = vals["site_id"]
        with batch_defaults():
            beneficiaries = super().create(vals_list)
        # an existing contact linked to a file, or a file on the default site
        for beneficiary in beneficiaries:
            partner = beneficiary.partner_id
            if (
                not partner.is_refugee_beneficiary
                or partner.refugee_site_id != beneficiary.site_id
            ):
                partner.write(
                    {
                        "is_refugee_beneficiary": True,
                        "refugee_site_id": beneficiary.site_id.id,
                    }
                )
        return beneficiaries

    def write(self, vals):
        if "site_id" in vals:
            # the contact follows the file to its new site
            vals = dict(vals, refugee_site_id=vals["site_id"])
        return super().write(vals)

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import template for beneficiaries and journeys"),
                "template": "/plateforme_refugies/static/csv/"
                "refugee_beneficiary_import_template.csv",
            }
        ]

    def action_view_journeys(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_journey_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.id,
            "default_site_id": self.site_id.id,
        }
        if self.journey_count == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.journey_ids.id
        return action

    def action_open_journey(self):
        """Open the current journey, or a new one for this person."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "refugee.journey",
            "views": [(False, "form")],
            "res_id": self.current_journey_id.id,
            "context": {
                "default_beneficiary_id": self.id,
                "default_site_id": self.site_id.id,
                "default_counsellor_id": self.counsellor_id.id,
            },
        }
