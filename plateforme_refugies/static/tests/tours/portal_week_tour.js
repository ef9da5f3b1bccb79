/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const recordTheWeek = (person) => [
    {
        content: `Open the placement of ${person}`,
        trigger: `a:contains('${person}')`,
        run: "click",
    },
    {
        content: "The current week is selected: type the hours as French writes them",
        trigger: ".o_refugee_attendance_form input[name=hours_worked]",
        run: "edit 26,5",
    },
    {
        content: "Send the week",
        trigger: ".o_refugee_attendance_form button[type=submit]",
        run: "click",
    },
    {
        content: "The week is recorded",
        trigger: ".o_refugee_portal_success",
    },
    {
        content: "Back to the placements",
        trigger: "a[href='/my/placements']",
        run: "click",
    },
];

registry.category("web_tour.tours").add("plateforme_refugies_portal_week_tour", {
    steps: () => [
        {
            content: "Two people at the farm: one named, one by a pseudonym",
            trigger: "a:contains('Person 2 — since 09/02')",
        },
        ...recordTheWeek("Ahmad R."),
        ...recordTheWeek("Person 2 — since 09/02"),
        {
            trigger: "a:contains('Ahmad R.')",
        },
    ],
});
