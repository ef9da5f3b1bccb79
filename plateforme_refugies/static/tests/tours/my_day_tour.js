/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const openTodaysInterview = [
    {
        content: "Ma journée is the home page: one interview today",
        trigger:
            ".o_refugee_my_day_section[data-section=interviews] .o_refugee_my_day_count:contains(1)",
    },
    {
        content: "Open the interview of the day in one click",
        trigger:
            ".o_refugee_my_day_section[data-section=interviews] .o_refugee_my_day_line:contains(Mariam Tour-Journée)",
        run: "click",
    },
    {
        content: "The interview form is open",
        trigger: ".o_form_view .o_field_widget[name=journey_id]:contains(Mariam Tour-Journée)",
    },
    {
        content: "Back to Ma journée",
        trigger: ".o_breadcrumb .breadcrumb-item a",
        run: "click",
    },
    {
        trigger: ".o_refugee_my_day_section[data-section=deadlines]",
    },
    {
        content: "Mariam missed her last two appointments: one click opens her file",
        trigger:
            ".o_refugee_my_day_section[data-section=no_shows] .o_refugee_my_day_line:contains(Mariam Tour-Journée)",
        run: "click",
    },
    {
        content: "Her file is open",
        trigger: ".o_breadcrumb .o_last_breadcrumb_item:contains(Mariam Tour-Journée)",
    },
];

registry.category("web_tour.tours").add("plateforme_refugies_my_day_tour", {
    steps: () => openTodaysInterview,
});

registry.category("web_tour.tours").add("plateforme_refugies_my_day_coordinator_tour", {
    steps: () => [
        {
            content: "The coordinator also sees the follow-ups to validate",
            trigger: ".o_refugee_my_day_section[data-section=validation]",
        },
        ...openTodaysInterview,
    ],
});
