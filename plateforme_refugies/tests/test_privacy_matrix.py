# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import RefugeeCase

READ, SEARCH, WRITE, CREATE, UNLINK, EXPORT = OPERATIONS = (
    "read",
    "search",
    "write",
    "create",
    "unlink",
    "export",
)
EVERYTHING = set(OPERATIONS)
ROLES = (
    "reader",
    "counsellor_a",
    "counsellor_a_sensitive",
    "counsellor_b",
    "counsellor_b_sensitive",
    "coordinator",
    "siae_supervisor",
    "employer_tutor",
)
# What each role may do with the records about Mariam, a person of site B.
# Roles not listed may do nothing: neither the counsellors of site A, with or
# without the sensitive-data group, nor the reader, nor the partners' portal
# users. Counsellors of site B and the coordinator follow the access rights.
OWNERS = ("counsellor_b", "counsellor_b_sensitive")
EXPECTED = {
    # the file: counsellors do not delete files
    "refugee.beneficiary": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "refugee.journey": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.consent": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "refugee.interview": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.barrier": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    # the contact of the person: the coordinator manages contacts
    "res.partner": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "calendar.event": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "calendar.attendee": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    # messages of the file follow the file; only administrators export them
    "mail.message": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING - {EXPORT}),
    # followers are changed through the chatter only (message_subscribe)
    "mail.followers": dict.fromkeys(OWNERS + ("coordinator",), {READ, SEARCH, EXPORT}),
    "mail.activity": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "ir.attachment": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    # the event managers (the coordinator) delete registrations and leads
    "event.registration": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "crm.lead": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING - {UNLINK}),
    # the other records of the file and its journey
    "refugee.diagnostic": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.enrolment": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.french.training": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.french.assessment": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.siae.placement": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    "refugee.placement.attendance": dict.fromkeys(
        OWNERS + ("coordinator",), EVERYTHING
    ),
    "refugee.immersion.visit": dict.fromkeys(OWNERS + ("coordinator",), EVERYTHING),
    # the coordinator deletes immersions, hires, their follow-ups, requests
    # and convocations; counsellors cancel them
    "refugee.immersion": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "refugee.hire": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "refugee.hire.follow.up": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "refugee.reorientation.request": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    "refugee.convocation": dict.fromkeys(OWNERS, EVERYTHING - {UNLINK})
    | {"coordinator": EVERYTHING},
    # made by the scheduler: counsellors read them
    "refugee.deadline": dict.fromkeys(OWNERS, {READ, SEARCH, EXPORT})
    | {"coordinator": EVERYTHING},
    # who read the sensitive data: the coordinator reads it, nobody changes it
    "refugee.sensitive.access.log": {"coordinator": {READ, SEARCH, EXPORT}},
}
# Fields read and exported per model: what names the person
SHOWN_FIELD = {
    "refugee.beneficiary": "name",
    "refugee.journey": "beneficiary_id",
    "refugee.consent": "beneficiary_id",
    "refugee.interview": "beneficiary_id",
    "refugee.barrier": "beneficiary_id",
    "res.partner": "email",
    "calendar.event": "name",
    "calendar.attendee": "email",
    "mail.message": "body",
    "mail.followers": "partner_id",
    "mail.activity": "summary",
    "ir.attachment": "name",
    "event.registration": "email",
    "crm.lead": "partner_id",
    "refugee.diagnostic": "beneficiary_id",
    "refugee.enrolment": "beneficiary_id",
    "refugee.french.training": "beneficiary_id",
    "refugee.french.assessment": "beneficiary_id",
    "refugee.siae.placement": "beneficiary_id",
    "refugee.placement.attendance": "placement_id",
    "refugee.immersion.visit": "immersion_id",
    "refugee.immersion": "beneficiary_id",
    "refugee.hire": "beneficiary_id",
    "refugee.hire.follow.up": "beneficiary_id",
    "refugee.reorientation.request": "beneficiary_id",
    "refugee.convocation": "beneficiary_id",
    "refugee.deadline": "beneficiary_id",
    "refugee.sensitive.access.log": "beneficiary_reference",
}
SENSITIVE = ("health_constraints", "disability_recognised", "confidential_notes")


