# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which records of Odoo's apps the user may see, person by person.

Odoo's own apps (Calendar, Discuss, Contacts…) link their records to any
document (``res_model``/``res_id``) and to contacts. Their record rules
(``security/plateforme_refugies_privacy_rules.xml``) hide the records that
name a beneficiary of a site the user does not work on: through a contact
that is such a beneficiary, or through a document of the platform that the
user cannot read.
"""

from odoo.osv import expression

COORDINATOR_GROUP = "plateforme_refugies.group_coordinator"


def person_models(env):
    """The platform's models with a chatter that hold a person's data."""
    Thread = env.registry["mail.thread"]
    return [
        name
        for name, Model in env.registry.items()
        if name.startswith("refugee.")
        and not Model._abstract
        and not Model._transient
        and issubclass(Model, Thread)
        and "site_id" in Model._fields
    ]


def visible_partner_domain(env):
    """Contacts the user may see: any contact but the beneficiaries of the
    sites they do not work on (the coordinator sees them all). A contact
    flagged as a beneficiary without a site (its file deleted) is seen by its
    author only."""
    user = env.user
    if user.has_group(COORDINATOR_GROUP):
        return expression.TRUE_DOMAIN
    return [
        "|",
        ("is_refugee_beneficiary", "=", False),
        "|",
        ("refugee_site_id", "in", list(user._refugee_site_ids_cached())),
        "&",
        ("refugee_site_id", "=", False),
        ("create_uid", "=", user.id),
    ]


def visible_document_domain(env, model_field, id_field):
    """Records whose linked document (``model_field``, ``id_field``) is not a
    beneficiary's contact hidden from the user, nor a record of the platform
    the user cannot read (the record rules of that model decide)."""
    hidden_partners = (
        env["res.partner"]
        .sudo()
        .with_context(active_test=False)
        ._search(["!", *visible_partner_domain(env)])
    )
    domain = [
        "|",
        (model_field, "!=", "res.partner"),
        (id_field, "not in", hidden_partners),
    ]
    for name in person_models(env):
        Model = env[name].sudo(False).with_context(active_test=False)
        readable = Model._search([]) if Model.has_access("read") else []
        domain = expression.AND(
            [domain, ["|", (model_field, "!=", name), (id_field, "in", readable)]]
        )
    return domain
