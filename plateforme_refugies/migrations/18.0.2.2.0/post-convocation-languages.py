# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.1.0 -> 18.0.2.2.0: the language of the documents of the spoken
languages.

The spoken languages are ``noupdate`` data: the update does not give those a
database already has their new *Language of the documents* (the language the
convocations are written in beside the French text). The model's own method
gives it to them, as at install; one a coordinator already set is kept.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["refugee.language"]._set_document_langs()
