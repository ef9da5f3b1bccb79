# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# The Odoo language in which the convocations of the speakers of each language
# (by its ISO 639 code) are written beside the French text. The other
# languages get French and English.
DOCUMENT_LANGS = {
    "ar": "ar_001",
    "ps": "ps_AF",
    "fa": "fa_IR",
    "prs": "fa_IR",  # Dari speakers read Persian
    "ti": "ti_ER",
    "am": "am_ET",
    "uk": "uk_UA",
    "ru": "ru_RU",
    "ka": "ka_GE",
    "sq": "sq_AL",
    "bn": "bn_IN",
    "tr": "tr_TR",
    "fr": "fr_FR",
    "en": "en_US",
}


class RefugeeLanguage(models.Model):
    """Languages spoken by beneficiaries (many are not Odoo UI languages)."""

    _name = "refugee.language"
    _inherit = ["refugee.configuration.mixin"]
    _description = "Spoken language"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="ISO 639 code.")
    active = fields.Boolean(default=True)
    lang_id = fields.Many2one(
        comodel_name="res.lang",
        string="Language of the documents",
        context={"active_test": False},
        help="The Odoo language in which convocations are written beside the "
        "French text. Without one, the convocation is in French and English.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another language already has this code."),
    ]

    @api.model
    def _set_document_langs(self):
        """Give the languages without a language of the documents the one of
        ``DOCUMENT_LANGS``: at install, and on the databases that had the
        languages before (migrations/18.0.2.2.0). A language of the documents
        already set (by the coordinator) is kept."""
        languages = self.with_context(active_test=False).search(
            [("code", "in", list(DOCUMENT_LANGS)), ("lang_id", "=", False)]
        )
        langs = {
            lang.code: lang
            for lang in self.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "in", list(set(DOCUMENT_LANGS.values())))])
        }
        for language in languages:
            language.lang_id = langs.get(DOCUMENT_LANGS[language.code])
