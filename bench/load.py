# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Locust users of `make load` (scripts/load.sh): the staff doing their real
screens, and in the same run the comparable native screens, with the same
users, against an Odoo served in prefork on 127.0.0.1.

Every screen is a pair, ``<screen>: ours`` and ``<screen>: native``, called
as the web client calls them (``/web/dataset/call_kw``, the specification of
the user's own view). Counsellors of two sites and the coordinator do every
pair and open "Ma journée", their home page, the coordinator the dashboard
too (Odoo has neither: no native side); the reader (funders: no file, no
CRM) does the reports and the dashboard of the addon only, whose native side
the others measure.

Environment: LOAD_DB (the database), LOAD_LOGINS (JSON: {"counsellor":
[logins], "coordinator": [...], "reader": [...]}, each password equal to
its login).
"""

import itertools
import json
import os
import random
from datetime import date, timedelta

from locust import HttpUser, between, task

DB = os.environ.get("LOAD_DB", "")
LOGINS = json.loads(os.environ.get("LOAD_LOGINS", "{}"))
# one login after the other for each role
_NEXT_LOGIN = {role: itertools.cycle(logins) for role, logins in LOGINS.items()}


class OdooUser(HttpUser):
    abstract = True
    host = "http://127.0.0.1:8069"
    wait_time = between(1, 3)
    role = None

    def on_start(self):
        self.login = next(_NEXT_LOGIN[self.role])
        session = self.rpc(
            "/web/session/authenticate",
            {"db": DB, "login": self.login, "password": self.login},
            name="login",
        )
        # the user's context (language, time zone), sent with every call as
        # the web client sends it
        self.user_context = (session or {}).get("user_context", {})
        self.specs = {}

    def rpc(self, url, params, name):
        """A JSON-RPC call; an Odoo error is a failure of the request."""
        with self.client.post(
            url,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            name=name,
            catch_response=True,
        ) as response:
            answer = response.json() if response.ok else {}
            if "error" in answer:
                message = answer["error"].get("data", {}).get("message", "")
                response.failure(f"{name}: {message[:200]}")
                return None
            if not response.ok:
                response.failure(f"{name}: HTTP {response.status_code}")
                return None
            return answer.get("result")

    def call(self, model, method, args, kwargs, name):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {**kwargs, "context": self.user_context},
            },
            name=name,
        )

    def spec(self, model, view_type):
        """The fields the user's default view reads (fetched once)."""
        if (model, view_type) not in self.specs:
            views = self.call(
                model,
                "get_views",
                [[[False, view_type]]],
                {"options": {}},
                name=f"views {view_type}",
            )
            fields = views["models"][model]["fields"] if views else {}
            self.specs[model, view_type] = {
                name: (
                    {"fields": {"display_name": {}}}
                    if info["type"] == "many2one"
                    or (
                        info["type"] in ("one2many", "many2many")
                        and view_type == "list"
                    )
                    else {}
                )
                for name, info in fields.items()
            }
        return self.specs[model, view_type]

    def list(self, model, domain, screen):
        result = self.call(
            model,
            "web_search_read",
            [],
            {
                "domain": domain,
                "specification": self.spec(model, "list"),
                "limit": 80,
                # the count stops there, as the web client asks it
                "count_limit": 10001,
            },
            name=screen,
        )
        return [record["id"] for record in (result or {}).get("records", [])]

    def form(self, model, ids, screen):
        if ids:
            self.call(
                model,
                "web_read",
                [[random.choice(ids)]],
                {"specification": self.spec(model, "form")},
                name=screen,
            )

    def pivot(self, model, domain, groupby, measure, screen):
        self.call(
            model,
            "read_group",
            [],
            {
                "domain": domain,
                "fields": [measure],
                "groupby": groupby,
                "lazy": False,
            },
            name=screen,
        )

    # --- the addon's reports (every role) ---------------------------------
    def occupancy(self):
        today = date.today()
        monday = today - timedelta(days=today.weekday())
        self.pivot(
            "refugee.siae.occupancy.report",
            [
                ("is_sas_partner", "=", True),
                ("week", ">=", str(monday)),
                ("week", "<=", str(monday + timedelta(weeks=3))),
            ],
            ["siae_id", "week_label"],
            "hosted:max",
            "SAS occupancy / CRM analysis: ours",
        )

    def journey_analysis(self):
        self.pivot(
            "refugee.journey.report",
            [],
            ["site_id", "orientation_date:month"],
            "__count",
            "analysis: ours",
        )

    def dashboard(self):
        """The spreadsheet dashboard of the role, as Odoo's Dashboards app
        loads it (its figures are then the analyses' read_group, measured by
        the analysis pair; Odoo's CRM has no dashboard of its own: no native
        side)."""
        if not getattr(self, "dashboard_id", None):
            # the role's dashboard by its name, in English or in French (the
            # user's language): users have no access to the XML ids
            found = self.call(
                "spreadsheet.dashboard",
                "search_read",
                [[("name", "in", self.dashboard_names)], ["id"]],
                {},
                name="dashboard: find",
            )
            self.dashboard_id = found[0]["id"] if found else None
        if self.dashboard_id:
            self.call(
                "spreadsheet.dashboard",
                "get_readonly_dashboard",
                [[self.dashboard_id]],
                {},
                name="dashboard: ours",
            )

    # --- the native side ----------------------------------------------------
    def crm_analysis(self, screen):
        self.pivot(
            "crm.lead",
            [],
            ["team_id", "stage_id", "create_date:month"],
            "__count",
            screen,
        )


class Staff(OdooUser):
    """Counsellors and the coordinator: every pair."""

    abstract = True

    @task(2)
    def my_day(self):
        """Ma journée, where counsellors and the coordinator land."""
        self.call("refugee.my.day", "get_my_day", [], {}, name="my day: ours")

    @task(4)
    def files(self):
        ids = self.list("refugee.beneficiary", [], "list: ours")
        self.form("refugee.beneficiary", ids, "form: ours")
        ids = self.list("res.partner", [], "list: native")
        self.form("res.partner", ids, "form: native")

    @task(2)
    def journeys(self):
        self.list("refugee.journey", [], "journeys / leads: ours")
        self.list(
            "crm.lead", [("type", "=", "opportunity")], "journeys / leads: native"
        )

    @task(1)
    def analyses(self):
        self.journey_analysis()
        self.crm_analysis("analysis: native")

    @task(1)
    def sas(self):
        self.occupancy()
        self.crm_analysis("SAS occupancy / CRM analysis: native")


class Counsellor(Staff):
    role = "counsellor"
    weight = 8


class Coordinator(Staff):
    role = "coordinator"
    weight = 1
    dashboard_names = ["Platform piloting", "Pilotage de la plateforme"]

    @task(1)
    def open_dashboard(self):
        self.dashboard()


class Reader(OdooUser):
    """Funders: the addon's reports only (no file, no CRM)."""

    role = "reader"
    weight = 1
    dashboard_names = ["Funders", "Financeurs"]

    @task(2)
    def sas(self):
        self.occupancy()

    @task(1)
    def analyses(self):
        self.journey_analysis()

    @task(1)
    def open_dashboard(self):
        self.dashboard()
