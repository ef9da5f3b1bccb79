# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, formatLang

PLACEMENT_STATES = [
    ("planned", "Planned"),
    ("running", "Running"),
    ("done", "Done"),
    ("interrupted", "Interrupted"),
    ("cancelled", "Cancelled"),
]
# the words of the tutors' scale (refugee_immersion.ASSESSMENT_LEVELS): one
# scale for every partner; the value is the score (average out of 4)
EVALUATION_SCALE = [
    ("4", "Very good"),
    ("3", "Good"),
    ("2", "Fair"),
    ("1", "Insufficient"),
]
EVALUATION_FIELDS = (
    "evaluation_skills",
    "evaluation_soft_skills",
    "evaluation_written_instructions",
    "evaluation_oral_instructions",
    "evaluation_punctuality",
)
SAS_MIN_STEPS = 2
SAS_MAX_STEPS = 3
SAS_MAX_MONTHS_PARAM = "plateforme_refugies.sas_max_months"
SAS_MAX_MONTHS_DEFAULT = 4
# the supervisor may evaluate a running placement in its last days
EVALUATION_NOTICE_DAYS = 7
STARTED_STATES = ("running", "done", "interrupted")


class RefugeeSiaePlacement(models.Model):
    """A placement of a refugee in a SIAE, part of the SAS IAE or not.

    States and their actions::

        planned --action_start--> running --action_done--> done
        planned, running --action_interrupt--> interrupted  (date and reason)
        planned --action_cancel--> cancelled --action_plan_again--> planned

    A placement occupies one place of its SIAE from its start to its end, or
    to the day before its interruption; a cancelled placement occupies none
    (``occupancy_end``). At any date a SIAE hosts at most ``siae_capacity``
    refugees: see ``_check_capacity`` for how this holds between concurrent
    transactions.
    """

    _name = "refugee.siae.placement"
    _description = "SIAE placement"
    _inherit = [
        "refugee.file.mail.mixin",  # mail.thread, following the consents
        "mail.activity.mixin",
        "refugee.site.mixin",
        "refugee.state.mixin",
        "refugee.portal.mixin",
    ]
    _order = "date_start desc, id desc"
    _rec_names_search = ["beneficiary_id", "journey_id", "siae_id"]
    _portal_partner_field = "siae_id"
    _portal_states = ("planned", "running", "done", "interrupted")

    journey_id = fields.Many2one(
        comodel_name="refugee.journey",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain=[("state", "in", ("diagnostic", "in_progress"))],
    )
    beneficiary_id = fields.Many2one(
        related="journey_id.beneficiary_id", store=True, index=True
    )
    site_id = fields.Many2one(
        related="journey_id.site_id",
        store=True,
        readonly=True,
        precompute=True,
        default=None,
    )
    counsellor_id = fields.Many2one(
        related="journey_id.counsellor_id", store=True, index=True
    )
    siae_id = fields.Many2one(
        comodel_name="res.partner",
        string="SIAE",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_siae", "=", True)],
    )
    supervisor_id = fields.Many2one(
        comodel_name="res.partner",
        tracking=True,
        domain="[('is_siae_supervisor', '=', True), ('parent_id', '=', siae_id)]",
    )
    is_sas = fields.Boolean(
        string="Part of the SAS",
        tracking=True,
        help="One of the 2 or 3 successive placements of the SAS IAE of the journey.",
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    weekly_hours = fields.Float(default=26.0, tracking=True)
    state = fields.Selection(
        selection=PLACEMENT_STATES,
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
    )
    interruption_date = fields.Date(
        copy=False,
        tracking=True,
        help="First day the person no longer comes: the place is free from this day.",
    )
    interruption_reason = fields.Text(copy=False)
    occupancy_end = fields.Date(
        string="Occupies a place until",
        compute="_compute_occupancy_end",
        store=True,
        precompute=True,
        index=True,
        help="Last day this placement occupies a place in the SIAE.",
    )
    pass_iae_warning = fields.Char(
        string="PASS IAE warning", compute="_compute_pass_iae_warning"
    )
    siae_consent_warning = fields.Char(
        string="SIAE consent warning", compute="_compute_siae_consent_warning"
    )
    color = fields.Integer()
    attendance_ids = fields.One2many(
        comodel_name="refugee.placement.attendance", inverse_name="placement_id"
    )
    attendance_rate = fields.Float(
        string="Attendance rate (%)",
        compute="_compute_attendance_rate",
        digits=(5, 1),
        help="Hours worked out of the hours expected, over the recorded weeks.",
    )

    # The supervisor's evaluation at the end of the placement
    evaluation_skills = fields.Selection(
        selection=EVALUATION_SCALE, string="Technical skills"
    )
    evaluation_soft_skills = fields.Selection(
        selection=EVALUATION_SCALE, string="Soft skills"
    )
    evaluation_written_instructions = fields.Selection(
        selection=EVALUATION_SCALE, string="Understanding of written instructions"
    )
    evaluation_oral_instructions = fields.Selection(
        selection=EVALUATION_SCALE, string="Understanding of oral instructions"
    )
    evaluation_punctuality = fields.Selection(
        selection=EVALUATION_SCALE, string="Punctuality and attendance"
    )
    evaluation_comment = fields.Text(string="Supervisor's comment")
    evaluation_date = fields.Date(string="Evaluated on", copy=False)
    evaluation_score = fields.Float(
        string="Average evaluation",
        compute="_compute_evaluation_score",
        store=True,
        aggregator="avg",
        digits=(2, 1),
        help="Average of the rated criteria, from 1 (insufficient) to 4 (very good).",
    )

    _sql_constraints = [
        (
            "weekly_hours_range",
            "CHECK(weekly_hours > 0 AND weekly_hours <= 48)",
            "The weekly hours of a placement are between 0 and 48.",
        ),
    ]

    @api.depends("state", "date_end", "interruption_date")
    def _compute_occupancy_end(self):
        for placement in self:
            if placement.state == "cancelled":
                placement.occupancy_end = False
            elif placement.state == "interrupted" and placement.interruption_date:
                placement.occupancy_end = min(
                    placement.date_end, placement.interruption_date - timedelta(days=1)
                )
            else:
                placement.occupancy_end = placement.date_end

    @api.depends(
        "journey_id.beneficiary_id.pass_iae_number",
        "journey_id.beneficiary_id.pass_iae_start",
        "journey_id.beneficiary_id.pass_iae_end",
        "date_start",
        "date_end",
    )
    def _compute_pass_iae_warning(self):
        for placement in self:
            person = placement.journey_id.beneficiary_id
            placement.pass_iae_warning = False
            if not (person and placement.date_start and placement.date_end):
                continue
            if not (person.pass_iae_number and person.pass_iae_end):
                placement.pass_iae_warning = self.env._(
                    "%(person)s has no valid PASS IAE recorded: check their "
                    "eligibility with France Travail before the placement starts.",
                    person=person.name,
                )
            elif placement.date_end > person.pass_iae_end or (
                person.pass_iae_start and placement.date_start < person.pass_iae_start
            ):
                placement.pass_iae_warning = self.env._(
                    "This placement (%(start)s - %(end)s) falls outside the PASS IAE "
                    "of %(person)s, valid from %(pass_start)s to %(pass_end)s.",
                    start=format_date(self.env, placement.date_start),
                    end=format_date(self.env, placement.date_end),
                    person=person.name,
                    pass_start=format_date(self.env, person.pass_iae_start) or "?",
                    pass_end=format_date(self.env, person.pass_iae_end),
                )

    @api.depends(
        "journey_id.beneficiary_id.consent_ids.state",
        "siae_id.refugee_partner_type_ids",
        "state",
    )
    def _compute_siae_consent_warning(self):
        """The SIAE must know whom it hosts: without the person's consent its
        supervisor only sees a pseudonym in the portal."""
        for placement in self:
            person = placement.journey_id.beneficiary_id
            placement.siae_consent_warning = (
                self.env._(
                    "%(person)s has not agreed to share their data with SIAEs: "
                    "%(siae)s will only see a pseudonym in its portal. Ask for "
                    "the consent and record it in the file before the placement "
                    "starts.",
                    person=person.name,
                    siae=placement.siae_id.name,
                )
                if person
                and placement.siae_id
                and placement.state in ("planned", "running")
                and not person._may_receive_file_data(placement.siae_id)
                else False
            )

    @api.depends(
        "attendance_ids.hours_worked",
        "attendance_ids.hours_absent_justified",
        "attendance_ids.hours_absent_unjustified",
    )
    def _compute_attendance_rate(self):
        for placement in self:
            weeks = placement.attendance_ids
            worked = sum(weeks.mapped("hours_worked"))
            expected = worked + sum(
                weeks.mapped(
                    lambda w: w.hours_absent_justified + w.hours_absent_unjustified
                )
            )
            placement.attendance_rate = 100.0 * worked / expected if expected else 0.0

    @api.depends(*EVALUATION_FIELDS)
    def _compute_evaluation_score(self):
        for placement in self:
            ratings = [
                int(placement[name]) for name in EVALUATION_FIELDS if placement[name]
            ]
            placement.evaluation_score = sum(ratings) / len(ratings) if ratings else 0.0

    def _compute_display_name(self):
        for placement in self:
            placement.display_name = " - ".join(
                name
                for name in (
                    placement.siae_id.name,
                    placement.journey_id.beneficiary_id.name,
                )
                if name
            )

    @api.constrains("date_start", "date_end", "interruption_date")
    def _check_dates(self):
        for placement in self:
            if placement.date_end < placement.date_start:
                raise ValidationError(
                    self.env._(
                        "The placement %(placement)s cannot end before it starts.",
                        placement=placement.display_name,
                    )
                )
            interruption = placement.interruption_date
            if interruption and not (
                placement.date_start <= interruption <= placement.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "The placement %(placement)s can only be interrupted between "
                        "its start and its end.",
                        placement=placement.display_name,
                    )
                )

    @api.constrains("siae_id")
    def _check_siae(self):
        if not_siae := self.siae_id.filtered(lambda p: not p.is_siae):
            raise ValidationError(
                self.env._(
                    "%(partner)s is not a SIAE: mark the contact as a SIAE before "
                    "placing someone there.",
                    partner=not_siae[0].display_name,
                )
            )

    @api.constrains("siae_id", "date_start", "date_end", "state", "interruption_date")
    def _check_capacity(self):
        """A SIAE never hosts more refugees than its capacity, at any date.

        Odoo runs each transaction in REPEATABLE READ: the count below does not
        see the placements of a transaction that is not committed yet, or that
        committed after this one took its snapshot. Locking the SIAE row with
        ``SELECT ... FOR UPDATE`` would not be enough: a row that another
        transaction only locked, without changing it, does not make a
        repeatable-read transaction fail. So the SIAE row is *updated* (with its
        own value) before counting: a second transaction that counts for the
        same SIAE waits for the first one, then fails with a serialization error
        as soon as the first commits, and Odoo retries the request with a fresh
        snapshot, in which the count sees the first placement.
        """
        placements = self.filtered("occupancy_end")
        if not placements:
            return
        siaes = placements.siae_id
        self.env["res.partner"].flush_model(["siae_capacity"])
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET siae_capacity = siae_capacity WHERE id IN %s",
                tuple(siaes.ids),
            )
        )
        self.flush_model(["siae_id", "date_start", "occupancy_end"])
        # the busiest day is always the start of one of the overlapping
        # placements, but days are few (months): count each day of each placement
        self.env.cr.execute(
            SQL(
                """
                SELECT p.siae_id, day::date, COUNT(DISTINCT q.id), s.siae_capacity
                  FROM refugee_siae_placement p
            CROSS JOIN LATERAL generate_series(
                           p.date_start, p.occupancy_end, interval '1 day'
                       ) AS day
                  JOIN refugee_siae_placement q
                    ON q.siae_id = p.siae_id
                   AND q.date_start <= day
                   AND q.occupancy_end >= day
                  JOIN res_partner s ON s.id = p.siae_id
                 WHERE p.id IN %s
              GROUP BY p.siae_id, day, s.siae_capacity
                HAVING COUNT(DISTINCT q.id) > s.siae_capacity
              ORDER BY day
                 LIMIT 1
                """,
                tuple(placements.ids),
            )
        )
        overbooked = self.env.cr.fetchone()
        if overbooked:
            siae_id, day, hosted, capacity = overbooked
            raise ValidationError(
                self.env._(
                    "SIAE capacity: %(siae)s hosts at most %(capacity)s refugees at "
                    "the same time, and would host %(hosted)s on %(date)s. Choose "
                    "other dates or another SIAE.",
                    siae=self.env["res.partner"].browse(siae_id).display_name,
                    capacity=capacity,
                    hosted=hosted,
                    date=format_date(self.env, day),
                )
            )

    @api.constrains(
        "journey_id",
        "is_sas",
        "siae_id",
        "date_start",
        "date_end",
        "state",
        "interruption_date",
    )
    def _check_journey_rules(self):
        self.journey_id._check_placements()

    @api.constrains("state", *EVALUATION_FIELDS, "evaluation_comment")
    def _check_evaluation_at_the_end(self):
        for placement in self:
            evaluated = placement.evaluation_comment or any(
                placement[name] for name in EVALUATION_FIELDS
            )
            if evaluated and placement.state not in STARTED_STATES:
                raise ValidationError(
                    self.env._(
                        "The supervisor evaluates the placement %(placement)s at its "
                        "end: it cannot be evaluated before it starts.",
                        placement=placement.display_name,
                    )
                )

    @api.onchange("journey_id", "date_start", "date_end")
    def _onchange_pass_iae(self):
        if self.pass_iae_warning:
            return {
                "warning": {
                    "title": self.env._("PASS IAE"),
                    "message": self.pass_iae_warning,
                    "type": "notification",
                }
            }

    @api.onchange(*EVALUATION_FIELDS)
    def _onchange_evaluation(self):
        if not self.evaluation_date and any(self[name] for name in EVALUATION_FIELDS):
            self.evaluation_date = fields.Date.context_today(self)

    @api.onchange("siae_id")
    def _onchange_siae_id(self):
        if self.supervisor_id.parent_id != self.siae_id:
            self.supervisor_id = self.siae_id.siae_supervisor_ids[:1]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(placement.state not in ("planned", "cancelled") for placement in self):
            raise UserError(
                self.env._(
                    "Only a planned or cancelled placement can be deleted; a started "
                    "placement is interrupted instead."
                )
            )

    def action_start(self):
        self._check_state(
            ["planned"],
            self.env._(
                "Only a planned placement can be started (%(record)s: %(state)s)."
            ),
        )
        self.write({"state": "running"})

    def action_done(self):
        self._check_state(
            ["running"],
            self.env._(
                "Only a running placement can be finished (%(record)s: %(state)s)."
            ),
        )
        self.write({"state": "done"})

    def action_interrupt(self):
        self._check_state(
            ["planned", "running"],
            self.env._(
                "Only a planned or running placement can be interrupted (%(record)s: "
                "%(state)s)."
            ),
        )
        for placement in self:
            if not (placement.interruption_date and placement.interruption_reason):
                raise UserError(
                    self.env._(
                        "Fill in the interruption date and reason of placement "
                        "%(placement)s before interrupting it.",
                        placement=placement.display_name,
                    )
                )
        self.write({"state": "interrupted"})

    def action_cancel(self):
        self._check_state(
            ["planned"],
            self.env._(
                "Only a planned placement can be cancelled (%(record)s: %(state)s)."
            ),
        )
        self.write({"state": "cancelled"})

    def action_plan_again(self):
        self._check_state(
            ["cancelled"],
            self.env._(
                "Only a cancelled placement can be planned again (%(record)s: "
                "%(state)s)."
            ),
        )
        self.write({"state": "planned"})

    def action_open_evaluation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Supervisor's evaluation"),
            "res_model": self._name,
            "res_id": self.id,
            "views": [
                (
                    self.env.ref(
                        "plateforme_refugies.refugee_siae_placement_view_form_evaluati"
                        "on"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }

    # Portal of the SIAE supervisors (see refugee.portal.mixin)

    def _portal_weeks_to_record(self):
        """Mondays of the weeks already started with no attendance recorded."""
        self.ensure_one()
        if self.state not in STARTED_STATES:
            return []
        last_day = min(
            self.occupancy_end or self.date_end, fields.Date.context_today(self)
        )
        recorded = set(self.attendance_ids.mapped("week_start"))
        monday = self.date_start - timedelta(days=self.date_start.weekday())
        weeks = []
        while monday <= last_day:
            if monday not in recorded:
                weeks.append(monday)
            monday += timedelta(days=7)
        return weeks

    def _portal_can_evaluate(self):
        """The supervisor evaluates once, in the last days of the placement or
        after its end."""
        self.ensure_one()
        if self.evaluation_date or self.state not in STARTED_STATES:
            return False
        notice = timedelta(days=EVALUATION_NOTICE_DAYS)
        today = fields.Date.context_today(self)
        return self.state != "running" or self.date_end - notice <= today

    def _portal_record_attendance(self, partner, values):
        """Record a week of attendance sent by the supervisor ``partner``."""
        self.ensure_one()
        if self.state not in STARTED_STATES:
            raise UserError(
                self.env._("Attendance is recorded once the placement has started.")
            )
        # the UNIQUE constraint holds between transactions; checked here first
        # for a clear message (a violated constraint logs an SQL error)
        if values.get("week_start") in self.attendance_ids.mapped("week_start"):
            raise ValidationError(
                self.env._(
                    "The attendance of this week is already recorded for this "
                    "placement."
                )
            )
        attendance = (
            self.env["refugee.placement.attendance"]
            .sudo()
            .create({**values, "placement_id": self.id, "recorded_by_id": partner.id})
        )
        # written for the counsellor, in their language
        env = self._portal_reader_env()
        body = env._(
            "Attendance of the week of %(week)s: %(worked)s h worked, %(justified)s h "
            "of justified absence, %(unjustified)s h of unjustified absence.",
            week=format_date(env, attendance.week_start),
            worked=formatLang(env, attendance.hours_worked, digits=1),
            justified=formatLang(env, attendance.hours_absent_justified, digits=1),
            unjustified=formatLang(env, attendance.hours_absent_unjustified, digits=1),
        )
        if attendance.comment:
            body = f"{body}\n{attendance.comment}"
        if attendance.hours_absent_unjustified:
            self._portal_notify(
                partner, body, env._("Unjustified absence reported by the SIAE")
            )
        else:
            self._portal_notify(
                partner,
                body,
                env._("Weekly attendance sent by the SIAE"),
                routine=True,
            )
        return attendance

    def _portal_submit_evaluation(self, partner, values):
        """Save the end evaluation sent by the supervisor ``partner``."""
        self.ensure_one()
        if not self._portal_can_evaluate():
            raise UserError(
                self.env._(
                    "This placement cannot be evaluated now: the evaluation is "
                    "given once, in its last week or after its end."
                )
            )
        answers = self._portal_answers(
            values, EVALUATION_FIELDS, "evaluation_comment", "evaluation_date"
        )
        if not answers:
            raise UserError(self.env._("Rate every criterion of the evaluation."))
        self.sudo().write(answers)
        env = self._portal_reader_env()
        self._portal_notify(
            partner,
            env._(
                "End evaluation sent by the SIAE: average %(score)s / 4.",
                score=formatLang(env, self.evaluation_score, digits=1),
            ),
            env._("Read the SIAE's end evaluation"),
        )

    @api.model
    def _sas_max_months(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(SAS_MAX_MONTHS_PARAM, SAS_MAX_MONTHS_DEFAULT)
        )

    @api.model
    def _sas_last_day(self, first_day):
        """Last day a SAS that starts on ``first_day`` may end."""
        return first_day + relativedelta(months=self._sas_max_months(), days=-1)

    @api.model
    def _siae_daily_occupancy(self, siaes, date_from, date_to):
        """Refugees hosted per SIAE and per day, in one query.

        :return: {siae id: [count of day 0, count of day 1, ...]} over
            ``date_from`` .. ``date_to``, every site included.
        """
        return self._siae_occupancy_and_visits(siaes, date_from, date_to)[0]

    @api.model
    def _siae_occupancy_and_visits(self, siaes, date_from, date_to, beneficiary=None):
        """Daily occupancy of ``siaes`` and where ``beneficiary`` was placed.

        One query reads both the placements over the window and the past
        placements of the person (the SAS planner needs them together).

        :return: ({siae id: [count of day 0, count of day 1, ...]} over
            ``date_from`` .. ``date_to``, every site included; the ids of the
            SIAE among ``siaes`` that once hosted ``beneficiary``)
        """
        days = (date_to - date_from).days + 1
        occupancy = {siae_id: [0] * days for siae_id in siaes.ids}
        visited = set()
        if not siaes or (days <= 0 and not beneficiary):
            return occupancy, visited
        self.flush_model(["siae_id", "date_start", "occupancy_end", "beneficiary_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT siae_id, GREATEST(date_start, %(date_from)s),
                       LEAST(occupancy_end, %(date_to)s),
                       COALESCE(beneficiary_id = %(person)s, FALSE)
                  FROM refugee_siae_placement
                 WHERE siae_id IN %(siaes)s
                   AND occupancy_end IS NOT NULL
                   AND ((occupancy_end >= %(date_from)s AND date_start <= %(date_to)s)
                        OR beneficiary_id = %(person)s)
                """,
                siaes=tuple(siaes.ids),
                date_from=date_from,
                date_to=date_to,
                person=beneficiary.id if beneficiary else None,
            )
        )
        # difference arrays, then running sums: linear in placements and days
        changes = defaultdict(lambda: [0] * (days + 1))
        for siae_id, start, end, is_visit in self.env.cr.fetchall():
            if is_visit:
                visited.add(siae_id)
            if start <= end:  # hosted within the window
                changes[siae_id][(start - date_from).days] += 1
                changes[siae_id][(end - date_from).days + 1] -= 1
        for siae_id, delta in changes.items():
            hosted, counts = 0, occupancy[siae_id]
            for day in range(days):
                hosted += delta[day]
                counts[day] = hosted
        return occupancy, visited
