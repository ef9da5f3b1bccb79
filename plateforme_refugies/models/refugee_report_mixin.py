# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

MIN_PEOPLE_PARAMETER = "plateforme_refugies.report_min_people"
DEFAULT_MIN_PEOPLE = 5
# Marks the searches made by the grouping itself. A Python object: a context
# sent over RPC only holds JSON values, so no client can pass it.
_GROUPING = object()


class RefugeeReportMixin(models.AbstractModel):
    """An analysis of people that hides small groups from readers.

    Readers (funders) only get groups of at least as many people as the
    setting ``plateforme_refugies.report_min_people`` says (5 by default):

    - a group of fewer people is left out of every grouping (primary
      suppression);
    - within each line of a grouping (the groups sharing every value but one),
      the people left out are none or at least the threshold: when they are
      fewer, the next smallest groups of the line are left out as well, so
      that no total minus the groups shown gives away a small group
      (secondary suppression); the people left out are counted once each,
      however many of the line's groups they belong to (a person with two
      barriers, or two hires);
    - a total of fewer people shows no figure;
    - the rows themselves, one per person or per event of a person, are not
      listed, counted nor exported.

    Counsellors and coordinators get the exact figures. The SQL view of each
    analysis gives, in ``beneficiary_key``, the person of the row; only staff
    can read it, the grouping collects its values as superuser.
    """

    _name = "refugee.report.mixin"
    _description = "Analysis of people without small groups for readers"

    beneficiary_key = fields.Integer(
        readonly=True, groups="plateforme_refugies.group_counsellor"
    )

    @api.model
    def _get_min_people(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(MIN_PEOPLE_PARAMETER, DEFAULT_MIN_PEOPLE)
        )
        return int(value)

    def _hides_small_groups(self):
        return (
            not self.env.su
            and not self.env.user.has_group("plateforme_refugies.group_counsellor")
            and self._get_min_people() > 1
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if (
            self.env.context.get("refugee_report_grouping") is not _GROUPING
            and self._hides_small_groups()
        ):
            raise AccessError(
                self.env._(
                    "This analysis only shows groups of people to readers: use "
                    "its pivot or graph view."
                )
            )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        if not self._hides_small_groups():
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        grouping = self.with_context(refugee_report_grouping=_GROUPING)
        rows = super(RefugeeReportMixin, grouping)._read_group(
            domain, groupby, aggregates, having, offset, limit, order
        )
        people = {
            self._group_key(row[:-1]): set(row[-1]) - {None}
            for row in super(RefugeeReportMixin, self.sudo())._read_group(
                domain, groupby, ["beneficiary_key:array_agg"]
            )
        }
        min_people = self._get_min_people()
        if not groupby:
            if 0 < len(people.get((), ())) < min_people:
                # no figure (None), not the empty value of each aggregate: a
                # hidden total must not read as a zero
                return [tuple(None for __ in aggregates)]
            return rows
        hidden = self._small_groups(people, len(groupby), min_people)
        return [
            row for row in rows if self._group_key(row[: len(groupby)]) not in hidden
        ]

    @api.model
    def _figure(self, value):
        """A total of ``_read_group`` as the reports show it: None (no
        figure) when it was hidden from a reader, else a number (0 for
        nothing)."""
        return None if value is None else value or 0

    @api.model
    def _group_key(self, values):
        return tuple(
            value.id if isinstance(value, models.BaseModel) else value
            for value in values
        )

    @api.model
    def _small_groups(self, people, dimensions, min_people):
        """The keys of the groups to leave out, given the people of each (a
        set of beneficiary keys per group)."""
        hidden = {key for key, keys in people.items() if 0 < len(keys) < min_people}
        changed = True
        while changed:
            changed = False
            for dimension in range(dimensions):
                lines = defaultdict(list)
                for key in people:
                    lines[key[:dimension] + key[dimension + 1 :]].append(key)
                for keys in lines.values():
                    # a person in several groups of the line is left out once
                    left_out = len(
                        set().union(*(people[key] for key in keys if key in hidden))
                    )
                    shown = sorted(
                        (key for key in keys if key not in hidden),
                        key=lambda key: len(people[key]),
                    )
                    if 0 < left_out < min_people and shown:
                        hidden.add(shown[0])
                        changed = True
        return hidden
