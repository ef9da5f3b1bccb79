# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Refugees Professional Insertion Platform",
    "summary": "Follow each refugee's journey to work: files, journeys, "
    "workshops, SAS IAE, employers and reporting",
    "version": "18.0.1.0.0",
    "category": "Services/Insertion",
    "website": "https://github.com/plateforme-refugies-41/plateforme_refugies",
    "author": "Plateforme insertion réfugiés 41",
    "maintainers": ["plateforme-refugies-41"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["contacts", "mail"],
    "data": [
        "security/plateforme_refugies_security.xml",
        "security/ir.model.access.csv",
        "security/plateforme_refugies_rules.xml",
        "data/ir_sequence_data.xml",
        "data/refugee_site_data.xml",
        "data/refugee_language_data.xml",
        "data/refugee_sector_data.xml",
        "data/refugee_exit_outcome_data.xml",
        "views/refugee_site_views.xml",
        "views/refugee_beneficiary_views.xml",
        "views/refugee_journey_views.xml",
        "views/refugee_config_views.xml",
        "views/res_users_views.xml",
        "views/res_partner_views.xml",
        "views/refugee_siae_placement_views.xml",
        "report/refugee_siae_occupancy_report_views.xml",
        "wizards/refugee_sas_planner_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/refugee_beneficiary_demo.xml",
        "demo/refugee_journey_demo.xml",
        "demo/refugee_siae_placement_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "plateforme_refugies/static/tests/tours/*.js",
        ],
    },
}
