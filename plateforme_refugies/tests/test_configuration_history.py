# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError

from .employer_common import EmployerCase

CONFIGURATION = (
    "refugee.exit.outcome",
    "refugee.site",
    "refugee.sector",
    "refugee.language",
    "refugee.partner.type",
    "refugee.barrier.type",
)


class TestConfigurationHistory(EmployerCase):
    """The configuration the persons' history depends on cannot vanish."""

    def test_every_reference_restricts_the_deletion(self):
        loose = [
            f"{field.model_name}.{field.name}"
            for Model in self.env.registry.values()
            if Model._auto and not (Model._abstract or Model._transient)
            for field in Model._fields.values()
            if field.type in ("many2one", "many2many")
            and field.comodel_name in CONFIGURATION
            and field.store
            and not field.related
            and not field.inherited
            and field.ondelete != "restrict"
        ]
        self.assertEqual(loose, [])

    def test_used_configuration_is_archived_not_deleted(self):
        Language = self.env["refugee.language"]
        arabic = Language.search([("code", "=", "ar")])
        self.north_file.contact_language_id = arabic
        used = {
            "refugee.site": self.site_north,
            "refugee.language": arabic,
            "refugee.sector": self.sector_agriculture,
            "refugee.partner.type": self.env["refugee.partner.type"]._find_by_code(
                "employer"
            ),
        }
        self.employer.refugee_partner_type_ids = used["refugee.partner.type"]
        for model, record in used.items():
            with self.subTest(model=model):
                with self.assertRaisesRegex(UserError, "Archive it instead"):
                    record.with_user(self.coordinator).unlink()
                self.assertTrue(record.exists())
                record.with_user(self.coordinator).action_archive()
                self.assertFalse(record.active)
        # archived, the history still names it
        self.assertEqual(self.north_file.contact_language_id, arabic)
        self.assertEqual(self.north_file.site_id, self.site_north)
        # unused configuration can go
        spare = Language.with_user(self.coordinator).create(
            {"name": "Tigrinya (test)", "code": "x-ti"}
        )
        spare.unlink()
        self.assertFalse(spare.exists())

    def test_rules_find_outcomes_by_code_not_by_xml_id(self):
        cdi = self.env["refugee.exit.outcome"]._find_by_code("cdi")
        self.assertEqual(cdi, self.env.ref("plateforme_refugies.exit_outcome_cdi"))
        # the XML id is gone (a module update, a data import): still found
        self.env["ir.model.data"].search(
            [("module", "=", "plateforme_refugies"), ("name", "=", "exit_outcome_cdi")]
        ).unlink()
        hire = self.env["refugee.hire"].create(
            {
                "beneficiary_id": self.north_file.id,
                "employer_id": self.employer.id,
                "job_title": "Ouvrier maraîcher",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 2),
            }
        )
        hire.with_user(self.counsellor_north).action_confirm()
        self.assertEqual(self.north_journey.exit_outcome_id, cdi)
        # the outcome itself archived: the hire is confirmed, nothing proposed
        self.north_journey.exit_outcome_id = False
        cdi.action_archive()
        other = self.env["refugee.hire"].create(
            {
                "beneficiary_id": self.north_file.id,
                "employer_id": self.employer.id,
                "job_title": "Commis de cuisine",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 9),
            }
        )
        other.with_user(self.counsellor_north).action_confirm()
        self.assertEqual(other.state, "confirmed")
        self.assertFalse(self.north_journey.exit_outcome_id)
