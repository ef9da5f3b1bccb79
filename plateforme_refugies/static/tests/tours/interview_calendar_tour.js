/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_interview_calendar_tour", {
    steps: () => [
        {
            content: "Plan a new interview",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The person's name finds the journey, whatever the case",
            trigger: ".o_field_widget[name=journey_id] input",
            run: "edit ZAHRA",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Zahra Tour-Calendrier)",
            run: "click",
        },
        {
            content: "Plan it on 15 January 2030 at 10:00",
            trigger: ".o_field_widget[name=date] input",
            run: "edit 01/15/2030 10:00:00",
        },
        {
            content: "Save: the interview is in the calendar at once",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Open its calendar event",
            trigger: ".o_form_saved button[name=action_schedule_in_calendar]:contains(Open the calendar event)",
            run: "click",
        },
        {
            content: "Move the event to 16 January at 14:00",
            trigger: ".o_field_widget[name=start] input[data-field=start]",
            run: "edit 01/16/2030 14:00:00",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name]",
            run: "click",
        },
        {
            content: "Save the event",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
