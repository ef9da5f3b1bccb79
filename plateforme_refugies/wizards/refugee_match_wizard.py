# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.refugee_french_assessment import CEFR_RANK

MATCH_LIMIT = 30
# journeys whose beneficiary may be proposed to an employer
MATCHABLE_JOURNEY_STATES = ("diagnostic", "in_progress")
WIDE_AREAS = ("department", "region", "france")

# One score for both directions, on the columns of the candidates query
SCORE_SQL = SQL(
    """
    CASE WHEN sector_match THEN 40 ELSE 0 END
    + CASE WHEN required_rank IS NULL THEN 20
           WHEN person_rank IS NULL THEN 0
           WHEN person_rank >= required_rank THEN 20
           ELSE -30 END
    + CASE WHEN same_commune THEN 20
           WHEN same_site AND mobility_area IS DISTINCT FROM 'commune' THEN 15
           WHEN mobility_area IN %(wide)s THEN 5
           WHEN mobility_area IS NULL THEN 0
           ELSE -20 END
    + CASE WHEN NOT needs_housing THEN 0 WHEN housing_places > 0 THEN 15 ELSE -10 END
    + CASE WHEN free_tutoring > 0 THEN 10 ELSE -25 END
    """,
    wide=WIDE_AREAS,
)


def _rank_sql(level_sql):
    """The CEFR rank of a level column, NULL when the level is not set."""
    return SQL(
        "CASE %s %s END",
        level_sql,
        SQL(" ").join(
            SQL("WHEN %s THEN %s", level, rank) for level, rank in CEFR_RANK.items()
        ),
    )


