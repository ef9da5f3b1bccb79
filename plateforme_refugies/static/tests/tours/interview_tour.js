/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_interview_tour", {
    steps: () => [
        {
            content: "Record a new interview",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the journey of the person met",
            trigger: ".o_field_widget[name=journey_id] input",
            run: "edit Karim Tour",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Karim Tour-Haidari)",
            run: "click",
        },
        {
            content: "Open the barriers discussed",
            trigger: ".o_notebook .nav-link:contains(Barriers)",
            run: "click",
        },
        {
            content: "Add a barrier",
            trigger: ".o_field_widget[name=barrier_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Housing",
            trigger: ".o_field_widget[name=barrier_ids] .o_field_widget[name=barrier_type_id] input",
            run: "edit Housing",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Housing)",
            run: "click",
        },
        {
            content: "Referred to a partner",
            trigger: ".o_field_widget[name=barrier_ids] .o_field_widget[name=state] select",
            run: 'select "referred"',
        },
        {
            content: "Which partner",
            trigger: ".o_field_widget[name=barrier_ids] .o_field_widget[name=partner_id] input",
            run: "edit CADA Tour",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(CADA Tour-Blois)",
            run: "click",
        },
        {
            content: "Save the interview",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The interview is saved",
            trigger: ".o_form_saved",
        },
    ],
});
