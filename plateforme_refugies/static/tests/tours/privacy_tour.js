/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_privacy_contacts_tour", {
    steps: () => [
        {
            content: "Search the Vendômois beneficiary among the contacts",
            trigger: ".o_searchview_input",
            run: "edit Tour-Vendôme",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "No contact found",
            trigger: ".o_searchview_facet:contains(Tour-Vendôme)",
        },
        {
            trigger: ".o_view_nocontent",
        },
        {
            content: "Search the Blaisois beneficiary instead",
            trigger: ".o_searchview_facet:contains(Tour-Vendôme) .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_searchview_input",
            run: "edit Tour-Blois",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The beneficiary of the counsellor's site is there",
            trigger: ".o_kanban_record:contains(Ahmad Tour-Blois)",
        },
        {
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Tour-Vendôme)))",
        },
    ],
});

registry.category("web_tour.tours").add("plateforme_refugies_privacy_calendar_tour", {
    steps: () => [
        {
            content: "The meeting with the Blaisois beneficiary is in the calendar",
            trigger: ".fc-event:contains(Suivi Ahmad Tour-Blois)",
        },
        {
            content: "The meeting about the Vendômois beneficiary is not",
            trigger: ".o_calendar_renderer:not(:has(.fc-event:contains(Tour-Vendôme)))",
        },
    ],
});

registry.category("web_tour.tours").add("plateforme_refugies_privacy_interview_tour", {
    steps: () => [
        {
            content: "Schedule the interview in the calendar",
            trigger: "button[name=action_schedule_in_calendar]",
            run: "click",
        },
        {
            content: "The counsellor is told, in French, that the referent cannot be invited",
            trigger: ".modal-body:contains(n'a pas consenti au partage de ses données)",
        },
        {
            trigger: ".modal-body:contains(Nathalie Tour-Girard)",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
    ],
});

registry.category("web_tour.tours").add("plateforme_refugies_sensitive_read_tour", {
    steps: () => [
        {
            content: "Open the page of the health data",
            trigger: ".o_notebook a.nav-link[name=experience]",
            run: "click",
        },
        {
            content: "The counsellor of the sensitive-data group reads them",
            trigger: ".o_field_widget[name=health_constraints] textarea",
        },
    ],
});
