# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date, datetime
from os.path import join

import polib

from odoo.modules.module import get_module_path
from odoo.tools import html2plaintext

from ..models.refugee_french_assessment import CEFR_RANK
from .common import RefugeeCase
from .test_portal import ASSESSMENT, EVALUATION, PortalCase

# a placeholder of a translatable message
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def english_fragments():
    """The pieces of text of the addon's English messages whose French
    differs: what must never reach a French user."""
    i18n = join(get_module_path("plateforme_refugies"), "i18n")
    french = {entry.msgid: entry.msgstr for entry in polib.pofile(join(i18n, "fr.po"))}
    fragments = set()
    for entry in polib.pofile(join(i18n, "plateforme_refugies.pot")):
        translation = french.get(entry.msgid)
        if not translation or translation == entry.msgid:
            continue
        for fragment in PLACEHOLDER.split(entry.msgid):
            fragment = fragment.strip(" .:,;")
            if len(fragment) >= 12 and " " in fragment and fragment not in translation:
                fragments.add(fragment)
    return fragments


class TestFrenchEverywhere(PortalCase):
    """What the platform writes by itself (activities, notes, messages) is
    built in the language of its reader, also when the scheduler runs with no
    language: never the English of the source code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["mail", "plateforme_refugies"], ["fr_FR"]
        )
        (cls.counsellor_north | cls.counsellor_south | cls.coordinator).lang = "fr_FR"

    def _written_since(self, last_message, last_activity):
        """The texts of the messages and activities created since."""
        messages = self.env["mail.message"].search([("id", ">", last_message)])
        activities = self.env["mail.activity"].search([("id", ">", last_activity)])
        texts = [html2plaintext(m.body or "") for m in messages if m.body]
        texts += [m.subject for m in messages if m.subject]
        texts += [a.summary for a in activities if a.summary]
        texts += [html2plaintext(a.note or "") for a in activities if a.note]
        return texts, activities

    def test_creation_messages_agree_in_french(self):
        """Odoo's "%s created" gave "Convocation créé" in French: the
        platform's records say it in a sentence that agrees."""
        env = self.env(context={"tracking_disable": False})
        self.assertFalse(env.lang)
        interview = env["refugee.interview"].create(
            {
                "journey_id": self.north_journey.id,
                "date": datetime(2026, 3, 4, 10, 0),
                "counsellor_id": self.counsellor_north.id,
            }
        )
        self.assertEqual(
            html2plaintext(interview.message_ids[-1].body),
            "Fiche créée : Entretien individuel",
        )

    def test_nothing_english_in_what_the_platform_writes(self):
        last_message = self.env["mail.message"].search([], order="id desc", limit=1).id
        last_activity = (
            self.env["mail.activity"].search([], order="id desc", limit=1).id or 0
        )
        # the scheduler and the portal: no language in the context
        env = self.env(context={"tracking_disable": False})
        self.assertFalse(env.lang)
        supervisor, tutor = self.supervisor.partner_id, self.tutor.partner_id
        placement = self.placement.with_env(env)
        # portal submissions: a week with an unjustified absence, the end
        # evaluation, the tutor's assessment
        placement._portal_record_attendance(
            supervisor,
            {
                "week_start": date(2026, 2, 23),
                "hours_worked": 20,
                "hours_absent_unjustified": 6,
            },
        )
        placement._portal_submit_evaluation(supervisor, EVALUATION)
        self.immersion.with_env(env)._portal_submit_assessment(tutor, ASSESSMENT)
        # the French level reached: orient to France Travail
        for skill_date in (date(2026, 1, 5), date(2026, 2, 5)):
            env["refugee.french.assessment"].create(
                {
                    "beneficiary_id": self.south_person.id,
                    "date": skill_date,
                    "oral_comprehension": "b1",
                    "oral_production": "b1",
                    "written_comprehension": "b1",
                    "written_production": "b1",
                }
            )
        # a hire confirmed: its follow-ups at 1, 3 and 6 months
        hire = env["refugee.hire"].create(
            {
                "beneficiary_id": self.north_person.id,
                "employer_id": self.employer.id,
                "job_title": "Ouvrier maraîcher",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 2),
            }
        )
        hire.action_confirm()
        # the deadline clock: residence permit, SAS length, no interview…
        self.north_person.residence_permit_expiry = date(2026, 4, 1)
        self.south_journey.sas_date_start = date(2025, 11, 1)
        env["refugee.deadline"]._cron_create_deadlines()
        # a second unexcused absence in a row, after the week above
        env["refugee.convocation"].create(
            {
                "beneficiary_id": self.north_person.id,
                "date_start": datetime(2026, 2, 27, 9, 0),
                "state": "sent",
                "presence": "absent",
            }
        )
        # an interview planned: its meeting in the counsellor's calendar
        interview = env["refugee.interview"].create(
            {
                "journey_id": self.north_journey.id,
                "counsellor_id": self.counsellor_north.id,
                "date": datetime(2026, 3, 10, 9, 0),
            }
        )
        self.assertEqual(
            interview.calendar_event_id.name, "Entretien « Suivi » — Ahmad Rahimi"
        )

        texts, activities = self._written_since(last_message, last_activity)
        summaries = set(activities.mapped("summary"))
        # each source wrote something
        for expected in (
            "Orienter vers France Travail",
            "Lire l'évaluation de fin de la SIAE",
            "Deux rendez-vous manqués de suite",
        ):
            self.assertIn(expected, summaries)
        self.assertTrue(any(s.startswith("Suivi à 1 mois") for s in summaries))
        self.assertTrue(
            any(s.startswith("Expiration du titre de séjour : ") for s in summaries)
        )
        english = english_fragments()
        leaks = {fragment for text in texts for fragment in english if fragment in text}
        self.assertFalse(leaks, f"English written for French readers: {leaks}")


