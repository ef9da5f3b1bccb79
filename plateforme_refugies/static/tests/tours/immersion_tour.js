/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_immersion_tour", {
    steps: () => [
        {
            content: "Record a new immersion",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the beneficiary",
            trigger: ".o_field_widget[name=beneficiary_id] input",
            run: "edit Hewan Tour",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Hewan Tour-Gebremedhin)",
            run: "click",
        },
        {
            content: "Choose the partner employer",
            trigger: ".o_field_widget[name=employer_id] input",
            run: "edit Ferme Tour",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Ferme Tour)",
            run: "click",
        },
        {
            content: "Choose the tutor",
            trigger: ".o_field_widget[name=tutor_id] input",
            run: "edit Marc",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Marc Tuteur)",
            run: "click",
        },
        {
            content: "Discover a trade",
            trigger: ".o_field_widget[name=objective] select",
            run: 'select "discover"',
        },
        {
            content: "Save the immersion",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The agreement is signed",
            trigger: ".o_form_saved button[name=action_sign]",
            run: "click",
        },
        {
            content: "The immersion starts",
            trigger: "button[name=action_start]",
            run: "click",
        },
        {
            content: "Open the tutor's assessment",
            trigger: ".o_notebook .nav-link:contains(assessment)",
            run: "click",
        },
        {
            content: "The tutor's overall assessment",
            trigger: ".o_field_widget[name=assessment_result] select",
            run: 'select "good"',
        },
        {
            content: "Hiring is considered",
            trigger: ".o_field_widget[name=hire_prospect] select",
            run: 'select "yes"',
        },
        {
            content: "Close the immersion",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "The immersion is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
