# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import fields, http
from odoo.exceptions import MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.refugee_immersion import ASSESSMENT_FIELDS
from ..models.refugee_siae_placement import EVALUATION_FIELDS

HOURS_FIELDS = ("hours_worked", "hours_absent_justified", "hours_absent_unjustified")


class RefugeePartnerPortal(CustomerPortal):
    """Portal of the SIAE supervisors (placements: weekly attendance, end
    evaluation) and of the employer tutors (immersions and hires: end of
    immersion assessment).

    Portal users have no access right on the addon's models: every read and
    write goes through the ``refugee.portal.mixin`` methods, which keep them to
    the records of the user's company.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        if "refugee_placement_count" in counters:
            values["refugee_placement_count"] = len(
                request.env["refugee.siae.placement"]._portal_search(partner)
            )
        if "refugee_immersion_count" in counters:
            values["refugee_immersion_count"] = len(
                request.env["refugee.immersion"]._portal_search(partner)
            ) + len(request.env["refugee.hire"]._portal_search(partner))
        return values

    @staticmethod
    def _selection(record, field_name):
        """The (value, translated label) pairs of a selection field."""
        return record._fields[field_name]._description_selection(request.env)

    @staticmethod
    def _labels(record, field_names):
        """The (name, translated label) pairs of fields."""
        return [
            (name, record._fields[name].get_description(request.env)["string"])
            for name in field_names
        ]

    @staticmethod
    def _decimal(value):
        """A number as the user's language writes it in an input ("26,5")."""
        lang = request.env["res.lang"]._get_data(code=request.env.lang)
        # "%g": 26.0 shows as 26, 26.5 as 26.5
        text = "%g" % value if isinstance(value, float | int) else str(value or 0)
        return text.replace(".", lang.decimal_point or ".")

    def _refugee_get(self, model, record_id):
        partner = request.env.user.partner_id
        try:
            return request.env[model]._portal_search(partner, record_id)
        except MissingError as error:
            raise request.not_found() from error

    def _refugee_render(self, template, page_name, **values):
        return request.render(
            f"plateforme_refugies.{template}",
            {
                **self._prepare_portal_layout_values(),
                "page_name": page_name,
                "posted": {},
                "decimal": self._decimal,
                **values,
            },
        )

    def _refugee_submit(self, record, submit, render, post, message):
        """Run ``submit(partner)`` on ``record``; on a bad input, show the page
        again with the reason and the posted values, the database unchanged."""
        try:
            with request.env.cr.savepoint():
                submit(request.env.user.partner_id)
        except psycopg2.IntegrityError as error:  # the same week sent twice at once
            message = self._constraint_message(request.env, error)
            return render(record, error=message, posted=post)
        except (UserError, ValidationError) as error:
            return render(record, error=str(error), posted=post)
        return request.redirect(
            f"{request.httprequest.path.rsplit('/', 1)[0]}?message={message}"
        )

    @staticmethod
    def _constraint_message(env, error):
        """The message of the SQL constraint ``error`` violates, in the user's
        language (``ir.model.constraint`` holds the messages of the addons'
        constraints)."""
        constraint = (
            env["ir.model.constraint"]
            .sudo()
            .search([("name", "=", error.diag.constraint_name)], limit=1)
        )
        return constraint.message or env._(
            "These values were saved by someone else at the same time: reload the page."
        )

    # -- SIAE supervisors -------------------------------------------------

    @http.route(
        "/my/placements", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_my_placements(self):
        partner = request.env.user.partner_id
        placements = request.env["refugee.siae.placement"]._portal_search(partner)
        return self._refugee_render(
            "portal_my_placements",
            "refugee_placements",
            placements=placements,
            people={p.id: p._portal_person(partner) for p in placements},
        )

    @http.route(
        "/my/placements/<int:placement_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_my_placement(self, placement_id, message=None):
        placement = self._refugee_get("refugee.siae.placement", placement_id)
        return self._render_placement(placement, message=message)

    def _render_placement(self, placement, **values):
        return self._refugee_render(
            "portal_my_placement",
            "refugee_placement",
            placement=placement,
            person=placement._portal_person(request.env.user.partner_id),
            weeks=placement._portal_weeks_to_record(),
            can_evaluate=placement._portal_can_evaluate(),
            evaluation_fields=self._labels(placement, EVALUATION_FIELDS),
            evaluation_scale=self._selection(placement, "evaluation_skills"),
            **values,
        )

    @http.route(
        "/my/placements/<int:placement_id>/attendance",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_placement_attendance(self, placement_id, **post):
        placement = self._refugee_get("refugee.siae.placement", placement_id)
        try:
            values = {
                "week_start": fields.Date.to_date(post.get("week_start")),
                "comment": (post.get("comment") or "").strip() or False,
            }
            for name in HOURS_FIELDS:
                values[name] = float((post.get(name) or "0").replace(",", "."))
        except ValueError:
            return self._render_placement(
                placement,
                error=request.env._("Enter a week and hours as numbers."),
                posted=post,
            )
        return self._refugee_submit(
            placement,
            lambda partner: placement._portal_record_attendance(partner, values),
            self._render_placement,
            post,
            "attendance",
        )

    @http.route(
        "/my/placements/<int:placement_id>/evaluation",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_placement_evaluation(self, placement_id, **post):
        placement = self._refugee_get("refugee.siae.placement", placement_id)
        return self._refugee_submit(
            placement,
            lambda partner: placement._portal_submit_evaluation(partner, post),
            self._render_placement,
            post,
            "evaluation",
        )

    # -- Employer tutors --------------------------------------------------

    @http.route(
        "/my/immersions", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_my_immersions(self):
        partner = request.env.user.partner_id
        immersions = request.env["refugee.immersion"]._portal_search(partner)
        hires = request.env["refugee.hire"]._portal_search(partner)
        return self._refugee_render(
            "portal_my_immersions",
            "refugee_immersions",
            immersions=immersions,
            hires=hires,
            people={
                record: record._portal_person(partner)
                for record in (*immersions, *hires)
            },
        )

    @http.route(
        "/my/immersions/<int:immersion_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_my_immersion(self, immersion_id, message=None):
        immersion = self._refugee_get("refugee.immersion", immersion_id)
        return self._render_immersion(immersion, message=message)

    def _render_immersion(self, immersion, **values):
        return self._refugee_render(
            "portal_my_immersion",
            "refugee_immersion",
            immersion=immersion,
            person=immersion._portal_person(request.env.user.partner_id),
            can_assess=immersion._portal_can_assess(),
            assessment_fields=self._labels(immersion, ASSESSMENT_FIELDS),
            assessment_levels=self._selection(immersion, "assessment_result"),
            hire_prospects=self._selection(immersion, "hire_prospect"),
            **values,
        )

    @http.route(
        "/my/immersions/<int:immersion_id>/assessment",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_immersion_assessment(self, immersion_id, **post):
        immersion = self._refugee_get("refugee.immersion", immersion_id)
        return self._refugee_submit(
            immersion,
            lambda partner: immersion._portal_submit_assessment(partner, post),
            self._render_immersion,
            post,
            "assessment",
        )
