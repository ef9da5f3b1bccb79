/** @odoo-module **/
// Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The platform's analyses (refugee.*.report) list no row to readers: a click
// on a pivot's figure or a chart's bar of a dashboard opens the analysis on
// its pivot and graph, with the clicked group's domain (the dashboard's
// filters included), instead of Odoo's list of records.
import * as spreadsheet from "@odoo/o-spreadsheet";
import {OdooChartUIPlugin} from "@spreadsheet/chart/plugins/odoo_chart_ui_plugin";
import {SEE_RECORDS_PIVOT_VISIBLE} from "@spreadsheet/pivot/pivot_actions";
import {patch} from "@web/core/utils/patch";

const {clickableCellRegistry} = spreadsheet.registries;

function isAnalysis(model) {
    return /^refugee\..+\.report$/.test(model);
}

function openAnalysis(env, action) {
    return env.services.action.doAction({
        type: "ir.actions.act_window",
        target: "current",
        views: [
            [false, "pivot"],
            [false, "graph"],
        ],
        ...action,
    });
}

// Before Odoo's "see records" (sequence 3), after its header cells that set
// a filter (sequence 2)
clickableCellRegistry.add("refugee_analysis_pivot", {
    sequence: 2.5,
    condition: (position, getters) =>
        SEE_RECORDS_PIVOT_VISIBLE(position, getters) &&
        isAnalysis(
            getters.getPivotCoreDefinition(getters.getPivotIdFromPosition(position))
                .model
        ),
    execute: async (position, env) => {
        const getters = env.model.getters;
        const pivotId = getters.getPivotIdFromPosition(position);
        const pivot = getters.getPivot(pivotId);
        await pivot.load();
        const cell = getters.getPivotCellFromPosition(position);
        await openAnalysis(env, {
            name: await pivot.getModelLabel(),
            res_model: pivot.definition.model,
            domain: pivot.getPivotCellDomain(cell.domain),
            context: getters.getPivotCoreDefinition(pivotId).context,
        });
    },
});

patch(OdooChartUIPlugin.prototype, {
    getChartDatasetActionCallbacks(chart) {
        const callbacks = super.getChartDatasetActionCallbacks(chart);
        if (!isAnalysis(chart.metaData.resModel)) {
            return callbacks;
        }
        const {datasets, labels} = chart.dataSource.getData();
        return {
            ...callbacks,
            onClick: async (event, items) => {
                const env = this.custom.env;
                if (!items.length || !env || items[0].datasetIndex >= datasets.length) {
                    return;
                }
                const {datasetIndex, index} = items[0];
                const dataset = datasets[datasetIndex];
                await openAnalysis(env, {
                    name: dataset.label
                        ? `${labels[index]} / ${dataset.label}`
                        : labels[index],
                    res_model: chart.metaData.resModel,
                    domain: dataset.domains[index],
                });
            },
        };
    },
});
