# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user


class RefugeeCase(TransactionCase):
    """Sites, one user per role, and helpers to create files and journeys.

    Tests never rely on demo data: they build what they need on their own
    sites and users.
    """

    reference_date = date(2026, 3, 2)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Site = cls.env["refugee.site"]
        cls.site_north = Site.create({"name": "Test North", "code": "TN"})
        cls.site_south = Site.create({"name": "Test South", "code": "TS"})
        cls.coordinator = new_test_user(
            cls.env,
            "test_coordinator",
            groups="base.group_user,plateforme_refugies.group_coordinator",
            name="Test Coordinator",
            refugee_site_ids=[Command.set((cls.site_north | cls.site_south).ids)],
        )
        cls.counsellor_north = cls._counsellor(
            "test_cip_north", cls.site_north, name="Test Counsellor North"
        )
        cls.counsellor_south = cls._counsellor(
            "test_cip_south", cls.site_south, name="Test Counsellor South"
        )
        cls.reader = new_test_user(
            cls.env,
            "test_reader",
            groups="base.group_user,plateforme_refugies.group_reader",
            name="Test Reader",
        )
        cls.internal_user = new_test_user(
            cls.env, "test_internal", groups="base.group_user", name="Test Employee"
        )
        cls.outcome_cdi = cls.env.ref("plateforme_refugies.exit_outcome_cdi")
        cls.outcome_training = cls.env.ref(
            "plateforme_refugies.exit_outcome_qualifying_training"
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=invalid-name
        """Like Odoo's ``assertRaises`` (rolled back to a savepoint), with the
        message checked."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)

    @classmethod
    def _counsellor(cls, login, sites, *groups, **values):
        """A counsellor (internal user) of these sites, with more groups."""
        user = new_test_user(
            cls.env,
            login,
            groups="base.group_user,plateforme_refugies.group_counsellor",
            refugee_site_ids=[Command.set(sites.ids)],
            **values,
        )
        user.groups_id += cls.env["res.groups"].union(*groups)
        return user

    @classmethod
    def _create_beneficiary(cls, name, site=None, counsellor=None, **values):
        site = site or cls.site_north
        counsellor = counsellor or (
            cls.counsellor_north if site == cls.site_north else cls.counsellor_south
        )
        return cls.env["refugee.beneficiary"].create(
            {
                "name": name,
                "birthdate": date(1990, 5, 17),
                "site_id": site.id,
                "counsellor_id": counsellor.id,
                **values,
            }
        )

    @classmethod
    def _create_journey(cls, beneficiary, **values):
        return cls.env["refugee.journey"].create(
            {
                "beneficiary_id": beneficiary.id,
                "orientation_date": date(2026, 1, 5),
                **values,
            }
        )


class RefugeeTourCase(HttpCase):
    """Browser tours: each runs on a site of its own, with one staff member."""

    def _site_with_user(self, site_name, code, login, name, role="group_counsellor"):
        site = self.env["refugee.site"].create({"name": site_name, "code": code})
        user = new_test_user(
            self.env,
            login,
            groups=f"base.group_user,plateforme_refugies.{role}",
            name=name,
            refugee_site_ids=[Command.set(site.ids)],
        )
        return site, user
