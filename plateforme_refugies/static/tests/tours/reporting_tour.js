/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_reporting_tour", {
    steps: () => [
        {
            content: "Open the Steering menu",
            trigger: ".o_menu_sections .dropdown-toggle:contains(Steering)",
            run: "click",
        },
        {
            content: "Open the journeys analysis",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Journeys analysis)",
            run: "click",
        },
        {
            content: "One row per site",
            trigger: ".o_pivot_view tbody th:contains(Tour Reporting Site)",
        },
    ],
});
