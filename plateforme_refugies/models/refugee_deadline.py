# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .refugee_deadline_rule import DEADLINE_KINDS
from .scheduled_run import create_run_marker, start_exclusive_run

_logger = logging.getLogger(__name__)

# new deadlines a run of the clock stores at most: the scheduler runs it
# again at once while some remain (ir.cron progress)
CLOCK_BATCH_SIZE = 2000
# the sequence noting the transaction of the clock's last run
CLOCK_RUN = "refugee_deadline_clock_run"


def _fetch_columns(records):
    """Read the columns of ``records`` that a read would, in one query."""
    records.fetch(
        [
            name
            for name, field in records._fields.items()
            if field.column_type
            and field.store
            and field.prefetch is True
            and not field.groups
        ]
    )


class RefugeeDeadline(models.Model):
    """One deadline of a person, stored once, with the activity it created.

    The daily cron asks each active refugee.deadline.rule for the records
    whose deadline is near: the finder of its kind (_deadline_finders)
    returns (source record, due date) pairs with one query. The deadlines not seen
    yet (kind, source, date) are stored and a to-do activity is planned for
    the counsellor. Adding a rule = one kind in DEADLINE_KINDS, one finder
    method named in _deadline_finders and one rule record.
    """

    _name = "refugee.deadline"
    _description = "Deadline"
    _order = "date_deadline, id"

    kind = fields.Selection(selection=DEADLINE_KINDS, required=True, readonly=True)
    date_deadline = fields.Date(string="Due on", required=True, readonly=True)
    res_model = fields.Char(string="Source model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Source ID", model_field="res_model", required=True, readonly=True
    )
    source_ref = fields.Reference(
        selection="_selection_source_ref",
        string="Source",
        compute="_compute_source_ref",
    )
    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary",
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    journey_id = fields.Many2one(
        comodel_name="refugee.journey",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    site_id = fields.Many2one(related="beneficiary_id.site_id", store=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible",
        readonly=True,
        index=True,
    )
    activity_id = fields.Many2one(
        comodel_name="mail.activity",
        readonly=True,
        ondelete="set null",
        help="Empty once the activity is done.",
    )
    is_open = fields.Boolean(
        string="To do",
        compute="_compute_is_open",
        search="_search_is_open",
    )

    _sql_constraints = [
        (
            "deadline_unique",
            "UNIQUE(kind, res_model, res_id, date_deadline)",
            "This deadline is already recorded.",
        ),
    ]

    def init(self):
        result = super().init()
        create_run_marker(self.env.cr, CLOCK_RUN)
        return result

    @api.model
    def _selection_source_ref(self):
        # any model of the platform may be the source of a deadline
        models = self.env["ir.model"].sudo().search([("model", "=like", "refugee.%")])
        return [(model.model, model.name) for model in models]

    @api.depends("res_model", "res_id")
    def _compute_source_ref(self):
        for deadline in self:
            deadline.source_ref = (
                f"{deadline.res_model},{deadline.res_id}"
                if deadline.res_model in self.env
                else False
            )

    @api.depends("activity_id")
    def _compute_is_open(self):
        for deadline in self:
            deadline.is_open = bool(deadline.activity_id)

    def _search_is_open(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on To do."))
        positive = (operator == "=") == value
        return [("activity_id", "!=" if positive else "=", False)]

    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for deadline in self:
            deadline.display_name = kinds.get(deadline.kind, "")

    # ------------------------------------------------------------------
    # The rules: (source record, due date) pairs, one query each
    # ------------------------------------------------------------------

    def _deadline_finders(self):
        """The finder of each kind of rule: ``finder(rule, today)`` returns the
        (source record, due date) pairs whose deadline is near."""
        return {
            "residence_permit": self._deadline_residence_permit,
            "sas_duration": self._deadline_sas_duration,
            "no_interview": self._deadline_no_interview,
            "enrolment_end": self._deadline_enrolment_end,
            "agreement_end": self._deadline_agreement_end,
            "pmsmp_end": self._deadline_pmsmp_end,
        }

    def _deadline_residence_permit(self, rule, today):
        limit = today + rule._get_delta()
        beneficiaries = self.env["refugee.beneficiary"].search_fetch(
            [
                ("residence_permit_expiry", ">=", today),
                ("residence_permit_expiry", "<=", limit),
            ],
            ["residence_permit_expiry"],
        )
        return [(b, b.residence_permit_expiry) for b in beneficiaries]

    def _deadline_sas_duration(self, rule, today):
        # the SAS lasts 4 months at most: its exit is prepared before
        delta = rule._get_delta()
        journeys = self.env["refugee.journey"].search_fetch(
            [
                ("state", "=", "in_progress"),
                ("sas_outcome", "=", False),
                ("sas_date_start", "<=", today - delta),
            ],
            ["sas_date_start"],
        )
        return [(j, j.sas_date_start + delta) for j in journeys]

    def _deadline_no_interview(self, rule, today):
        delta = rule._get_delta()
        limit = today - delta
        journeys = self.env["refugee.journey"].search_fetch(
            [
                ("state", "!=", "closed"),
                "|",
                ("last_interview_date", "<=", limit),
                "&",
                ("last_interview_date", "=", False),
                ("orientation_date", "<=", limit),
            ],
            ["last_interview_date", "orientation_date"],
        )
        return [
            (j, (j.last_interview_date or j.orientation_date) + delta) for j in journeys
        ]

    def _deadline_enrolment_end(self, rule, today):
        limit = today + rule._get_delta()
        enrolments = self.env["refugee.enrolment"].search_fetch(
            [("end_date", ">=", today), ("end_date", "<=", limit)], ["end_date"]
        )
        return [(e, e.end_date) for e in enrolments]

    def _deadline_agreement_end(self, rule, today):
        limit = today + rule._get_delta()
        agreements = self.env["refugee.partnership.agreement"].search_fetch(
            [("end_date", ">=", today), ("end_date", "<=", limit)], ["end_date"]
        )
        return [(a, a.end_date) for a in agreements]

    def _deadline_pmsmp_end(self, rule, today):
        limit = today + rule._get_delta()
        immersions = self.env["refugee.immersion"].search_fetch(
            [
                ("state", "in", ("signed", "running")),
                ("assessment_date", "=", False),
                ("date_end", ">=", today),
                ("date_end", "<=", limit),
            ],
            ["date_end"],
        )
        return [(i, i.date_end) for i in immersions]

    # ------------------------------------------------------------------
    # The clock
    # ------------------------------------------------------------------

    @api.model
    def _cron_create_deadlines(self, batch_size=CLOCK_BATCH_SIZE):
        """Store the new deadlines, the soonest first, ``batch_size`` at most
        per run, and tell the scheduler how many remain: it runs the clock
        again at once for the next ones (the first run over a whole caseload
        meets tens of thousands). A run costs the same queries whatever the
        number of journeys."""
        today = fields.Date.context_today(self)
        # the active rules, unless another run is at work or has stored its
        # deadlines since this transaction began (its data would be out of
        # date): one run at a time, each due deadline stored once
        Rule = self.env["refugee.deadline.rule"]
        Rule.flush_model(["active", "sequence"])
        rule_ids = start_exclusive_run(
            self.env.cr,
            CLOCK_RUN,
            SQL(
                "SELECT id FROM refugee_deadline_rule "
                "WHERE active ORDER BY sequence, id"
            ),
        )
        if rule_ids is None:
            _logger.info("Deadline clock: another run is at work or has just run")
            return self.browse()
        # every language of the rules' names at once: each activity is named
        # in its counsellor's language (the scheduler runs with none)
        rules = Rule.with_context(prefetch_langs=True).browse(rule_ids)
        finders = self._deadline_finders()
        hits = []
        for rule in rules:
            for source, due_date in finders[rule.kind](rule, today):
                hits.append((rule, source, due_date))
        new_hits = self._new_hits(hits)
        new_hits.sort(key=lambda hit: hit[2])
        deadlines = self._create_new_deadlines(new_hits[:batch_size])
        remaining = max(len(new_hits) - batch_size, 0)
        self.env["ir.cron"]._notify_progress(done=len(deadlines), remaining=remaining)
        _logger.info(
            "Deadline clock: %s new deadlines, %s for the next run",
            len(deadlines),
            remaining,
        )
        return deadlines

    def _new_hits(self, hits):
        """The (rule, source, due date) ``hits`` whose deadline is not stored
        yet, in one query."""
        if not hits:
            return []
        ids_by_model = defaultdict(set)
        for _rule, source, _date in hits:
            ids_by_model[source._name].add(source.id)
        # a superset of the known deadlines of these sources, in one query
        existing = {
            (d.kind, d.res_model, d.res_id, d.date_deadline)
            for d in self.search_fetch(
                [
                    ("kind", "in", list({rule.kind for rule, _s, _d in hits})),
                    ("res_model", "in", list(ids_by_model)),
                    ("res_id", "in", list(set().union(*ids_by_model.values()))),
                ],
                ["kind", "res_model", "res_id", "date_deadline"],
            )
        }
        new_hits = []
        for rule, source, due_date in hits:
            key = (rule.kind, source._name, source.id, due_date)
            if key not in existing:
                existing.add(key)
                new_hits.append((rule, source, due_date))
        return new_hits

    def _create_new_deadlines(self, new_hits):
        """Store the deadlines of ``new_hits`` and plan their activities.

        The cost does not follow the number of sources: sources, people and
        their journeys are each read in one query, and deadlines and
        activities are created in one batch each.
        """
        if not new_hits:
            return self.browse()
        new_ids_by_model = defaultdict(list)
        for _rule, source, _date in new_hits:
            new_ids_by_model[source._name].append(source.id)
        # the new sources of each model in one recordset, read at once; each
        # source prefetches among them only (not among the known ones)
        sources = {
            (record._name, record.id): record
            for model, ids in new_ids_by_model.items()
            for record in self.env[model].browse(ids)
        }
        new_hits = [
            (rule, sources[source._name, source.id], due_date)
            for rule, source, due_date in new_hits
        ]
        current_journeys = self._prefetch_sources(new_ids_by_model)
        vals_list, activity_vals_list = [], []
        for rule, source, due_date in new_hits:
            vals, activity_vals = self._prepare_deadline(
                rule, source, due_date, current_journeys
            )
            vals_list.append(vals)
            activity_vals_list.append(activity_vals)
        activities = (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create([vals for vals in activity_vals_list if vals])
        )
        activity_iter = iter(activities)
        for vals, activity_vals in zip(vals_list, activity_vals_list, strict=True):
            if activity_vals:
                vals["activity_id"] = next(activity_iter).id
        return self.create(vals_list)

    @api.model
    def _prefetch_sources(self, ids_by_model):
        """Read what _prepare_deadline needs of all ``sources`` at once.

        ``ids_by_model``: {model: ids of the sources}. Records browsed one by
        one are read 1000 at a time; the first run of the clock over a whole
        database meets tens of thousands of sources.
        One query per kind of source, then one for their journeys, people,
        contacts (names for the activities, user of a file without
        counsellor) and the people's current journeys.

        :return: {beneficiary id: current journey} of the people whose
            deadline is not on a journey
        """
        Beneficiary = self.env["refugee.beneficiary"]
        Journey = self.env["refugee.journey"]
        person_ids = set(ids_by_model.get(Beneficiary._name, ()))
        journey_ids, without_journey = set(), set(person_ids)
        for model, ids in ids_by_model.items():
            if model == Beneficiary._name:
                continue
            records = self.env[model].browse(ids)
            _fetch_columns(records)
            if "beneficiary_id" in records._fields:
                person_ids.update(records.beneficiary_id.ids)
            if model == Journey._name:
                continue
            if "journey_id" in records._fields:
                journey_ids.update(records.journey_id.ids)
            elif "beneficiary_id" in records._fields:
                without_journey.update(records.beneficiary_id.ids)
        _fetch_columns(Journey.browse(journey_ids))
        beneficiaries = Beneficiary.browse(person_ids)
        _fetch_columns(beneficiaries)
        beneficiaries.partner_id.fetch(["name", "user_id"])
        return Beneficiary.browse(without_journey)._current_journeys()

    def _prepare_deadline(self, rule, source, due_date, current_journeys):
        """Values of the deadline and of its activity, from its source.

        The source names the person (a beneficiary, or a record with a
        beneficiary_id) or a responsible user (user_id); the activity
        goes on the source when it has activities, else on the person.
        ``current_journeys``: {beneficiary id: current journey}, from
        _prefetch_sources.
        """
        Beneficiary = self.env["refugee.beneficiary"]
        Journey = self.env["refugee.journey"]
        if source._name == "refugee.beneficiary":
            beneficiary = source
        else:
            beneficiary = (
                source["beneficiary_id"]
                if "beneficiary_id" in source._fields
                else Beneficiary
            )
        if source._name == "refugee.journey":
            journey = source
        elif "journey_id" in source._fields:
            journey = source.journey_id
        else:
            journey = current_journeys.get(beneficiary.id, Journey)
        user = (
            journey.counsellor_id
            or beneficiary.counsellor_id
            or (source["user_id"] if "user_id" in source._fields else False)
        )
        target = source if "activity_ids" in source._fields else beneficiary
        vals = {
            "kind": rule.kind,
            "date_deadline": due_date,
            "res_model": source._name,
            "res_id": source.id,
            "beneficiary_id": beneficiary.id,
            "site_id": beneficiary.site_id.id,
            "journey_id": journey.id,
            "user_id": user.id if user else False,
        }
        activity_vals = {}
        if target and user:
            lang = user._refugee_lang()
            reader = rule.with_context(lang=lang)
            activity_vals = {
                "res_model_id": self.env["ir.model"]._get_id(target._name),
                "res_id": target.id,
                "activity_type_id": rule.activity_type_id.id,
                # one sentence: French puts a space before the colon
                "summary": reader.env._(
                    "%(rule)s: %(record)s",
                    rule=reader.name,
                    record=source.with_context(lang=lang).display_name,
                ),
                "date_deadline": due_date,
                "user_id": user.id,
                "automated": True,
            }
        return vals, activity_vals
