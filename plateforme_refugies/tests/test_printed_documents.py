# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from lxml import html as lxml_html

from odoo.tests import tagged
from odoo.tools import html2plaintext

from .test_convocation import ARABIC_SENTENCE, FRENCH_SENTENCE, ConvocationCase


@tagged("post_install", "-at_install")
class TestPrintedDocuments(ConvocationCase):
    """The documents render on the company's layout, in French (the letter
    in French and the person's language)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["refugee.convocation"]._ensure_lang("fr_FR")

    def _render(self, report, records):
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            f"plateforme_refugies.{report}", records.ids
        )
        return html.decode()

    def test_letter_in_french_and_arabic_right_to_left(self):
        convocation = self._convoke()
        html = self._render("refugee_convocation_letter_action", convocation)
        self.assertIn(FRENCH_SENTENCE, html)
        self.assertIn(ARABIC_SENTENCE, html)
        self.assertIn('dir="rtl"', html)
        self.assertIn("fa-calendar", html)
        self.assertIn("mercredi 4 mars 2026", html)
        self.assertIn("3 rue de la Paix", html)
        self.assertIn("Votre titre de séjour", html)
        self.assertIn("بطاقة إقامتك", html)

    def test_right_to_left_texts_in_blocks_of_their_own(self):
        """Arabic, Persian (for Dari) and Pashto: the text of the person's
        language is a right-to-left block, in a font that has the Arabic
        script (the layout's own has none), beside the French left-to-right
        one; times and phone numbers stay left to right inside it."""
        for code, iso in (("ar", "ar"), ("prs", "fa"), ("ps", "ps")):
            with self.subTest(language=code):
                self.person.contact_language_id = self.env[
                    "refugee.language"
                ]._find_by_code(code)
                html = self._render(
                    "refugee_convocation_letter_action", self._convoke()
                )
                columns = lxml_html.fromstring(html).xpath(
                    "//td[contains(@class, 'o_refugee_convocation_')]"
                )
                self.assertEqual([c.get("dir") for c in columns], ["ltr", "rtl"])
                french, theirs = columns
                self.assertIn(FRENCH_SENTENCE, french.text_content())
                self.assertEqual(theirs.get("lang"), iso)
                self.assertIn("text-align: right", theirs.get("style"))
                self.assertIn("'Noto Naskh Arabic'", theirs.get("style"))
                text = theirs.text_content()
                self.assertRegex(text, "[\u0600-\u06ff]{4}")
                self.assertNotIn(FRENCH_SENTENCE, text)
                self.assertIn(
                    "10:00",
                    [e.text_content() for e in theirs.xpath(".//*[@dir='ltr']")],
                )

    def test_letter_falls_back_to_english(self):
        self.person.contact_language_id = self.env.ref(
            "plateforme_refugies.language_so"
        )
        convocation = self._convoke()
        self.assertEqual(convocation.contact_lang, "en_US")
        html = self._render("refugee_convocation_letter_action", convocation)
        self.assertIn(FRENCH_SENTENCE, html)
        self.assertIn(
            "If you cannot come, call your counsellor before the appointment.", html
        )
        self.assertNotIn('dir="rtl"', html)

    def test_pmsmp_agreement(self):
        immersion = self._immersion()
        html = self._render("refugee_immersion_agreement_action", immersion)
        for text in (
            "Convention de période de mise en situation en milieu professionnel",
            "Omar Haddad",
            "17/05/1990",
            "Maraîchers de Sologne",
            "12345678900012",
            "Didier Montigny",
            "Ouvrier maraîcher",
            "Récolte et conditionnement des légumes",
            "Test Counsellor North",
            "Signatures",
        ):
            self.assertIn(text, html)
        self.assertEqual(html.count("fa-check-square-o"), 1)
        checked = html.index("fa-check-square-o")
        self.assertIn("Confirmer un projet", html[checked : checked + 200])

    def test_attendance_sheet_morning_and_afternoon(self):
        workshop = self._workshop()
        self.assertEqual(
            workshop.with_context(lang="fr_FR")._attendance_sheet_columns(),
            ["10/03/2026, matin", "10/03/2026, après-midi"],
        )
        html = self._render("event_attendance_sheet_action", workshop)
        self.assertIn("Feuille d'émargement", html)
        self.assertIn("Omar Haddad", html)
        self.assertIn("10/03/2026, après-midi", html)
        # the hours without seconds
        self.assertIn("10/03/2026 09:00", html)
        self.assertNotIn("09:00:00", html)
        workshop.date_end = datetime(2026, 3, 10, 10, 30)
        self.assertEqual(workshop._attendance_sheet_columns(), ["03/10/2026"])

    def test_placement_sheet_names_the_person_with_consent_only(self):
        placement = self._sas_placement()
        html = self._render("refugee_siae_placement_sheet_action", placement)
        self.assertNotIn("Omar", html)
        self.assertIn("Fiche de placement en SIAE", html)
        self.assertIn("Ponctualité", html)
        self.assertIn("Test Counsellor North", html)
        self.env["refugee.consent"].create(
            {"beneficiary_id": self.person.id, "partner_type_id": self.siae_kind.id}
        )
        html = self._render("refugee_siae_placement_sheet_action", placement)
        self.assertIn("Omar H.", html)

    def test_whole_file_in_french_formats(self):
        """The export of a whole file (right of access): French dates and
        decimal commas, no seconds."""
        self._sas_placement().weekly_hours = 26.5
        report = self.env.ref(
            "plateforme_refugies.refugee_beneficiary_action_report_access"
        )
        html = (
            report.with_user(self.coordinator)
            .with_context(lang="fr_FR", tz="Europe/Paris")
            ._render_qweb_html(report.report_name, self.person.ids)[0]
            .decode()
        )
        self.assertIn("26,50", html)
        self.assertNotIn("26.5", html)
        self.assertIn("09/03/2026", html)
        # no ISO date on the page, the header's included
        self.assertNotRegex(html2plaintext(html), r"\b20\d\d-\d\d-\d\d\b")
        self.assertRegex(
            html, r"Extrait produit le\s+<span[^>]*>\d\d/\d\d/\d{4} \d\d:\d\d</span>"
        )