class RefugeeMatchWizard(models.TransientModel):
    """Partner employers for a beneficiary, or beneficiaries for an employer,
    ranked by wished sector, French level, mobility, housing and free tutors.

    Each direction is one SQL query, ranked and limited by the database.
    """

    _name = "refugee.match.wizard"
    _description = "Employer matching"

    beneficiary_id = fields.Many2one(
        comodel_name="refugee.beneficiary", readonly=True, ondelete="cascade"
    )
    employer_id = fields.Many2one(
        comodel_name="res.partner", readonly=True, ondelete="cascade"
    )
    line_ids = fields.One2many(
        comodel_name="refugee.match.wizard.line",
        inverse_name="wizard_id",
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        self.env["refugee.match.wizard.line"].create(
            [vals for wizard in wizards for vals in wizard._match()]
        )
        return wizards

    def action_open(self):
        self.ensure_one()
        if self.beneficiary_id:
            title = self.env._("Employers for %s", self.beneficiary_id.name)
        else:
            title = self.env._("Beneficiaries for %s", self.employer_id.name)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": self._name,
            "res_id": self.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def _match(self):
        self.ensure_one()
        if self.beneficiary_id:
            rows = self._match_employers(self.beneficiary_id)
        elif self.employer_id:
            rows = self._match_beneficiaries(self.employer_id)
        else:
            raise UserError(self.env._("Choose a beneficiary or an employer to match."))
        return [
            {
                "wizard_id": self.id,
                "employer_id": row["employer_id"],
                "beneficiary_id": row["beneficiary_id"],
                "score": row["score"],
                "sector_match": row["sector_match"],
                "free_tutoring": row["free_tutoring"],
                "reasons": self._reasons(row),
            }
            for row in rows
        ]

    def _ranked(self, candidates_sql):
        query = SQL(
            "WITH candidates AS (%s) SELECT *, %s AS score FROM candidates "
            "ORDER BY score DESC, employer_id, beneficiary_id LIMIT %s",
            candidates_sql,
            SCORE_SQL,
            MATCH_LIMIT,
        )
        # the candidates are read from these tables directly: pending writes
        # (a file just edited) must be in the database first
        for model in ("res.partner", "refugee.beneficiary", "refugee.immersion"):
            self.env[model].flush_model()
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def _match_employers(self, beneficiary):
        """Partner employers for one beneficiary: one query."""
        employers = self.env["res.partner"]._search(
            [("is_partner_employer", "=", True)]
        )
        rank = CEFR_RANK.get(beneficiary.french_level)
        candidates = SQL(
            """
            SELECT p.id AS employer_id,
                   %(beneficiary)s AS beneficiary_id,
                   COALESCE(p.employer_sector_id = ANY(%(sectors)s), FALSE)
                       AS sector_match,
                   %(required_rank)s AS required_rank,
                   %(rank)s::int AS person_rank,
                   COALESCE(lower(trim(p.city)) = lower(trim(%(city)s)), FALSE)
                       AS same_commune,
                   COALESCE(p.employer_site_id = %(site)s, FALSE) AS same_site,
                   %(area)s::varchar AS mobility_area,
                   %(needs_housing)s AS needs_housing,
                   CASE WHEN p.employer_housing_available
                        THEN GREATEST(COALESCE(p.employer_housing_places, 0), 1)
                        ELSE 0 END AS housing_places,
                   COALESCE(tutors.capacity, 0) - COALESCE(busy.busy_count, 0)
                       AS free_tutoring
              FROM res_partner p
              LEFT JOIN (SELECT parent_id, SUM(tutor_capacity) AS capacity
                           FROM res_partner
                          WHERE is_employer_tutor AND active
                          GROUP BY parent_id) tutors ON tutors.parent_id = p.id
              LEFT JOIN (SELECT employer_id, COUNT(*) AS busy_count
                           FROM refugee_immersion
                          WHERE state IN ('signed', 'running')
                          GROUP BY employer_id) busy ON busy.employer_id = p.id
             WHERE p.id IN %(employers)s
            """,
            beneficiary=beneficiary.id,
            sectors=beneficiary.wished_sector_ids.ids,
            required_rank=_rank_sql(SQL("p.employer_french_level")),
            rank=rank,
            city=beneficiary.city,
            site=beneficiary.site_id.id,
            area=beneficiary.mobility_area,
            needs_housing=bool(beneficiary.needs_housing),
            employers=employers.subselect(),
        )
        return self._ranked(candidates)

    def _match_beneficiaries(self, employer):
        """Beneficiaries with an open journey for one employer: one query."""
        Beneficiary = self.env["refugee.beneficiary"]
        beneficiaries = Beneficiary._search(
            [("journey_ids.state", "in", MATCHABLE_JOURNEY_STATES)]
        )
        wishes = Beneficiary._fields["wished_sector_ids"]
        required_rank = CEFR_RANK.get(employer.employer_french_level)
        places = (
            max(employer.employer_housing_places, 1)
            if employer.employer_housing_available
            else 0
        )
        candidates = SQL(
            """
            SELECT %(employer)s AS employer_id,
                   b.id AS beneficiary_id,
                   EXISTS(SELECT 1 FROM %(wishes)s w
                           WHERE w.%(wish_person)s = b.id
                             AND w.%(wish_sector)s = %(sector)s) AS sector_match,
                   %(required_rank)s::int AS required_rank,
                   %(rank)s AS person_rank,
                   COALESCE(lower(trim(bp.city)) = lower(trim(%(city)s)), FALSE)
                       AS same_commune,
                   COALESCE(b.site_id = %(site)s, FALSE) AS same_site,
                   b.mobility_area AS mobility_area,
                   COALESCE(b.needs_housing, FALSE) AS needs_housing,
                   %(places)s AS housing_places,
                   (SELECT COALESCE(SUM(tutor_capacity), 0)
                      FROM res_partner
                     WHERE parent_id = %(employer)s AND is_employer_tutor AND active)
                   - (SELECT COUNT(*)
                        FROM refugee_immersion
                       WHERE employer_id = %(employer)s
                         AND state IN ('signed', 'running')) AS free_tutoring
              FROM refugee_beneficiary b
              JOIN res_partner bp ON bp.id = b.partner_id
             WHERE b.id IN %(beneficiaries)s
            """,
            employer=employer.id,
            wishes=SQL.identifier(wishes.relation),
            wish_person=SQL.identifier(wishes.column1),
            wish_sector=SQL.identifier(wishes.column2),
            sector=employer.employer_sector_id.id or 0,
            required_rank=required_rank,
            rank=_rank_sql(SQL("b.french_level")),
            city=employer.city,
            site=employer.employer_site_id.id,
            places=places,
            beneficiaries=beneficiaries.subselect(),
        )
        return self._ranked(candidates)

    def _reasons(self, row):
        # the levels' labels in the user's language ("Pré-A1")
        labels = dict(
            self.env["refugee.beneficiary"]
            ._fields["french_level"]
            ._description_selection(self.env)
        )
        level_of = {rank: labels[level] for level, rank in CEFR_RANK.items()}
        _ = self.env._
        reasons = [_("Wished sector") if row["sector_match"] else _("Other sector")]
        required, person = row["required_rank"], row["person_rank"]
        if required is None:
            reasons.append(_("No French level required"))
        elif person is None:
            reasons.append(
                _(
                    "French level unknown (%(required)s required)",
                    required=level_of[required],
                )
            )
        elif person >= required:
            reasons.append(
                _(
                    "French %(person)s, %(required)s required",
                    person=level_of[person],
                    required=level_of[required],
                )
            )
        else:
            reasons.append(
                _(
                    "French %(person)s below the %(required)s required",
                    person=level_of[person],
                    required=level_of[required],
                )
            )
        area = row["mobility_area"]
        if row["same_commune"]:
            reasons.append(_("Same commune"))
        elif row["same_site"] and area != "commune":
            reasons.append(_("Same site"))
        elif area in WIDE_AREAS:
            reasons.append(_("Within the accepted area"))
        elif area is None:
            reasons.append(_("Accepted area unknown"))
        else:
            reasons.append(_("Outside the accepted area"))
        if row["needs_housing"]:
            reasons.append(
                _("Housing offered")
                if row["housing_places"] > 0
                else _("Needs housing, none offered")
            )
        if row["free_tutoring"] > 0:
            reasons.append(
                _("%(count)s tutoring place(s) free", count=row["free_tutoring"])
            )
        else:
            reasons.append(_("No tutor free"))
        return " · ".join(reasons)
