/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

function addBeneficiary(name) {
    return [
        {
            content: `Choose ${name}`,
            trigger: ".modal .o_field_widget[name=beneficiary_ids] input",
            run: `edit ${name}`,
        },
        {
            trigger: `.modal .ui-autocomplete .dropdown-item:contains(${name})`,
            run: "click",
        },
        {
            content: `${name} is chosen`,
            trigger: `.modal .o_field_widget[name=beneficiary_ids] .o_tag:contains(${name})`,
        },
    ];
}

function markAttendance(name, button, label) {
    return [
        {
            content: `${name}: ${label}`,
            trigger: `.o_field_widget[name=registration_ids] .o_data_row:contains(${name}) button[name=${button}]`,
            run: "click",
        },
        {
            content: `${name} is marked ${label}`,
            trigger: `.o_field_widget[name=registration_ids] .o_data_row:contains(${name}) td[name=attendance]:contains(${label})`,
        },
    ];
}

registry.category("web_tour.tours").add("plateforme_refugies_workshop_tour", {
    steps: () => [
        {
            content: "Open the workshop",
            trigger: ".o_data_row td[name=name]:contains(Tour CV workshop)",
            run: "click",
        },
        {
            content: "Register beneficiaries",
            trigger: "button[name=action_open_registration_wizard]",
            run: "click",
        },
        ...addBeneficiary("Tour Alpha"),
        ...addBeneficiary("Tour Beta"),
        {
            content: "Register them",
            trigger: ".modal button[name=action_register]",
            run: "click",
        },
        {
            content: "Both are registered",
            trigger: ".o_field_widget[name=registration_ids] .o_data_row:contains(Tour Beta)",
        },
        ...markAttendance("Tour Alpha", "action_mark_present", "Present"),
        ...markAttendance("Tour Beta", "action_mark_absent", "Absent"),
        {
            content: "The attendance rate is computed",
            trigger: ".o_field_widget[name=workshop_attendance_rate]:contains(50)",
        },
    ],
});
