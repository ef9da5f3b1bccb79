# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 -> 18.0.2.2.0: an interview is a calendar meeting from its
creation.

The interviews of today and later recorded before the upgrade got their
meeting only when "Schedule in the calendar" was clicked: they get it now, in
their counsellor's calendar, without e-mailing invitations again (see
``refugee.interview._create_missing_calendar_events``).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["refugee.interview"]._create_missing_calendar_events()
