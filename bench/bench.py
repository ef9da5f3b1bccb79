# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of plateforme_refugies against Odoo's own apps at the same size.

Run by ``make bench`` (scripts/bench.sh), which gives the Odoo options after
``--``::

    python3 bench/bench.py --db DB --scale 50000 --out bench/results -- ODOO_ARGS

1. ``generate``: fills DB (the addon installed without demo data) once per
   scale with beneficiaries and journeys, SIAE and placements, employers,
   workshops and registrations, and as many contacts and CRM leads as the
   native side of each comparison needs. Generation is not measured.
2. ``measure``: each line runs the addon's operation and the comparable native
   one the way the web client calls them, counting SQL queries and the best
   wall-clock time of a few runs, and prints one Markdown table, also saved
   under ``--out``.
"""

import argparse
import platform
import random
import sys
import time
from datetime import date, timedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
SCALE_PARAM = "plateforme_refugies.bench_scale"
FIRST_NAMES = "Ahmad Mariam Yonas Fatouma Samir Hewan Leila Idriss Omar Nour".split()
LAST_NAMES = "RAHIMI HASSAN TEKLE DIALLO SAFI HAILE KARIMI AZIZI NOORI KONATE".split()


def sizes(scale):
    """What a database of `scale` beneficiaries holds (the issue's defaults)."""
    return {
        "beneficiaries": scale,
        "siae": 100,
        "placements": scale // 10,
        "employers": scale // 25,
        "registrations": scale * 2 // 5,
    }


def chunks(values, size=2000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Bench:
    def __init__(self, env, scale):
        self.env = env(context=CONTEXT)
        self.scale = scale
        self.size = sizes(scale)
        self.rng = random.Random(41)
        self.today = date.today()

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def generate(self):
        params = self.env["ir.config_parameter"].sudo()
        if params.get_param(SCALE_PARAM) == str(self.scale):
            print(f"database already holds the data of scale {self.scale}")
            return
        started = time.time()
        sites = self.env["refugee.site"].search([])
        sectors = self.env["refugee.sector"].search([])
        self.env["res.users"].browse(SUPERUSER_ID).refugee_site_ids = sites
        beneficiaries = self._generate_beneficiaries(sites, sectors)
        journeys = self._generate_journeys(beneficiaries)
        self._generate_siae_and_placements(sectors, journeys)
        self._generate_employers(sectors)
        self._generate_workshops(sites, beneficiaries)
        self._generate_native(journeys)
        params.set_param(SCALE_PARAM, str(self.scale))
        self.env.cr.commit()
        print(f"generated scale {self.scale} in {time.time() - started:.0f} s")

    def _contact(self, index):
        rng = self.rng
        return {
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {index}",
            "phone": f"06 {index % 100:02d} {index // 100 % 100:02d} 00 00",
            "city": rng.choice(["Blois", "Vendôme", "Romorantin-Lanthenay", "Mer"]),
        }

    def _person(self, index):
        birthdate = date(1960, 1, 1) + timedelta(days=self.rng.randrange(16000))
        return {**self._contact(index), "birthdate": birthdate}

    def _generate_beneficiaries(self, sites, sectors):
        Beneficiary = self.env["refugee.beneficiary"]
        created = Beneficiary.browse()
        values = []
        for index in range(self.size["beneficiaries"]):
            vals = self._person(index)
            vals.update(
                site_id=sites[index % len(sites)].id,
                wished_sector_ids=[(6, 0, self.rng.sample(sectors.ids, 2))],
                residence_permit_expiry=self.today
                + timedelta(days=self.rng.randrange(-30, 900)),
            )
            values.append(vals)
        for batch in chunks(values):
            created |= Beneficiary.create(batch)
            self.env.cr.commit()
            self.env.invalidate_all()
        return created

    def _generate_journeys(self, beneficiaries):
        states = ["orientation", "diagnostic", "in_progress", "in_progress", "closed"]
        outcome = self.env.ref("plateforme_refugies.exit_outcome_cdi")
        Journey = self.env["refugee.journey"]
        journeys = Journey.browse()
        for batch in chunks(beneficiaries.ids):
            values = []
            for beneficiary_id in batch:
                state = self.rng.choice(states)
                start = self.today - timedelta(days=self.rng.randrange(20, 700))
                vals = {
                    "beneficiary_id": beneficiary_id,
                    "orientation_date": start,
                    "state": state,
                    "drawer_sas": True,
                }
                if state == "closed":
                    vals.update(
                        exit_date=start + timedelta(days=15),
                        exit_outcome_id=outcome.id,
                        follow_up_validated_by_id=SUPERUSER_ID,
                    )
                values.append(vals)
            journeys |= Journey.create(values)
            self.env.cr.commit()
            self.env.invalidate_all()
        return journeys

    def _generate_siae_and_placements(self, sectors, journeys):
        Partner = self.env["res.partner"]
        self.siaes = Partner.create(
            [
                {
                    "name": f"SIAE {index}",
                    "is_company": True,
                    "is_siae": True,
                    "siae_type": "aci",
                    "siae_capacity": 2 + index % 3,
                    "is_sas_partner": True,
                    "siae_activity_ids": [(6, 0, [sectors[index % len(sectors)].id])],
                }
                for index in range(self.size["siae"])
            ]
        )
        # one past placement per journey, spread so that no SIAE is over capacity
        open_journeys = journeys.filtered(lambda j: j.state == "in_progress")
        Placement = self.env["refugee.siae.placement"]
        values = []
        for index, journey in enumerate(open_journeys[: self.size["placements"]]):
            siae = self.siaes[index % len(self.siaes)]
            slot = index // len(self.siaes)  # one place of one SIAE per 4 weeks
            start = self.today - timedelta(days=400) + timedelta(weeks=4 * slot)
            values.append(
                {
                    "journey_id": journey.id,
                    "siae_id": siae.id,
                    "date_start": start,
                    "date_end": start + timedelta(days=20),
                    "is_sas": False,
                }
            )
        for batch in chunks(values, 500):
            Placement.create(batch)
            self.env.cr.commit()

    def _generate_employers(self, sectors):
        self.env["res.partner"].create(
            [
                {
                    "name": f"Employeur {index}",
                    "is_company": True,
                    "is_partner_employer": True,
                    "city": self.rng.choice(["Blois", "Vendôme", "Salbris"]),
                }
                for index in range(self.size["employers"])
            ]
        )
        self.env.cr.commit()

    def _generate_workshops(self, sites, beneficiaries):
        Event = self.env["event.event"]
        themes = self.env["refugee.workshop.theme"].search([])
        registrations = self.size["registrations"]
        workshops = Event.create(
            [
                {
                    "name": f"Atelier {index}",
                    "is_workshop": True,
                    "workshop_theme_id": themes[index % len(themes)].id,
                    "workshop_audience": "all",
                    "site_id": sites[index % len(sites)].id,
                    "date_begin": f"{self.today} 08:00:00",
                    "date_end": f"{self.today} 10:00:00",
                    "seats_limited": False,
                }
                for index in range(max(registrations // 20, 1))
            ]
        )
        by_site = {
            site: beneficiaries.filtered(lambda b, s=site: b.site_id == s)
            for site in sites
        }
        values = []
        for index in range(registrations):
            workshop = workshops[index % len(workshops)]
            people = by_site[workshop.site_id]
            values.append(
                {
                    "event_id": workshop.id,
                    "beneficiary_id": people[
                        (index // len(workshops)) % len(people)
                    ].id,
                }
            )
        for batch in chunks(values):
            self.env["event.registration"].create(batch)
            self.env.cr.commit()

    def _generate_native(self, journeys):
        """As many contacts and CRM leads as beneficiaries and journeys."""
        Partner = self.env["res.partner"]
        for batch in chunks(list(range(self.size["beneficiaries"]))):
            Partner.create([self._contact(index) for index in batch])
            self.env.cr.commit()
        teams = self.env["crm.team"].search([])
        stages = self.env["crm.stage"].search([("is_agreement_stage", "=", False)])
        Lead = self.env["crm.lead"]
        for batch in chunks(journeys.ids):
            Lead.create(
                [
                    {
                        "name": f"Opportunité {journey_id}",
                        "type": "opportunity",
                        "team_id": self.rng.choice(teams.ids),
                        "stage_id": self.rng.choice(stages.ids),
                    }
                    for journey_id in batch
                ]
            )
            self.env.cr.commit()
            self.env.invalidate_all()
        # spread the leads' creation dates like the journeys' orientation dates
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = now() - (id % 700) * interval '1 day'"
        )

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------
    def timed(self, call, runs=5, setup=None):
        """Best time (ms) and query count of `call`, its writes flushed.

        A first run warms the ORM caches as in a running server; every run is
        rolled back, so that each one sees the same database. `setup`, if any,
        runs before `call` in the same transaction, not measured.
        """
        best, queries = None, None
        for attempt in range(runs + 1):
            self.env.invalidate_all()
            with self.env.cr.savepoint(flush=False) as savepoint:
                if setup:
                    setup()
                    self.env.flush_all()
                    self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                started = time.perf_counter()
                call()
                self.env.flush_all()
                elapsed = time.perf_counter() - started
                count = self.env.cr.sql_log_count - before
                savepoint.rollback()
            self.env.invalidate_all()
            if attempt:
                best = elapsed if best is None else min(best, elapsed)
                queries = count
        return best * 1000, queries

    def list_spec(self, model, view_type):
        """The specification the web client sends for the default view."""
        views = self.env[model].get_views([(False, view_type)])
        fields = views["models"][model]["fields"]
        spec = {}
        for name, info in fields.items():
            if info["type"] in ("many2one",):
                spec[name] = {"fields": {"display_name": {}}}
            elif info["type"] in ("one2many", "many2many"):
                spec[name] = (
                    {"fields": {"display_name": {}}} if view_type == "list" else {}
                )
            else:
                spec[name] = {}
        return spec

    def lines(self):
        run = self.timed
        env = self.env
        Beneficiary = env["refugee.beneficiary"]
        Partner = env["res.partner"]
        benef_spec = self.list_spec("refugee.beneficiary", "list")
        partner_spec = self.list_spec("res.partner", "list")
        rows = []

        def compare(label, ours, native, target):
            (t1, q1), (t2, q2) = run(ours), run(native)
            rows.append((label, t1, q1, t2, q2, t1 / t2 if t2 else 0, target))

        compare(
            "1a. list of 80 beneficiaries vs 80 contacts (web_search_read)",
            lambda: Beneficiary.web_search_read([], benef_spec, limit=80),
            lambda: Partner.web_search_read([], partner_spec, limit=80),
            1.5,
        )
        form_benef = self.list_spec("refugee.beneficiary", "form")
        form_partner = self.list_spec("res.partner", "form")
        benef = Beneficiary.search([], limit=1, order="id desc")
        partner = Partner.search([("is_company", "=", False)], limit=1, order="id desc")
        compare(
            "1b. form of a beneficiary vs a contact (web_read)",
            lambda: benef.web_read(form_benef),
            lambda: partner.web_read(form_partner),
            None,
        )
        compare(
            "2. pivot site × exit category × month vs crm.lead team × stage × month",
            lambda: env["refugee.journey"].read_group(
                [],
                ["__count"],
                ["site_id", "exit_category", "orientation_date:month"],
                lazy=False,
            ),
            lambda: env["crm.lead"].read_group(
                [],
                ["__count"],
                ["team_id", "stage_id", "create_date:month"],
                lazy=False,
            ),
            1.5,
        )
        journey = env["refugee.journey"].search(
            [("state", "=", "in_progress")], limit=1
        )

        def plan():
            planner = env["refugee.sas.planner.wizard"].create(
                {"journey_id": journey.id, "date_start": self.today}
            )
            planner.line_ids.mapped("siae_id")

        t_plan, q_plan = run(plan)
        rows.append(
            ("3. SAS planner, one plan", t_plan, q_plan, None, None, None, None)
        )

        def deadlines():
            env["refugee.deadline"]._cron_create_deadlines()

        t_dl, q_dl = run(deadlines)
        rows.append(
            (
                "4a. daily deadline clock, first run over all open journeys "
                "(one batch of new deadlines; the scheduler runs the next ones)",
                t_dl,
                q_dl,
                None,
                None,
                None,
                None,
            )
        )

        def all_deadlines():
            env["refugee.deadline"]._cron_create_deadlines(batch_size=10**9)

        t_next, q_next = run(deadlines, setup=all_deadlines)
        rows.append(
            (
                "4b. daily deadline clock, once every deadline is planned",
                t_next,
                q_next,
                None,
                None,
                None,
                None,
            )
        )
        count = min(10000, self.scale)

        def create_beneficiaries():
            for batch in chunks(list(range(count)), 1000):
                Beneficiary.create(
                    [
                        {**self._person(10**7 + i), "site_id": benef.site_id.id}
                        for i in batch
                    ]
                )

        def create_contacts():
            for batch in chunks(list(range(count)), 1000):
                Partner.create([self._contact(10**7 + i) for i in batch])

        (t1, q1) = run(create_beneficiaries, runs=3)
        (t2, q2) = run(create_contacts, runs=3)
        rows.append(
            (
                f"5. create {count} beneficiaries vs {count} contacts "
                "(batches of 1000)",
                t1,
                q1,
                t2,
                q2,
                t1 / t2,
                1.5,
            )
        )
        return rows

    def report(self, rows):
        head = [
            f"# Benchmark — scale {self.scale}",
            "",
            f"- date: {self.today}",
            f"- machine: {platform.node()}, {platform.machine()}, "
            f"{platform.processor() or 'cpu'}, Python {platform.python_version()}",
            f"- data: {', '.join(f'{k} {v}' for k, v in self.size.items())}",
            "- times: best of 5 runs after a warm-up run, writes flushed, each "
            "run rolled back; line 5: best of 3 runs after a warm-up",
            "",
            "| line | ours ms | ours queries | native ms | native queries "
            "| ratio | target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        body = []
        for label, t1, q1, t2, q2, ratio, target in rows:
            fmt = lambda v, f="{:.1f}": "—" if v is None else f.format(v)  # noqa: E731
            verdict = ""
            if target:
                verdict = f"≤ {target} {'ok' if ratio <= target else 'MISSED'}"
            body.append(
                f"| {label} | {fmt(t1)} | {fmt(q1, '{}')} | {fmt(t2)} | "
                f"{fmt(q2, '{}')} | {fmt(ratio, '{:.2f}')} | {verdict} |"
            )
        return "\n".join(head + body) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--scale", type=int, default=50000)
    parser.add_argument("--out", default="bench/results")
    parser.add_argument("--step", choices=["generate", "measure", "all"], default="all")
    args, odoo_args = parser.parse_known_args()
    config.parse_config([a for a in odoo_args if a != "--"] + ["-d", args.db])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        bench = Bench(api.Environment(cr, SUPERUSER_ID, {}), args.scale)
        if args.step in ("generate", "all"):
            bench.generate()
        if args.step in ("measure", "all"):
            report = bench.report(bench.lines())
            cr.rollback()
            print(report)
            name = f"{args.out}/{date.today()}-scale-{args.scale}.md"
            with open(name, "w", encoding="utf-8") as result:
                result.write(report)
            print(f"saved {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
