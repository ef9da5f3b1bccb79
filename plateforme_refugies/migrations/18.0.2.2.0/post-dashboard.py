# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The form of 8 figures (action ``refugee_dashboard_wizard_action``, URL
``/odoo/refugee-dashboard``) gives way to the dashboards of the Dashboards
app. Odoo deletes the action, its view and the wizard's dropped fields at the
end of the update, as records no longer in the addon's files; the users whose
home action it was (readers) land on the funders' dashboard instead of the
default home page.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    old = env.ref("plateforme_refugies.refugee_dashboard_wizard_action", False)
    if not old:
        return
    users = (
        env["res.users"]
        .with_context(active_test=False)
        .search([("action_id", "=", old.id)])
    )
    users.action_id = env.ref(
        "plateforme_refugies.spreadsheet_dashboard_action_funders"
    )
