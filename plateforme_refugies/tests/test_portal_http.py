# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from datetime import date

from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .test_portal import EVALUATION, PortalCase


@tagged("post_install", "-at_install")
class TestPortalRoutes(PortalCase, HttpCase):
    """The portal through HTTP: pages, forms, and everything else refused."""

    freeze_time = None  # the browser session needs the real clock

    def _open(self, url, data=None, form_page=None):
        """GET ``url``, or POST ``data`` with the CSRF token of the form's page
        (by default the page above ``url``)."""
        if data is not None:
            page = self.url_open(form_page or url.rsplit("/", 1)[0])
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            data = {**data, "csrf_token": token.group(1)}
        return self.url_open(url, data=data, allow_redirects=True)

    def test_supervisor_pages_show_their_placements_and_nothing_identifying(self):
        self.authenticate("test_portal_supervisor", "test_portal_supervisor")
        page = self._open("/my/placements")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/placements/{self.placement.id}", page.text)
        self.assertNotIn(f"/my/placements/{self.other_placement.id}", page.text)
        self.assertIn(
            self.placement._portal_person(self.supervisor.partner_id), page.text
        )
        self.assertIn("Person ", page.text)
        for identifying in ("Ahmad", "Rahimi", "Mariam", "Hassan"):
            self.assertNotIn(identifying, page.text)
        self._consent(self.north_person, self.kind_siae)
        page = self._open(f"/my/placements/{self.placement.id}")
        self.assertIn("Ahmad R.", page.text)
        self.assertNotIn("Rahimi", page.text)
        self.assertNotIn(self.north_person.reference, page.text)
        self.assertIn('name="evaluation_skills"', page.text)
        for url in (
            f"/my/placements/{self.other_placement.id}",
            f"/my/immersions/{self.immersion.id}",
            "/my/placements/0",
        ):
            with self.subTest(url=url):
                self.assertEqual(self._open(url).status_code, 404)

    def test_supervisor_records_a_week_and_the_evaluation(self):
        self.authenticate("test_portal_supervisor", "test_portal_supervisor")
        url = f"/my/placements/{self.placement.id}"
        page = self._open(
            f"{url}/attendance",
            {"week_start": "2026-02-02", "hours_worked": "26", "comment": "RAS"},
        )
        self.assertIn("Attendance recorded", page.text)
        self.assertEqual(self.placement.attendance_ids.week_start, date(2026, 2, 2))
        # a bad week is refused with its reason, nothing saved
        page = self._open(
            f"{url}/attendance", {"week_start": "2026-02-09", "hours_worked": "60"}
        )
        self.assertIn("48 at most", page.text)
        page = self._open(
            f"{url}/attendance", {"week_start": "2026-02-02", "hours_worked": "20"}
        )
        self.assertIn("already recorded", page.text)
        page = self._open(
            f"{url}/attendance", {"week_start": "lundi", "hours_worked": "vingt"}
        )
        self.assertIn("Enter a week and hours as numbers.", page.text)
        self.assertEqual(len(self.placement.attendance_ids), 1)
        page = self._open(f"{url}/evaluation", EVALUATION)
        self.assertIn("Evaluation sent", page.text)
        self.assertEqual(self.placement.evaluation_score, 3.2)
        # the record of another SIAE cannot be written
        other = f"/my/placements/{self.other_placement.id}"
        page = self._open(
            f"{other}/attendance",
            {"week_start": "2026-02-02", "hours_worked": "26"},
            form_page=url,
        )
        self.assertEqual(page.status_code, 404)
        self.assertFalse(self.other_placement.attendance_ids)

    def test_the_week_form_speaks_the_supervisor_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.supervisor.lang = "fr_FR"
        self.placement.weekly_hours = 26.5
        self.authenticate("test_portal_supervisor", "test_portal_supervisor")
        page = self._open(f"/my/placements/{self.placement.id}").text
        # the current (last started) week first and selected
        options = re.findall(r'<option value="(\d{4}-\d\d-\d\d)"( selected)?', page)
        self.assertEqual(options[0], ("2026-03-02", " selected"))
        self.assertEqual([o[0] for o in options][-1], "2026-02-02")
        # the hours as French writes them, and accepted so
        self.assertIn('value="26,5"', page)
        self.assertNotIn('type="number"', page)
        page = self._open(
            f"/my/placements/{self.placement.id}/attendance",
            {"week_start": "2026-03-02", "hours_worked": "26,5"},
        )
        self.assertEqual(self.placement.attendance_ids.hours_worked, 26.5)

    def test_tutor_pages(self):
        self._consent(self.north_person, self.kind_employer)
        self.authenticate("test_portal_tutor", "test_portal_tutor")
        page = self._open("/my/immersions")
        self.assertIn(self.immersion.name, page.text)
        self.assertNotIn(self.other_immersion.name, page.text)
        self.assertIn("Ahmad R.", page.text)
        self.assertNotIn("Rahimi", page.text)
        self.assertEqual(
            self._open(f"/my/immersions/{self.other_immersion.id}").status_code, 404
        )
        self.assertEqual(
            self._open(f"/my/placements/{self.placement.id}").status_code, 404
        )

    def test_no_model_of_the_addon_by_rpc(self):
        # abstract models hold no record (their access is tested on the ORM)
        models = [m for m in self._addon_models() if not self.env[m]._abstract]
        for login in ("test_portal_supervisor", "test_portal_tutor"):
            self.authenticate(login, login)
            for model in models:
                for method, args in (
                    ("search_read", [[]]),
                    ("read", [[1]]),
                    ("create", [{}]),
                    ("unlink", [[1]]),
                ):
                    with (
                        self.subTest(login=login, model=model, method=method),
                        self.assertRaises(JsonRpcException) as catcher,
                        mute_logger("odoo.http"),
                    ):
                        self.make_jsonrpc_request(
                            f"/web/dataset/call_kw/{model}/{method}",
                            {
                                "model": model,
                                "method": method,
                                "args": args,
                                "kwargs": {},
                            },
                        )
                    self.assertIn(
                        catcher.exception.args[0],
                        ("odoo.exceptions.AccessError", "odoo.exceptions.MissingError"),
                    )

    def test_no_file_by_other_routes(self):
        self._consent(self.north_person, self.kind_siae)
        self.placement.message_post(body="Point avec Ahmad Rahimi", partner_ids=[])
        attachment = self.env["ir.attachment"].create(
            {
                "name": "titre_de_sejour.pdf",
                "raw": b"%PDF-1.4 secret",
                "res_model": "refugee.beneficiary",
                "res_id": self.north_person.id,
            }
        )
        self.authenticate("test_portal_supervisor", "test_portal_supervisor")
        # the back office sends portal users back to the portal
        backend = self.url_open("/odoo/beneficiaries", allow_redirects=False)
        self.assertEqual(backend.status_code, 303)
        self.assertNotIn("/odoo", backend.headers["Location"])
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_attachment"):
            content = self.url_open(f"/web/content/{attachment.id}")
            self.assertNotIn(b"secret", content.content)
            self.assertIn(content.status_code, (403, 404))
            report = self.url_open(
                "/report/html/plateforme_refugies.report_beneficiary_access/"
                f"{self.north_person.id}"
            )
            self.assertNotIn("Rahimi", report.text)
            thread = self.make_jsonrpc_request(
                "/mail/thread/messages",
                {
                    "thread_model": "refugee.siae.placement",
                    "thread_id": self.placement.id,
                },
            )
            self.assertFalse(thread["messages"])
            self.assertNotIn("Rahimi", json.dumps(thread))

    def test_supervisor_submits_an_evaluation_in_the_portal(self):
        self._consent(self.north_person, self.kind_siae)
        self.start_tour(
            "/my",
            "plateforme_refugies_portal_evaluation_tour",
            login="test_portal_supervisor",
        )
        self.assertEqual(self.placement.evaluation_date, date.today())
        self.assertEqual(self.placement.evaluation_skills, "3")
        self.assertEqual(self.placement.evaluation_punctuality, "4")
        self.assertEqual(
            self.placement.evaluation_comment, "Très bon stage, à recommander."
        )
        activity = self.placement.activity_ids
        self.assertEqual(activity.user_id, self.counsellor_north)
        self.assertEqual(self.placement.message_ids[0].author_id, self.farm_supervisor)

    def test_supervisor_records_a_week_for_a_named_and_an_unnamed_person(self):
        self._consent(self.north_person, self.kind_siae)
        # a second person at the farm, who did not consent to share their name
        journey = self._create_sas_journey(self._create_beneficiary("Mariam Tour"))
        unnamed = self._place(
            journey,
            self.farm,
            date(2026, 2, 9),
            date(2026, 3, 20),
            is_sas=False,
            supervisor_id=self.farm_supervisor.id,
        )
        unnamed.action_start()
        self.start_tour(
            "/my/placements",
            "plateforme_refugies_portal_week_tour",
            login="test_portal_supervisor",
        )
        # the week selected by default is the placement's last started week
        self.assertEqual(self.placement.attendance_ids.week_start, date(2026, 3, 2))
        self.assertEqual(unnamed.attendance_ids.week_start, date(2026, 3, 16))
        self.assertEqual(
            (self.placement | unnamed).attendance_ids.mapped("hours_worked"),
            [26.5, 26.5],
        )
