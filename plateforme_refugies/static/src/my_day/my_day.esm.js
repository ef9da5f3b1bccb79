/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * "Ma journée": the home of counsellors and coordinators. The sections come
 * from refugee.my.day.get_my_day (one method per section); each line opens
 * its record, each counter the list of the section.
 */
export class MyDay extends Component {
    static template = "plateforme_refugies.MyDay";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({day: null});
        onWillStart(() => this.load());
    }

    async load() {
        this.state.day = await this.orm.call("refugee.my.day", "get_my_day", []);
    }

    openLine(line) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: line.res_model,
            res_id: line.res_id,
            views: [[false, "form"]],
        });
    }

    openSection(section) {
        if (!section.res_model) {
            return;
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            name: section.title,
            res_model: section.res_model,
            domain: section.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }
}

registry.category("actions").add("plateforme_refugies.my_day", MyDay);
