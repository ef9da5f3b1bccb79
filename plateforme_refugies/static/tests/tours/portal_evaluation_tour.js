/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const rate = (field, value) => ({
    content: `Rate ${field}`,
    trigger: `.o_refugee_evaluation_form select[name=${field}]`,
    run: `select ${value}`,
});

registry.category("web_tour.tours").add("plateforme_refugies_portal_evaluation_tour", {
    steps: () => [
        {
            content: "Open the placements of the SIAE",
            trigger: "a[href='/my/placements']",
            run: "click",
        },
        {
            content: "Open the placement of Ahmad",
            trigger: "a:contains('Ahmad R.')",
            run: "click",
        },
        rate("evaluation_skills", 3),
        rate("evaluation_soft_skills", 4),
        rate("evaluation_written_instructions", 2),
        rate("evaluation_oral_instructions", 3),
        rate("evaluation_punctuality", 4),
        {
            content: "Comment",
            trigger: ".o_refugee_evaluation_form textarea[name=evaluation_comment]",
            run: "edit Très bon stage, à recommander.",
        },
        {
            content: "Send the evaluation",
            trigger: ".o_refugee_evaluation_form button[type=submit]",
            run: "click",
        },
        {
            content: "The evaluation is sent",
            trigger: ".o_refugee_portal_success",
        },
    ],
});
