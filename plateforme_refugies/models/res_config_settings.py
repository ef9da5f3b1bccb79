# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .refugee_convocation import DEFAULT_REMINDER_DAYS, REMINDER_DAYS_PARAMETER
from .refugee_file_privacy_mixin import DEFAULT_RETENTION_MONTHS, RETENTION_PARAMETER
from .refugee_presence import DEFAULT_NO_SHOW_THRESHOLD, NO_SHOW_THRESHOLD_PARAMETER
from .refugee_report_mixin import DEFAULT_MIN_PEOPLE, MIN_PEOPLE_PARAMETER
from .refugee_siae_placement import SAS_MAX_MONTHS_DEFAULT, SAS_MAX_MONTHS_PARAM
from .res_partner import SIAE_CAPACITY_DEFAULT, SIAE_CAPACITY_PARAM
from .res_users import SENSITIVE_2FA_PARAMETER


class ResConfigSettings(models.TransientModel):
    """The figures of the platform that change with the rules or the funders
    (DOMAIN.md: "keep such figures configurable"), in Settings > Refugee
    insertion: parameters, and the deadline rules and French levels for France
    Travail, edited in place."""

    _inherit = "res.config.settings"

    refugee_retention_months = fields.Integer(
        string="Keep closed files for (months)",
        config_parameter=RETENTION_PARAMETER,
        default=DEFAULT_RETENTION_MONTHS,
        help="Months after the closing of the last journey of a person (and no "
        "other open journey) after which the daily job anonymises the file.",
    )
    refugee_sas_max_months = fields.Integer(
        string="Length of the SAS IAE (months)",
        config_parameter=SAS_MAX_MONTHS_PARAM,
        default=SAS_MAX_MONTHS_DEFAULT,
        help="The whole SAS IAE of a journey, all placements together, lasts at "
        "most this long.",
    )
    refugee_siae_capacity = fields.Integer(
        string="Refugees hosted at once by a new SIAE",
        config_parameter=SIAE_CAPACITY_PARAM,
        default=SIAE_CAPACITY_DEFAULT,
        help="Capacity proposed for a new SIAE; each SIAE keeps its own.",
    )
    refugee_sensitive_data_2fa_required = fields.Boolean(
        string="Two-factor authentication for sensitive data",
        config_parameter=SENSITIVE_2FA_PARAMETER,
        help="Everyone who holds the group Sensitive data logs in with a second "
        "factor: their authenticator app, or else a code sent by e-mail.",
    )
    refugee_reminder_days = fields.Integer(
        string="Remind the persons convoked (days before)",
        config_parameter=REMINDER_DAYS_PARAMETER,
        default=DEFAULT_REMINDER_DAYS,
        help="The scheduler reminds each person convoked once, this many days "
        "before the appointment.",
    )
    refugee_no_show_threshold = fields.Integer(
        string="No-show rate that alerts the counsellor (%)",
        config_parameter=NO_SHOW_THRESHOLD_PARAMETER,
        default=DEFAULT_NO_SHOW_THRESHOLD,
        help="A person whose no-show rate is above it shows in their "
        "counsellor's day, as after two unexcused absences in a row.",
    )
    refugee_report_min_people = fields.Integer(
        string="Smallest group shown to readers",
        config_parameter=MIN_PEOPLE_PARAMETER,
        default=DEFAULT_MIN_PEOPLE,
        help="Readers (funders) get no group of fewer people in the analyses and "
        "dashboards; 1 shows every group.",
    )
    refugee_deadline_rule_ids = fields.Many2many(
        comodel_name="refugee.deadline.rule",
        string="Deadline rules",
        default=lambda self: self._default_deadline_rules(),
        help="When the daily deadline clock warns the counsellors.",
    )
    refugee_french_threshold_ids = fields.Many2many(
        comodel_name="refugee.french.threshold",
        string="French level for France Travail",
        default=lambda self: self.env["refugee.french.threshold"].search([]),
        help="The level, per skill, from which a person is proposed an "
        "orientation to France Travail.",
    )

    @api.model
    def _default_deadline_rules(self):
        return (
            self.env["refugee.deadline.rule"].with_context(active_test=False).search([])
        )

    @api.constrains(
        "refugee_retention_months",
        "refugee_sas_max_months",
        "refugee_siae_capacity",
        "refugee_reminder_days",
        "refugee_report_min_people",
        "refugee_no_show_threshold",
    )
    def _check_refugee_figures(self):
        for settings in self:
            if settings.refugee_retention_months < 1:
                raise ValidationError(
                    self.env._(
                        "The files are kept at least one month after their "
                        "last journey is closed."
                    )
                )
            if settings.refugee_sas_max_months < 1:
                raise ValidationError(
                    self.env._("The SAS IAE lasts at least one month.")
                )
            if settings.refugee_siae_capacity < 1:
                raise ValidationError(
                    self.env._("A SIAE hosts at least one refugee at a time.")
                )
            if settings.refugee_reminder_days < 1:
                raise ValidationError(
                    self.env._(
                        "The reminder of a convocation goes at least one day "
                        "before the appointment."
                    )
                )
            if not 0 <= settings.refugee_no_show_threshold < 100:
                raise ValidationError(
                    self.env._(
                        "The no-show rate that alerts the counsellor is a "
                        "percentage from 0 to 99."
                    )
                )
            if settings.refugee_report_min_people < 1:
                raise ValidationError(
                    self.env._(
                        "The smallest group shown to readers has at least one person."
                    )
                )
