/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_funders_tour", {
    steps: () => [
        {
            content: "The reader lands on the funders' dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o_search_panel_category_value.active:contains(Funders)",
        },
        {
            content: "The dashboard is drawn with its charts",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "Choose the first quarter as the period",
            trigger: ".o_spreadsheet_dashboard_action .o_filter_value_container select",
            run: "select first_quarter",
        },
        {
            content: "The period is the first quarter and the dashboard still loads",
            trigger:
                ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status)) .o_filter_value_container select",
            run(helpers) {
                if (helpers.anchor.value !== "first_quarter") {
                    throw new Error("The period filter did not change.");
                }
            },
        },
        {
            content: "Scroll down to the pivots of the dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o-scrollbar.vertical",
            run(helpers) {
                helpers.anchor.scrollTop = 800;
                helpers.anchor.dispatchEvent(new Event("scroll"));
            },
        },
        {
            content: "Click a figure of a pivot (not a site, which sets the filter)",
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
            run() {
                const cells = [
                    ...document.querySelectorAll(".o-dashboard-clickable-cell"),
                ].filter((cell) => parseFloat(cell.style.left) >= 260);
                if (!cells.length) {
                    throw new Error("No figure of a pivot to click.");
                }
                cells[0].click();
            },
        },
        {
            content: "The analysis opens on its pivot, without an error",
            trigger: ".o_action_manager .o_pivot_view .o_pivot",
        },
        {
            content: "No access error",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});

registry.category("web_tour.tours").add("plateforme_refugies_activity_report_tour", {
    steps: () => [
        {
            content: "Open the coordinator's dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o_search_panel_category_value:contains(Platform piloting)",
            run: "click",
        },
        {
            content: "The piloting dashboard is drawn with its charts",
            trigger:
                ".o_spreadsheet_dashboard_action .o_search_panel_category_value.active:contains(Platform piloting)",
        },
        {
            content: "Its charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the platform",
            trigger: ".o_app[data-menu-xmlid='plateforme_refugies.menu_root']",
            run: "click",
        },
        {
            content: "Open the Steering menu",
            trigger: ".o_menu_sections .dropdown-toggle:contains(Steering)",
            run: "click",
        },
        {
            content: "Open the activity report",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Activity report)",
            run: "click",
        },
        {
            content: "Print it",
            trigger: ".modal-footer button[name=action_print]",
            run: "click",
        },
        {
            content: "The dialog closes once the report is printed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
