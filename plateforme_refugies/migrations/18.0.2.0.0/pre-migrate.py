# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.0.0 -> 18.0.2.0.0: one name per concept (see readme/CONTRIBUTORS.md,
"Renames in 18.0.2.0.0"). Renames models, tables, fields and XML ids before
the new code loads, so that every row is kept.

Transient models (wizards) keep no data: their old tables are dropped and the
ORM creates the new ones; their models and XML ids are renamed all the same so
that menus, actions and access rights keep their ids. The table of
refugee.retention.settings (replaced by res.config.settings) is dropped too;
Odoo deletes the removed model's records at the end of the update.
"""

from openupgradelib import openupgrade

from odoo.tools import SQL

# (old model, new model, kept table?)
MODELS = [
    ("refugee.fle.training", "refugee.french.training", True),
    ("refugee.fle.threshold", "refugee.french.threshold", True),
    ("refugee.language.assessment", "refugee.french.assessment", True),
    ("refugee.hire.followup", "refugee.hire.follow.up", True),
    # a SQL view, created again by the report's init()
    ("refugee.language.level.report", "refugee.french.level.report", False),
    # transient
    ("refugee.sas.planner.line", "refugee.sas.planner.wizard.line", False),
    ("refugee.sas.planner", "refugee.sas.planner.wizard", False),
    ("refugee.dashboard", "refugee.dashboard.wizard", False),
    ("refugee.match.line", "refugee.match.wizard.line", False),
]
# the old tables of the transient models (and their many2many tables)
DROPPED_TABLES = [
    "refugee_sas_planner_refugee_sector_rel",
    "refugee_dashboard_refugee_site_rel",
    "refugee_sas_planner_line",
    "refugee_sas_planner",
    "refugee_dashboard",
    "refugee_match_line",
    # replaced by res.config.settings (Odoo deletes the model's records)
    "refugee_retention_settings",
]
# (model, table, old field, new field)
FIELDS = [
    ("refugee.hire", "refugee_hire", "followup_ids", "follow_up_ids"),
] + [
    ("refugee.beneficiary", "refugee_beneficiary", f"fle_{name}", f"french_{name}")
    for name in (
        "training_ids",
        "assessment_ids",
        "hours_prescribed",
        "hours_attended",
        "oral_comprehension",
        "oral_production",
        "written_comprehension",
        "written_production",
        "oral_comprehension_progress",
        "oral_production_progress",
        "written_comprehension_progress",
        "written_production_progress",
        "ready_date",
    )
]
# XML ids written in the addon's files (the ids Odoo derives from models,
# fields, selections and constraints follow MODELS and FIELDS)
XMLIDS = [
    ("access_refugee_dashboard_reader", "access_refugee_dashboard_wizard_reader"),
    (
        "access_refugee_fle_threshold_coordinator",
        "access_refugee_french_threshold_coordinator",
    ),
    (
        "access_refugee_fle_threshold_counsellor",
        "access_refugee_french_threshold_counsellor",
    ),
    (
        "access_refugee_fle_training_counsellor",
        "access_refugee_french_training_counsellor",
    ),
    (
        "access_refugee_hire_followup_coordinator",
        "access_refugee_hire_follow_up_coordinator",
    ),
    (
        "access_refugee_hire_followup_counsellor",
        "access_refugee_hire_follow_up_counsellor",
    ),
    (
        "access_refugee_language_assessment_counsellor",
        "access_refugee_french_assessment_counsellor",
    ),
    (
        "access_refugee_language_level_report_counsellor",
        "access_refugee_french_level_report_counsellor",
    ),
    (
        "access_refugee_match_line_counsellor",
        "access_refugee_match_wizard_line_counsellor",
    ),
    (
        "access_refugee_sas_planner_counsellor",
        "access_refugee_sas_planner_wizard_counsellor",
    ),
    (
        "access_refugee_sas_planner_line_counsellor",
        "access_refugee_sas_planner_wizard_line_counsellor",
    ),
    ("crm_stage_form", "crm_stage_view_form"),
    ("crm_stage_tree", "crm_stage_view_list"),
    ("fle_assessment_ahmad_rahimi_1_demo", "french_assessment_ahmad_rahimi_1_demo"),
    ("fle_assessment_ahmad_rahimi_2_demo", "french_assessment_ahmad_rahimi_2_demo"),
    ("fle_assessment_fatouma_diallo_1_demo", "french_assessment_fatouma_diallo_1_demo"),
    ("fle_assessment_idriss_mahamat_1_demo", "french_assessment_idriss_mahamat_1_demo"),
    ("fle_assessment_mariam_hassan_1_demo", "french_assessment_mariam_hassan_1_demo"),
    ("fle_assessment_mariam_hassan_2_demo", "french_assessment_mariam_hassan_2_demo"),
    (
        "fle_assessment_omar_abdelrahman_1_demo",
        "french_assessment_omar_abdelrahman_1_demo",
    ),
    (
        "fle_assessment_omar_abdelrahman_2_demo",
        "french_assessment_omar_abdelrahman_2_demo",
    ),
    ("fle_assessment_yonas_tekle_1_demo", "french_assessment_yonas_tekle_1_demo"),
    ("fle_assessment_yonas_tekle_2_demo", "french_assessment_yonas_tekle_2_demo"),
    ("fle_assessment_yonas_tekle_3_demo", "french_assessment_yonas_tekle_3_demo"),
    ("fle_assessment_zarghona_azizi_1_demo", "french_assessment_zarghona_azizi_1_demo"),
    ("fle_assessment_zarghona_azizi_2_demo", "french_assessment_zarghona_azizi_2_demo"),
    ("fle_threshold_oral_comprehension", "french_threshold_oral_comprehension"),
    ("fle_threshold_oral_production", "french_threshold_oral_production"),
    ("fle_threshold_written_comprehension", "french_threshold_written_comprehension"),
    ("fle_threshold_written_production", "french_threshold_written_production"),
    ("fle_training_ahmad_rahimi_demo", "french_training_ahmad_rahimi_demo"),
    ("fle_training_fatouma_diallo_demo", "french_training_fatouma_diallo_demo"),
    ("fle_training_idriss_mahamat_demo", "french_training_idriss_mahamat_demo"),
    ("fle_training_mariam_hassan_demo", "french_training_mariam_hassan_demo"),
    ("fle_training_omar_abdelrahman_demo", "french_training_omar_abdelrahman_demo"),
    ("fle_training_yonas_tekle_demo", "french_training_yonas_tekle_demo"),
    ("fle_training_zarghona_azizi_demo", "french_training_zarghona_azizi_demo"),
    ("refugee_dashboard_action", "refugee_dashboard_wizard_action"),
    ("refugee_dashboard_action_print", "refugee_dashboard_wizard_action_print"),
    ("refugee_dashboard_menu", "refugee_dashboard_wizard_menu"),
    ("refugee_dashboard_menu_print", "refugee_dashboard_wizard_menu_print"),
    ("refugee_dashboard_view_form", "refugee_dashboard_wizard_view_form"),
    ("refugee_dashboard_view_form_print", "refugee_dashboard_wizard_view_form_print"),
    ("refugee_fle_threshold_action", "refugee_french_threshold_action"),
    ("refugee_fle_threshold_menu", "refugee_french_threshold_menu"),
    ("refugee_fle_threshold_view_list", "refugee_french_threshold_view_list"),
    ("refugee_fle_training_action", "refugee_french_training_action"),
    ("refugee_fle_training_menu", "refugee_french_training_menu"),
    (
        "refugee_fle_training_rule_coordinator_all",
        "refugee_french_training_rule_coordinator_all",
    ),
    (
        "refugee_fle_training_rule_counsellor_sites",
        "refugee_french_training_rule_counsellor_sites",
    ),
    ("refugee_fle_training_view_form", "refugee_french_training_view_form"),
    ("refugee_fle_training_view_list", "refugee_french_training_view_list"),
    ("refugee_fle_training_view_search", "refugee_french_training_view_search"),
    (
        "refugee_hire_followup_rule_coordinator_all",
        "refugee_hire_follow_up_rule_coordinator_all",
    ),
    (
        "refugee_hire_followup_rule_counsellor_sites",
        "refugee_hire_follow_up_rule_counsellor_sites",
    ),
    (
        "refugee_language_assessment_rule_coordinator_all",
        "refugee_french_assessment_rule_coordinator_all",
    ),
    (
        "refugee_language_assessment_rule_counsellor_sites",
        "refugee_french_assessment_rule_counsellor_sites",
    ),
    ("refugee_language_assessment_view_form", "refugee_french_assessment_view_form"),
    ("refugee_language_assessment_view_list", "refugee_french_assessment_view_list"),
    (
        "refugee_language_assessment_view_search",
        "refugee_french_assessment_view_search",
    ),
    ("refugee_language_level_report_action", "refugee_french_level_report_action"),
    ("refugee_language_level_report_menu", "refugee_french_level_report_menu"),
    (
        "refugee_language_level_report_rule_coordinator_all",
        "refugee_french_level_report_rule_coordinator_all",
    ),
    (
        "refugee_language_level_report_rule_counsellor_sites",
        "refugee_french_level_report_rule_counsellor_sites",
    ),
    (
        "refugee_language_level_report_view_graph",
        "refugee_french_level_report_view_graph",
    ),
    (
        "refugee_language_level_report_view_list",
        "refugee_french_level_report_view_list",
    ),
    (
        "refugee_language_level_report_view_pivot",
        "refugee_french_level_report_view_pivot",
    ),
    (
        "refugee_language_level_report_view_search",
        "refugee_french_level_report_view_search",
    ),
    ("refugee_sas_planner_view_form", "refugee_sas_planner_wizard_view_form"),
    ("view_event_registration_form", "event_registration_view_form"),
    ("view_partner_form", "res_partner_view_form"),
    ("view_res_partner_filter", "res_partner_view_search"),
    ("view_users_form", "res_users_view_form"),
]


# names in the views of the addon stored in the database: the new code
# validates them together with the views it loads (inherited views)
VIEW_NAMES = [
    (r"(^|[^A-Za-z0-9])fle_", r"\1french_"),
    (r"_fle_", "_french_"),
    (r"followup", "follow_up"),
]


def _table(model):
    return model.replace(".", "_")


def _rename_data_names(cr, renames):
    """Rename ir_model_data names of the addon: (old, new, exact or prefix)."""
    for old, new, prefix in renames:
        if prefix:
            cr.execute(
                """
                UPDATE ir_model_data
                   SET name = %s || substr(name, %s)
                 WHERE module = 'plateforme_refugies' AND name LIKE %s
                """,
                (new, len(old) + 1, old.replace("_", r"\_") + "%"),
            )
        else:
            cr.execute(
                """
                UPDATE ir_model_data SET name = %s
                 WHERE module = 'plateforme_refugies' AND name = %s
                """,
                (new, old),
            )


def _rename_constraints(cr, old_table, new_table):
    """The reflected constraints (unique, foreign keys) of a renamed table."""
    cr.execute(
        """
        UPDATE ir_model_constraint
           SET name = %s || substr(name, %s)
         WHERE name LIKE %s
        """,
        (new_table, len(old_table) + 1, old_table.replace("_", r"\_") + r"\_%"),
    )


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    for table in DROPPED_TABLES:
        cr.execute(SQL("DROP TABLE IF EXISTS %s CASCADE", SQL.identifier(table)))
    cr.execute(
        "DELETE FROM ir_model_relation WHERE name IN %s", (tuple(DROPPED_TABLES),)
    )
    # their reflected foreign keys went with them
    cr.execute(
        "DELETE FROM ir_model_constraint WHERE name LIKE ANY(%s)",
        ([table.replace("_", r"\_") + r"\_%" for table in DROPPED_TABLES],),
    )
    openupgrade.rename_models(cr, [(old, new) for old, new, __ in MODELS])
    openupgrade.rename_tables(
        cr, [(_table(old), _table(new)) for old, new, kept in MODELS if kept]
    )
    data_names = []
    for old, new, kept in MODELS:
        old_t, new_t = _table(old), _table(new)
        data_names.append((f"selection__{old_t}__", f"selection__{new_t}__", True))
        if kept:
            data_names.append((f"constraint_{old_t}_", f"constraint_{new_t}_", True))
            _rename_constraints(cr, old_t, new_t)
    openupgrade.rename_fields(env, FIELDS)
    for model, __, old_f, new_f in FIELDS:
        t = _table(model)
        data_names += [
            (f"field_{t}__{old_f}", f"field_{t}__{new_f}", False),
            (f"selection__{t}__{old_f}__", f"selection__{t}__{new_f}__", True),
        ]
    data_names += [(old, new, False) for old, new in XMLIDS]
    _rename_data_names(cr, data_names)
    _rename_in_views(cr)


def _rename_in_views(cr):
    for pattern, replacement in VIEW_NAMES:
        cr.execute(
            """
            UPDATE ir_ui_view v
               SET arch_db = regexp_replace(arch_db::text, %s, %s, 'g')::jsonb
              FROM ir_model_data d
             WHERE d.model = 'ir.ui.view' AND d.res_id = v.id
               AND d.module = 'plateforme_refugies'
               AND arch_db::text ~ %s
            """,
            (pattern, replacement, pattern),
        )
