/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_sas_planner_tour", {
    steps: () => [
        {
            content: "Open the SAS planner from the journey",
            trigger: ".o_form_view button[name=action_open_sas_planner]",
            run: "click",
        },
        {
            content: "The planner proposes three steps",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:nth-child(3)",
        },
        {
            content: "Each step is in a SIAE that matches the wishes",
            trigger: ".modal .o_data_row:nth-child(1) td[name=siae_id]:contains(Tour Farm)",
        },
        {
            content: "Accept the plan",
            trigger: ".modal button[name=action_accept]",
            run: "click",
        },
        {
            content: "Open the SAS page of the journey",
            trigger: "body:not(:has(.modal)) .o_notebook .nav-link:contains(SAS IAE)",
            run: "click",
        },
        {
            content: "The three placements are planned",
            trigger:
                ".o_field_widget[name=sas_placement_ids] .o_data_row:nth-child(3):contains(Planned)",
        },
    ],
});
