/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_beneficiary_tour", {
    steps: () => [
        {
            content: "Create a new beneficiary file",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Type the name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Amina Tour-Ibrahim",
        },
        {
            content: "Type the date of birth",
            trigger: ".o_field_widget[name=birthdate] input",
            run: "edit 04/03/1995",
        },
        {
            content: "Open the French page",
            trigger: ".o_notebook .nav-link:contains(French)",
            run: "click",
        },
        {
            content: "Choose the language of contact",
            trigger: ".o_field_widget[name=contact_language_id] input",
            run: "edit Arabic",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Arabic)",
            run: "click",
        },
        {
            content: "Save the file",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Open the journey",
            trigger: ".o_form_saved button[name=action_open_journey]",
            run: "click",
        },
        {
            content: "Start the diagnostic",
            trigger: "button[name=action_start_diagnostic]",
            run: "click",
        },
        {
            content: "The journey is at the diagnostic step",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Diagnostic)",
        },
    ],
});