class TestPrivacyMatrix(RefugeeCase):
    """Every model that can hold a person's data × every role × every
    operation, on the records about a person of site B: generated from
    ``EXPECTED``, it fails as soon as a rule lets more through."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nosubscribe=True))
        sensitive = cls.env.ref("plateforme_refugies.group_sensitive_data")
        export = cls.env.ref("base.group_allow_export")
        Partner = cls.env["res.partner"]
        siae = Partner.create({"name": "Test Jardins Solidaires", "is_company": True})
        employer = Partner.create({"name": "Test Restaurant", "is_company": True})
        cls.users = {
            "reader": cls.reader,
            "counsellor_a": cls.counsellor_north,
            "counsellor_a_sensitive": cls._counsellor(
                "test_cip_north_sensitive", cls.site_north, sensitive
            ),
            "counsellor_b": cls.counsellor_south,
            "counsellor_b_sensitive": cls._counsellor(
                "test_cip_south_sensitive", cls.site_south, sensitive
            ),
            "coordinator": cls.coordinator,
            "siae_supervisor": new_test_user(
                cls.env,
                "test_matrix_supervisor",
                groups="base.group_portal",
                partner_id=Partner.create(
                    {"name": "Test Encadrant", "parent_id": siae.id}
                ).id,
            ),
            "employer_tutor": new_test_user(
                cls.env,
                "test_matrix_tutor",
                groups="base.group_portal",
                partner_id=Partner.create(
                    {"name": "Test Tutrice", "parent_id": employer.id}
                ).id,
            ),
        }
        for user in cls.users.values():
            user.groups_id += export
        cls.person = cls._create_beneficiary(
            "Mariam Hassan",
            site=cls.site_south,
            email="mariam.hassan@example.com",
            health_constraints="Asthme sévère",
            confidential_notes="Suivi psychologique",
            disability_recognised=True,
        )
        cls.records = cls._records_about(cls.person)

    @classmethod
    def _records_about(cls, person):
        """One record of each model about ``person``."""
        env = cls.env
        journey = cls._create_journey(person)
        counsellor = cls.counsellor_south
        event = env["calendar.event"].create(
            {
                "name": "Entretien de suivi de Mariam Hassan",
                "start": datetime(2026, 3, 3, 9, 0),
                "stop": datetime(2026, 3, 3, 10, 0),
                "user_id": counsellor.id,
                "partner_ids": [
                    Command.set((counsellor.partner_id | person.partner_id).ids)
                ],
                "res_model_id": env["ir.model"]._get_id("refugee.journey"),
                "res_id": journey.id,
            }
        )
        workshop = env["event.event"].create(
            {
                "name": "Écrire son CV",
                "is_workshop": True,
                "workshop_theme_id": env["refugee.workshop.theme"]
                .search([], limit=1)
                .id,
                "site_id": cls.site_south.id,
                "date_begin": datetime(2026, 3, 10, 8, 0),
                "date_end": datetime(2026, 3, 10, 11, 0),
            }
        )
        person.message_subscribe(partner_ids=person.partner_id.ids)
        records = {
            "refugee.beneficiary": person,
            "refugee.journey": journey,
            "refugee.consent": env["refugee.consent"].create(
                {
                    "beneficiary_id": person.id,
                    "partner_type_id": env.ref(
                        "plateforme_refugies.partner_type_ofii"
                    ).id,
                    "given_on": date(2026, 2, 1),
                }
            ),
            "refugee.interview": env["refugee.interview"].create(
                {"journey_id": journey.id, "counsellor_id": counsellor.id}
            ),
            "refugee.barrier": env["refugee.barrier"].create(
                {
                    "journey_id": journey.id,
                    "barrier_type_id": env["refugee.barrier.type"]
                    .search([], limit=1)
                    .id,
                }
            ),
            "res.partner": person.partner_id,
            "calendar.event": event,
            "calendar.attendee": event.attendee_ids.filtered(
                lambda a: a.partner_id == person.partner_id
            ),
            "mail.message": person.message_post(
                body="Point d'étape avec Mariam Hassan", message_type="comment"
            ),
            "mail.followers": env["mail.followers"].search(
                [
                    ("res_model", "=", person._name),
                    ("res_id", "=", person.id),
                    ("partner_id", "=", person.partner_id.id),
                ]
            ),
            "mail.activity": person.activity_schedule(
                summary="Appeler Mariam Hassan", user_id=counsellor.id
            ),
            "ir.attachment": env["ir.attachment"].create(
                {
                    "name": "cv-mariam-hassan.pdf",
                    "raw": b"CV",
                    "res_model": person._name,
                    "res_id": person.id,
                }
            ),
            "event.registration": env["event.registration"].create(
                {"event_id": workshop.id, "beneficiary_id": person.id}
            ),
            "crm.lead": env["crm.lead"].create(
                {
                    "name": "Candidature de Mariam Hassan",
                    "partner_id": person.partner_id.id,
                    "user_id": False,
                    "team_id": env["crm.team"]
                    .search([("is_employer_prospection", "=", True)], limit=1)
                    .id,
                }
            ),
        }
        records.update(cls._journey_records_about(person, journey))
        return records

    @classmethod
    def _journey_records_about(cls, person, journey):
        """One record of each of the platform's other models about
        ``person``: French, enrolments, SAS, immersion, hire, requests,
        convocations, deadlines and the log of the sensitive reads."""
        env = cls.env
        today = fields.Date.context_today(journey)
        journey.write(
            {
                "state": "in_progress",
                "start_date": date(2026, 1, 12),
                "drawer_sas": True,
                "drawer_employment": True,
            }
        )
        Partner = env["res.partner"]
        siae = Partner.create(
            {
                "name": "Test Matrix SIAE",
                "is_company": True,
                "is_siae": True,
                "siae_type": "aci",
                "siae_capacity": 2,
            }
        )
        employer = Partner.create(
            {
                "name": "Test Matrix Employer",
                "is_company": True,
                "is_partner_employer": True,
            }
        )
        placement = env["refugee.siae.placement"].create(
            {
                "journey_id": journey.id,
                "siae_id": siae.id,
                "date_start": date(2026, 2, 2),
                "date_end": date(2026, 2, 27),
            }
        )
        immersion = env["refugee.immersion"].create(
            {
                "beneficiary_id": person.id,
                "employer_id": employer.id,
                "objective": "discover",
                "date_start": today,
            }
        )
        records = {
            "refugee.diagnostic": env["refugee.diagnostic"].create(
                {"journey_id": journey.id}
            ),
            "refugee.enrolment": env["refugee.enrolment"].create(
                {
                    "beneficiary_id": person.id,
                    "scheme": "cej",
                    "start_date": date(2026, 1, 5),
                }
            ),
            "refugee.french.training": env["refugee.french.training"].create(
                {"beneficiary_id": person.id, "hours_prescribed": 100}
            ),
            "refugee.french.assessment": env["refugee.french.assessment"].create(
                {
                    "beneficiary_id": person.id,
                    "date": date(2026, 1, 15),
                    "oral_comprehension": "a1",
                }
            ),
            "refugee.siae.placement": placement,
            "refugee.placement.attendance": env["refugee.placement.attendance"].create(
                {
                    "placement_id": placement.id,
                    "week_start": date(2026, 2, 2),
                    "hours_worked": 20,
                }
            ),
            "refugee.immersion": immersion,
            "refugee.immersion.visit": env["refugee.immersion.visit"].create(
                {"immersion_id": immersion.id}
            ),
            "refugee.reorientation.request": env[
                "refugee.reorientation.request"
            ].create(
                {
                    "journey_id": journey.id,
                    "reason": "Projet de formation qualifiante",
                    "new_drawer_training": True,
                }
            ),
            "refugee.convocation": env["refugee.convocation"].create(
                {"beneficiary_id": person.id, "date_start": datetime(2026, 3, 4, 9)}
            ),
            "refugee.deadline": env["refugee.deadline"].create(
                {
                    "kind": "residence_permit",
                    "date_deadline": date(2026, 4, 1),
                    "res_model": person._name,
                    "res_id": person.id,
                    "beneficiary_id": person.id,
                }
            ),
            "refugee.sensitive.access.log": env["refugee.sensitive.access.log"].create(
                {
                    "user_id": cls.counsellor_south.id,
                    "beneficiary_id": person.id,
                    "beneficiary_reference": person.reference,
                    "field_names": "Contraintes de santé",
                }
            ),
        }
        # last: a hire confirmed may end the journey
        hire = env["refugee.hire"].create(
            {
                "beneficiary_id": person.id,
                "employer_id": employer.id,
                "job_title": "Commis de cuisine",
                "contract_type": "cdi",
                "date_start": today,
            }
        )
        hire.action_confirm()
        records["refugee.hire"] = hire
        records["refugee.hire.follow.up"] = hire.follow_up_ids[:1]
        return records

    def _allowed(self, record, user, operation):
        """Whether ``user`` may do ``operation`` on ``record``, as Odoo checks
        it (access rights, record rules and the apps' own checks)."""
        record = record.with_user(user)
        field = SHOWN_FIELD[record._name]
        try:
            if operation == SEARCH:
                return bool(record.search([("id", "=", record.id)]))
            if operation == EXPORT:
                rows = record.export_data([field])["datas"]
                return bool(rows and rows[0][0])
            if operation == READ:
                return bool(record.read([field]))
            record.check_access(operation)
            if record._name == "ir.attachment":
                # Odoo checks an attachment against its document
                record.check(operation)
        except AccessError:
            return False
        return True

    def test_every_model_naming_a_person_is_in_the_matrix(self):
        """A new model of the platform about a person (its file or its site)
        fails here until its line of the matrix says who may do what."""
        naming = {
            name
            for name, Model in self.env.registry.items()
            if name.startswith("refugee.")
            and not (Model._abstract or Model._transient)
            and Model._auto
            and not Model._table_query
            and {"beneficiary_id", "site_id"} & set(Model._fields)
        }
        self.assertIn("refugee.convocation", naming)
        self.assertFalse(naming - set(EXPECTED))

    def test_access_matrix(self):
        self.assertEqual(set(self.records), set(EXPECTED))
        for model, record in self.records.items():
            self.assertEqual(len(record), 1, model)
            for role in ROLES:
                expected = EXPECTED[model].get(role, set())
                for operation in OPERATIONS:
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            self._allowed(record, self.users[role], operation),
                            operation in expected,
                        )

    def test_sensitive_data_matrix(self):
        """Health, disability and notes: the sensitive-data group of the
        person's site and the coordinator only, whatever the route."""
        allowed = {"counsellor_b_sensitive", "coordinator"}
        for role in ROLES:
            user = self.users[role]
            person = self.person.with_user(user)
            with self.subTest(role=role):
                if role in allowed:
                    values = person.read(list(SENSITIVE))[0]
                    self.assertEqual(values["health_constraints"], "Asthme sévère")
                    self.assertEqual(
                        person.export_data(["health_constraints"])["datas"],
                        [["Asthme sévère"]],
                    )
                    self.assertEqual(
                        person.search([("health_constraints", "ilike", "Asthme")]),
                        self.person,
                    )
                    continue
                for name in SENSITIVE:
                    with self.assertRaises(AccessError):
                        person.read([name])
                    with self.assertRaises(AccessError):
                        person.export_data([name])
                    if user.has_group("plateforme_refugies.group_sensitive_data"):
                        # the field is theirs, the person of another site is not
                        self.assertFalse(person.search([(name, "!=", False)]))
                    else:
                        with self.assertRaises(AccessError):
                            person.search([(name, "!=", False)])
                if role in OWNERS:
                    self.assertFalse(set(SENSITIVE) & set(person.fields_get()))
        # never in what name_search and the display name give
        Beneficiary = self.env["refugee.beneficiary"].with_user(
            self.users["counsellor_b_sensitive"]
        )
        self.assertFalse(Beneficiary.name_search("Asthme"))
        self.assertNotIn("Asthme", self.person.display_name)

    def test_dropdowns_name_no_one_of_another_site(self):
        """name_search (many2one dropdowns, mentions) follows the sites."""
        for model in ("res.partner", "refugee.beneficiary"):
            for role in ROLES:
                Model = self.env[model].with_user(self.users[role])
                with self.subTest(model=model, role=role):
                    try:
                        found = Model.name_search("Mariam Hassan")
                    except AccessError:
                        found = []
                    self.assertEqual(bool(found), role in OWNERS + ("coordinator",))

    def test_refusal_leaves_the_database_as_it_was(self):
        """What a counsellor of site A is refused does not change anything."""
        user = self.users["counsellor_a_sensitive"]
        before = {
            model: record.sudo().read([SHOWN_FIELD[model]])
            for model, record in self.records.items()
        }
        for model, record in self.records.items():
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_user(user).unlink()
        self.env.invalidate_all()
        for model, record in self.records.items():
            self.assertEqual(record.sudo().read([SHOWN_FIELD[model]]), before[model])

    def test_refusals_are_in_french(self):
        """Each refusal reaches a French-speaking counsellor in French: the
        same refusal to an English-speaking one reads otherwise."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "mail", "plateforme_refugies"], ["fr_FR"]
        )
        user = self.users["counsellor_a"]
        for model, record in self.records.items():
            refusals = {}
            for lang in ("en_US", "fr_FR"):
                user.lang = lang
                self.env.invalidate_all()
                with self.assertRaises(AccessError) as refusal:
                    record.with_user(user).with_context(lang=lang).unlink()
                refusals[lang] = str(refusal.exception)
            with self.subTest(model=model):
                self.assertNotEqual(refusals["fr_FR"], refusals["en_US"])
