# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from .employer_common import EmployerCase


class TestSearchByName(EmployerCase):
    """Every many2one to a file, journey, placement, immersion or hire finds
    it by the person's name, first name or file number, accents and case
    ignored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.amina = cls._create_beneficiary("Amína Youssouf")
        cls.journey = cls._start_journey(cls.amina)
        cls.other = cls._start_journey(cls._create_beneficiary("Omar Youssef"))
        siae = cls.env["res.partner"].create(
            {"name": "Tri Loir Insertion", "is_company": True, "is_siae": True}
        )
        cls.placement = cls.env["refugee.siae.placement"].create(
            {
                "journey_id": cls.journey.id,
                "siae_id": siae.id,
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 4, 30),
            }
        )
        cls.immersion = cls._create_immersion(cls.amina)
        cls.hire = cls.env["refugee.hire"].create(
            {
                "beneficiary_id": cls.amina.id,
                "employer_id": cls.employer.id,
                "job_title": "Agente de propreté",
                "contract_type": "cdi",
                "date_start": date(2026, 3, 2),
            }
        )

    def _found(self, model, text):
        records = self.env[model].with_user(self.counsellor_north)
        return [record_id for record_id, _name in records.name_search(text)]

    def test_files_and_journeys_by_name_first_name_or_number(self):
        for text in (
            "YOUSSOUF",
            "amina",
            "Youssouf Amina",
            "AMÍNA you",
            self.amina.reference,
            self.amina.reference.lower(),
        ):
            with self.subTest(text=text):
                self.assertEqual(
                    self._found("refugee.beneficiary", text), self.amina.ids
                )
                self.assertEqual(self._found("refugee.journey", text), self.journey.ids)
        self.assertEqual(
            self._found("refugee.journey", self.journey.name), self.journey.ids
        )
        self.assertEqual(
            set(self._found("refugee.journey", "yous")),
            {self.journey.id, self.other.id},
        )

    def test_placements_immersions_hires_by_person(self):
        for model, record in (
            ("refugee.siae.placement", self.placement),
            ("refugee.immersion", self.immersion),
            ("refugee.hire", self.hire),
        ):
            for text in ("youssouf", "Amina", self.amina.reference):
                with self.subTest(model=model, text=text):
                    self.assertEqual(self._found(model, text), record.ids)
        # an interview's journey typed by name, as in the form
        interviews = self.env["refugee.interview"].create(
            {"journey_id": self.journey.id}
        )
        self.assertEqual(
            self.env["refugee.interview"].search([("journey_id", "ilike", "YOUSSOUF")]),
            interviews,
        )
        self.assertFalse(
            self.env["refugee.beneficiary"].search(
                [("display_name", "not ilike", "amina"), ("id", "=", self.amina.id)]
            )
        )
