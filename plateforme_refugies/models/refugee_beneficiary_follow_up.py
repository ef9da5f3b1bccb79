# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .refugee_beneficiary import YOUTH_AGE_LIMIT
from .refugee_convocation import PRESENCE_QUERY
from .refugee_language_assessment import CEFR_LEVELS, CEFR_RANK, SKILL_NAMES

# asylum-seeker or emergency housing must be left: a job far away needs housing
HOUSING_NEEDED_SITUATIONS = ("cada", "huda", "chu", "hosted", "none")


class RefugeeBeneficiary(models.Model):
    """French (trainings, assessments, levels, France Travail prompt),
    workshops (registrations, attendance rate), convocations and presence
    (no-show rate, repeated absences) and employment (immersions, hires,
    matching with partner employers) of the beneficiary."""

    _inherit = "refugee.beneficiary"

    fle_training_ids = fields.One2many(
        comodel_name="refugee.fle.training",
        inverse_name="beneficiary_id",
        string="French trainings",
    )
    fle_assessment_ids = fields.One2many(
        comodel_name="refugee.language.assessment",
        inverse_name="beneficiary_id",
        string="French assessments",
    )
    fle_hours_prescribed = fields.Float(
        string="French hours prescribed", compute="_compute_fle_hours"
    )
    fle_hours_attended = fields.Float(
        string="French hours attended", compute="_compute_fle_hours"
    )
    # Latest level per skill: stored, to search and report on
    fle_oral_comprehension = fields.Selection(
        selection=CEFR_LEVELS,
        string="Oral comprehension",
        compute="_compute_fle_levels",
        store=True,
        precompute=True,
    )
    fle_oral_production = fields.Selection(
        selection=CEFR_LEVELS,
        string="Oral production",
        compute="_compute_fle_levels",
        store=True,
        precompute=True,
    )
    fle_written_comprehension = fields.Selection(
        selection=CEFR_LEVELS,
        string="Written comprehension",
        compute="_compute_fle_levels",
        store=True,
        precompute=True,
    )
    fle_written_production = fields.Selection(
        selection=CEFR_LEVELS,
        string="Written production",
        compute="_compute_fle_levels",
        store=True,
        precompute=True,
    )
    # First → latest level per skill, as shown on the file
    fle_oral_comprehension_progress = fields.Char(
        string="Oral comprehension progress", compute="_compute_fle_progress"
    )
    fle_oral_production_progress = fields.Char(
        string="Oral production progress", compute="_compute_fle_progress"
    )
    fle_written_comprehension_progress = fields.Char(
        string="Written comprehension progress", compute="_compute_fle_progress"
    )
    fle_written_production_progress = fields.Char(
        string="Written production progress", compute="_compute_fle_progress"
    )
    fle_ready_date = fields.Date(
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

    @api.depends("fle_training_ids.hours_prescribed", "fle_training_ids.hours_attended")
    def _compute_fle_hours(self):
        for beneficiary in self:
            trainings = beneficiary.fle_training_ids
            beneficiary.fle_hours_prescribed = sum(trainings.mapped("hours_prescribed"))
            beneficiary.fle_hours_attended = sum(trainings.mapped("hours_attended"))

    def _fle_levels_in_order(self, skill):
        """Levels of one skill, from the first assessment to the latest."""
        self.ensure_one()
        assessments = self.fle_assessment_ids.sorted(
            lambda a: (a.date or fields.Date.today(), a._origin.id or 0)
        )
        return [a[skill] for a in assessments if a[skill]]

    @api.depends(
        "fle_assessment_ids.date",
        *(f"fle_assessment_ids.{skill}" for skill in SKILL_NAMES),
    )
    def _compute_fle_levels(self):
        # most files have no assessment (all new ones): no level, set at once
        assessed = self.filtered("fle_assessment_ids")
        unassessed = self - assessed
        for skill in SKILL_NAMES:
            unassessed[f"fle_{skill}"] = False
        for beneficiary in assessed:
            for skill in SKILL_NAMES:
                levels = beneficiary._fle_levels_in_order(skill)
                beneficiary[f"fle_{skill}"] = levels[-1] if levels else False

    @api.depends(
        "fle_assessment_ids.date",
        *(f"fle_assessment_ids.{skill}" for skill in SKILL_NAMES),
    )
    def _compute_fle_progress(self):
        labels = dict(
            self._fields["fle_oral_comprehension"]._description_selection(self.env)
        )
        for beneficiary in self:
            for skill in SKILL_NAMES:
                levels = [
                    labels[level] for level in beneficiary._fle_levels_in_order(skill)
                ]
                progress = False
                if len(levels) == 1:
                    progress = levels[0]
                elif levels:
                    progress = f"{levels[0]} → {levels[-1]}"
                beneficiary[f"fle_{skill}_progress"] = progress

    def _is_fle_ready(self, required_ranks):
        self.ensure_one()
        return bool(required_ranks) and all(
            CEFR_RANK.get(self[f"fle_{skill}"], 0) >= rank
            for skill, rank in required_ranks.items()
        )

    def _update_from_assessments(self):
        """Copy the latest literacy observed and, the first time the French
        level set by the coordinator is reached, prompt the counsellor to
        orient the person to France Travail."""
        required_ranks = self.env["refugee.fle.threshold"]._get_required_ranks()
        for beneficiary in self:
            assessments = beneficiary.fle_assessment_ids.sorted(
                lambda a: (a.date, a.id), reverse=True
            )
            literacy = next((a.literacy for a in assessments if a.literacy), False)
            if literacy and literacy != beneficiary.literacy:
                beneficiary.literacy = literacy
            if beneficiary.fle_ready_date or not beneficiary._is_fle_ready(
                required_ranks
            ):
                continue
            beneficiary.fle_ready_date = assessments[:1].date
            if not beneficiary.france_travail_registered:
                beneficiary._schedule_france_travail_orientation()

    def _schedule_france_travail_orientation(self):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Orient to France Travail"),
            note=self.env._(
                "%(name)s reached the French level set for an orientation to "
                "France Travail: help them register and build their support.",
                name=self.name,
            ),
            user_id=(self.counsellor_id or self.env.user).id,
        )

    def action_view_fle_levels(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "plateforme_refugies.refugee_language_level_report_action"
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
            beneficiary.workshop_attendance_rate = (
                100.0 * present / (present + absent) if present + absent else 0.0
            )
            by_presence = appointments[beneficiary._origin.id]
            present, absent = by_presence["present"], by_presence["absent"]
            beneficiary.appointment_present_count = present
            beneficiary.appointment_absent_count = absent
            beneficiary.no_show_rate = (
                100.0 * absent / (present + absent) if present + absent else 0.0
            )

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

    def _check_repeated_absences(self):
        """Two unexcused absences in a row (excused ones skipped) give the
        counsellor one activity, as long as it is open."""
        if not self:
            return
        self._flush_presences()
        self.env.cr.execute(
            SQL(
                """SELECT beneficiary_id
                     FROM (SELECT beneficiary_id, presence,
                                  ROW_NUMBER() OVER (PARTITION BY beneficiary_id
                                                     ORDER BY date DESC) AS rank
                             FROM (%s) presences
                            WHERE beneficiary_id IN %s
                              AND presence IN ('present', 'absent')) ranked
                    WHERE rank <= 2
                    GROUP BY beneficiary_id
                   HAVING COUNT(*) = 2 AND BOOL_AND(presence = 'absent')""",
                SQL(PRESENCE_QUERY),
                tuple(self.ids),
            )
        )
        absent_twice = self.browse([row[0] for row in self.env.cr.fetchall()])
        activity_type = self.env.ref(
            "plateforme_refugies.mail_activity_type_repeated_absences"
        )
        for beneficiary in absent_twice.sudo():
            if beneficiary.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ):
                continue
            beneficiary.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=(beneficiary.counsellor_id or self.env.user).id,
                note=self.env._(
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

    @api.depends("fle_oral_comprehension", "fle_oral_production")
    def _compute_french_level(self):
        for beneficiary in self:
            oral = [
                level
                for level in (
                    beneficiary.fle_oral_comprehension,
                    beneficiary.fle_oral_production,
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

    @api.model_create_multi
    def create(self, vals_list):
        # what the computes would find for a new file, given at once: without
        # assessments, no level (the overall level entered by hand stays);
        # the housing need follows the situation
        context = self.env.context
        default_situation = context.get("default_housing_situation")
        default_level = context.get("default_french_level", False)
        for vals in vals_list:
            if not vals.get("fle_assessment_ids"):
                vals.update(
                    {
                        **dict.fromkeys(
                            (f"fle_{skill}" for skill in SKILL_NAMES), False
                        ),
                        "french_level": vals.get("french_level", default_level),
                    }
                )
            situation = vals.get("housing_situation", default_situation)
            vals.setdefault("needs_housing", situation in HOUSING_NEEDED_SITUATIONS)
        return super().create(vals_list)

    @api.depends("housing_situation")
    def _compute_needs_housing(self):
        # set at once for each value: a batch of new files costs one assignment
        needing = self.filtered(
            lambda b: b.housing_situation in HOUSING_NEEDED_SITUATIONS
        )
        needing.needs_housing = True
        (self - needing).needs_housing = False

    def action_suggest_employers(self):
        self.ensure_one()
        return (
            self.env["refugee.match.wizard"]
            .create({"beneficiary_id": self.id})
            .action_open()
        )
