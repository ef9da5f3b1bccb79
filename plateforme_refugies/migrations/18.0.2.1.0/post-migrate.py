# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.2.0.0 -> 18.0.2.1.0: privacy through Odoo's apps.

- the contact of each file carries the file's site (the contacts' rules hide
  the persons of the other sites);
- the configuration of the platform's data files gets its technical codes
  (their records are ``noupdate``: the update does not write them);
- the contacts' rules replaced by the global rules of
  ``security/plateforme_refugies_privacy_rules.xml`` are deleted.

Counsellors no longer read health, disability and confidential notes: grant
them the group *Sensitive data* one by one.
"""

from odoo import api
from odoo.tools import SQL

CODED_MODELS = {
    "refugee_exit_outcome": ("refugee.exit.outcome", "exit_outcome_"),
    "refugee_partner_type": ("refugee.partner.type", "partner_type_"),
    "refugee_sector": ("refugee.sector", "sector_"),
    "refugee_barrier_type": ("refugee.barrier.type", "barrier_type_"),
}
OLD_RULES = (
    "plateforme_refugies.res_partner_rule_reader_no_beneficiary",
    "plateforme_refugies.res_partner_rule_counsellor_all",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE res_partner p
           SET refugee_site_id = b.site_id, is_refugee_beneficiary = TRUE
          FROM refugee_beneficiary b
         WHERE b.partner_id = p.id
        """
    )
    for table, (model, prefix) in CODED_MODELS.items():
        cr.execute(
            SQL(
                """
                UPDATE %(table)s t
                   SET code = substring(d.name FROM %(length)s)
                  FROM ir_model_data d
                 WHERE d.module = 'plateforme_refugies'
                   AND d.model = %(model)s
                   AND d.name LIKE %(pattern)s
                   AND d.res_id = t.id
                   AND t.code IS NULL
                """,
                table=SQL.identifier(table),
                length=len(prefix) + 1,
                model=model,
                pattern=f"{prefix}%",
            )
        )
    env = api.Environment(cr, api.SUPERUSER_ID, {})
    for xmlid in OLD_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.unlink()
