# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

ACTIVITY_TYPE = "plateforme_refugies.mail_activity_type_hire_follow_up"


class RefugeeHireFollowUp(models.Model):
    """One follow-up after hiring, at 1, 3 or 6 months after the start.

    Planned with an activity for the counsellor when the hire is confirmed;
    the counsellor records whether the person is still employed.
    """

    _name = "refugee.hire.follow.up"
    _inherit = ["refugee.state.mixin"]
    _description = "Follow-up after hiring"
    _order = "hire_id, date_due, id"

    MILESTONES = [("1", "1 month"), ("3", "3 months"), ("6", "6 months")]

    hire_id = fields.Many2one(
        comodel_name="refugee.hire", required=True, index=True, ondelete="cascade"
    )
    beneficiary_id = fields.Many2one(related="hire_id.beneficiary_id")
    site_id = fields.Many2one(related="hire_id.site_id", store=True, index=True)
    milestone = fields.Selection(selection=MILESTONES, required=True, readonly=True)
    date_due = fields.Date(
        string="Due on",
        compute="_compute_date_due",
        store=True,
        precompute=True,
    )
    state = fields.Selection(
        selection=[("planned", "Planned"), ("done", "Recorded")],
        required=True,
        default="planned",
        readonly=True,
    )
    still_employed = fields.Selection(selection=[("yes", "Yes"), ("no", "No")])
    done_date = fields.Date(string="Recorded on", readonly=True)
    notes = fields.Text()
    activity_id = fields.Many2one(
        comodel_name="mail.activity", readonly=True, ondelete="set null"
    )

    _sql_constraints = [
        (
            "milestone_unique",
            "UNIQUE(hire_id, milestone)",
            "Each follow-up after hiring is planned once per hire.",
        ),
    ]

    @api.depends("hire_id.date_start", "milestone")
    def _compute_date_due(self):
        for follow_up in self:
            follow_up.date_due = follow_up.hire_id.date_start + relativedelta(
                months=int(follow_up.milestone)
            )

    def _compute_display_name(self):
        labels = dict(self._fields["milestone"]._description_selection(self.env))
        for follow_up in self:
            follow_up.display_name = self.env._(
                "Follow-up at %(milestone)s of %(hire)s",
                milestone=labels.get(follow_up.milestone, ""),
                hire=follow_up.hire_id.display_name,
            )

    def _schedule_activity(self):
        for follow_up in self:
            hire = follow_up.hire_id
            user = hire.counsellor_id or self.env.user
            # in the language of the counsellor who will do it
            reader = follow_up.with_context(lang=user._refugee_lang())
            follow_up.activity_id = hire.activity_schedule(
                ACTIVITY_TYPE,
                date_deadline=follow_up.date_due,
                summary=reader.display_name,
                note=reader.env._(
                    "Check whether %(person)s is still employed and record it on "
                    "the hire.",
                    person=hire.beneficiary_id.name,
                ),
                user_id=user.id,
            )

    def _reschedule(self):
        """The hire start moved: planned follow-ups move with it."""
        for follow_up in self.filtered(lambda f: f.state == "planned"):
            follow_up.activity_id.date_deadline = follow_up.date_due

    def action_record(self):
        self._check_state(
            ["planned"],
            self.env._(
                "%(record)s is already recorded: only a planned follow-up can be "
                "recorded."
            ),
        )
        for follow_up in self:
            if not follow_up.still_employed:
                raise UserError(
                    self.env._(
                        "Say whether the person is still employed before recording %s.",
                        follow_up.display_name,
                    )
                )
            follow_up.write(
                {"state": "done", "done_date": fields.Date.context_today(self)}
            )
            # in the language of the hire's counsellor, who reads it
            user = follow_up.hire_id.counsellor_id
            reader = follow_up.with_context(lang=user._refugee_lang())
            labels = dict(
                follow_up._fields["still_employed"]._description_selection(reader.env)
            )
            feedback = reader.env._(
                "Still employed: %s", labels[follow_up.still_employed]
            )
            if follow_up.activity_id:
                follow_up.activity_id.action_feedback(feedback=feedback)
            else:
                follow_up.hire_id.message_post(
                    body=reader.env._(
                        "%(follow_up)s: %(feedback)s",
                        follow_up=reader.display_name,
                        feedback=feedback,
                    )
                )
        journeys = self.hire_id.journey_id.filtered("hire_follow_up_done")
        for journey in journeys:
            env = journey.with_context(lang=journey.counsellor_id._refugee_lang()).env
            journey.message_post(
                body=env._(
                    "The follow-up after hiring is recorded: the coordinator can "
                    "validate the journey."
                )
            )
