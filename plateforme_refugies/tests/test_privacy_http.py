# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RefugeeTourCase


@tagged("post_install", "-at_install")
class TestPrivacyTours(RefugeeTourCase):
    """What a counsellor of the Blaisois finds in Odoo's own apps."""

    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env.ref("base.module_plateforme_refugies")._update_translations(
            filter_lang="fr_FR"
        )
        self.site_blois, self.cip_blois = self._site_with_user(
            "Tour Blaisois", "TBLO", "tour_privacy_blois", "Karim Tour-Benali"
        )
        self.site_vendome, self.cip_vendome = self._site_with_user(
            "Tour Vendômois", "TVEN", "tour_privacy_vendome", "Sophie Tour-Lefèvre"
        )
        self.cip_blois.lang = "fr_FR"
        Beneficiary = self.env["refugee.beneficiary"]
        self.ahmad = Beneficiary.create(
            {
                "name": "Ahmad Tour-Blois",
                "birthdate": "1990-05-17",
                "site_id": self.site_blois.id,
                "email": "ahmad.tour@example.com",
                "health_constraints": "Asthme sévère",
            }
        )
        self.mariam = Beneficiary.create(
            {
                "name": "Mariam Tour-Vendôme",
                "birthdate": "1992-08-03",
                "site_id": self.site_vendome.id,
                "email": "mariam.tour@example.com",
            }
        )

    def _meeting(self, name, organizer, attendees):
        start = fields.Datetime.now().replace(hour=9, minute=0, second=0)
        return (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": name,
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": organizer.id,
                    "partner_ids": [Command.set(attendees.ids)],
                }
            )
        )

    def test_blaisois_counsellor_finds_no_vendomois_beneficiary(self):
        self.start_tour(
            "/odoo/contacts",
            "plateforme_refugies_privacy_contacts_tour",
            login="tour_privacy_blois",
        )
        self._meeting(
            "Suivi Ahmad Tour-Blois",
            self.cip_blois,
            self.cip_blois.partner_id | self.ahmad.partner_id,
        )
        # even a meeting the counsellor of the Blaisois was invited to
        self._meeting(
            "Bilan Mariam Tour-Vendôme",
            self.cip_vendome,
            self.cip_vendome.partner_id
            | self.cip_blois.partner_id
            | self.mariam.partner_id,
        )
        self.start_tour(
            "/odoo/calendar",
            "plateforme_refugies_privacy_calendar_tour",
            login="tour_privacy_blois",
        )

    def test_interview_without_referent_consent_sends_nothing(self):
        referent = self.env["res.partner"].create(
            {
                "name": "Nathalie Tour-Girard",
                "email": "n.girard@cada-tour.example",
                "refugee_partner_type_ids": [
                    Command.set(
                        self.env.ref(
                            "plateforme_refugies.partner_type_accommodation"
                        ).ids
                    )
                ],
            }
        )
        self.ahmad.social_referent_id = referent
        journey = self.env["refugee.journey"].create({"beneficiary_id": self.ahmad.id})
        interview = (
            self.env["refugee.interview"]
            .with_user(self.cip_blois)
            .create(
                {"journey_id": journey.id, "date": datetime.now() + timedelta(days=2)}
            )
        )
        mails = self.env["mail.mail"].search([])
        # the refusal is logged by odoo.http as any error shown to the user
        with mute_logger("odoo.http"):
            self.start_tour(
                f"/odoo/interviews/{interview.id}",
                "plateforme_refugies_privacy_interview_tour",
                login="tour_privacy_blois",
            )
        self.assertNotIn(referent, interview.calendar_event_id.partner_ids)
        self.assertFalse(
            self.env["calendar.event"].search([("partner_ids", "in", referent.ids)])
        )
        self.assertEqual(self.env["mail.mail"].search([]), mails)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", referent.ids)])
        )

    def test_opening_a_file_logs_the_sensitive_read_without_warning(self):
        self.cip_blois.groups_id += self.env.ref(
            "plateforme_refugies.group_sensitive_data"
        )
        Log = self.env["refugee.sensitive.access.log"]
        with self.assertNoLogs("odoo", "WARNING"):
            self.start_tour(
                f"/odoo/beneficiaries/{self.ahmad.id}",
                "plateforme_refugies_sensitive_read_tour",
                login="tour_privacy_blois",
            )
        log = Log.search([("beneficiary_id", "=", self.ahmad.id)])
        self.assertTrue(log)
        self.assertEqual(log.user_id, self.cip_blois)
        self.assertEqual(log[0].beneficiary_reference, self.ahmad.reference)


@tagged("post_install", "-at_install")
class TestPrivacyRoutes(RefugeeTourCase):
    """Attachments and images of a person of another site, by URL."""

    def test_web_content_and_image_of_another_site(self):
        self._site_with_user(
            "Route Blaisois", "RBLO", "route_cip_a", "Route Counsellor A"
        )
        site_b, __ = self._site_with_user(
            "Route Vendômois", "RVEN", "route_cip_b", "Route Counsellor B"
        )
        new_test_user(
            self.env,
            "route_coordinator",
            groups="base.group_user,plateforme_refugies.group_coordinator",
        )
        person = self.env["refugee.beneficiary"].create(
            {
                "name": "Route Person",
                "birthdate": "1991-01-01",
                "site_id": site_b.id,
                "image_1920": "R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=",
            }
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "titre-de-sejour.pdf",
                "raw": b"%PDF-1.4 titre de sejour",
                "res_model": "refugee.beneficiary",
                "res_id": person.id,
            }
        )
        files = (
            f"/web/content/{attachment.id}",
            f"/web/content/{attachment.id}?download=1",
        )
        images = (
            f"/web/image/res.partner/{person.partner_id.id}/image_128",
            f"/web/image/refugee.beneficiary/{person.id}/image_128",
        )
        image = base64.b64decode(person.partner_id.image_128)
        self.authenticate("route_cip_a", "route_cip_a")
        for url in files:
            response = self.url_open(url)
            self.assertIn(response.status_code, (403, 404), url)
            self.assertNotIn(b"titre de sejour", response.content)
        for url in images:
            # Odoo answers with its placeholder, not the person's picture
            self.assertNotEqual(self.url_open(url).content, image, url)
        self.authenticate("route_coordinator", "route_coordinator")
        response = self.url_open(files[0])
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"titre de sejour", response.content)
        self.assertEqual(self.url_open(images[0]).content, image)