class TestFrenchWording(RefugeeCase):
    """The French a counsellor reads: no elision trap, the right verb on each
    button, translated levels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["plateforme_refugies"], ["fr_FR"]
        )
        cls.french = polib.pofile(
            join(get_module_path("plateforme_refugies"), "i18n", "fr.po")
        )

    def test_no_preposition_glued_to_a_name(self):
        # "de %(person)s" reads "Diagnostic de Amina": French elides before a
        # vowel, which a placeholder cannot know
        trap = re.compile(r"\b(de|que|le|la) (%s|%\((person|name|hire|immersion)\)s)")
        traps = [entry.msgstr for entry in self.french if trap.search(entry.msgstr)]
        self.assertFalse(traps)
        self.assertFalse(
            [entry.msgstr for entry in self.french if "le ou la" in entry.msgstr]
        )

    def _arch(self, model, xmlid):
        view = self.env.ref(f"plateforme_refugies.{xmlid}")
        return (
            self.env[model]
            .with_context(lang="fr_FR")
            .get_views([(view.id, "form")])["views"]["form"]["arch"]
        )

    def test_buttons_say_what_they_do(self):
        self.assertIn(
            'string="Démarrer"',
            self._arch("refugee.immersion", "refugee_immersion_view_form"),
        )
        self.assertIn(
            'string="Démarrer"',
            self._arch("refugee.siae.placement", "refugee_siae_placement_view_form"),
        )
        self.assertIn(
            'string="Fermer"',
            self._arch("refugee.match.wizard", "refugee_match_wizard_view_form"),
        )
        self.assertIn(
            'string="Clôturer le parcours"',
            self._arch("refugee.journey", "refugee_journey_view_form"),
        )

    def test_levels_in_french_in_the_matching_reasons(self):
        row = {
            "sector_match": True,
            "required_rank": CEFR_RANK["a1"],
            "person_rank": CEFR_RANK["pre_a1"],
            "mobility_area": None,
            "same_commune": False,
            "same_site": False,
            "needs_housing": False,
            "housing_places": 0,
            "free_tutoring": 1,
        }
        reasons = (
            self.env["refugee.match.wizard"].with_context(lang="fr_FR")._reasons(row)
        )
        self.assertIn("Pré-A1", reasons)
        self.assertNotIn("Pre-A1", reasons)
