/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("plateforme_refugies_orientation_tour", {
    steps: () => [
        {
            content: "Type the name of the person oriented",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Fatou Tour-Doublon",
        },
        {
            content: "and the birth date",
            trigger: ".o_field_widget[name=birthdate] input",
            run: "edit 05/17/1990",
        },
        {
            trigger: ".o_field_widget[name=phone] input",
            run: "click",
        },
        {
            content: "A file exists already: the warning shows at once",
            trigger: ".o_refugee_duplicate_warning:contains(Tour Orientation)",
        },
        {
            content: "It was a typo in the birth date",
            trigger: ".o_field_widget[name=birthdate] input",
            run: "edit 05/17/1991",
        },
        {
            trigger: ".o_field_widget[name=phone] input",
            run: "edit 06 11 22 33 44",
        },
        {
            content: "No more warning",
            trigger: ".modal:not(:has(.o_refugee_duplicate_warning:visible))",
        },
        {
            content: "Create the file and its journey",
            trigger: ".modal-footer button[name=action_create]",
            run: "click",
        },
        {
            content: "The new file is open",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Fatou Tour-Doublon), .o_form_view .o_field_widget[name=name] input",
        },
    ],
});
