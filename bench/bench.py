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
   ``--seed`` makes another generation on the same database: its names,
   birthdates and phones differ from the first one's, so that the duplicate
   rule accepts them.
2. ``measure``: each line runs the addon's operation and the comparable native
   one the way the web client calls them, counting SQL queries and the best
   wall-clock time of a few runs, and prints one Markdown table, also saved
   under ``--out``. Each line runs as the people who use it: the addon's
   side as a counsellor of one site (record rules and field groups applied),
   the native side as an internal user with the sales rights a counsellor
   has; only the deadline clock runs as the scheduler does (superuser).
"""

import argparse
import platform
import random
import sys
import time
from datetime import date, timedelta

import psycopg2

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import connection_info_for
from odoo.tools import config

CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
# the count of a list stops there, as the web client asks it (10,000 + 1)
WEB_COUNT_LIMIT = 10001
SCALE_PARAM = "plateforme_refugies.bench_scale"
SEEDS_PARAM = "plateforme_refugies.bench_seeds"
DEFAULT_SEED = 41
# the users the lines run as: login, name, groups
BENCH_USERS = {
    "ours": (
        "bench.counsellor",
        "Camille Bench",
        ["base.group_user", "plateforme_refugies.group_counsellor"],
    ),
    "native": (
        "bench.salesman",
        "Dominique Bench",
        ["base.group_user", "sales_team.group_sale_salesman_all_leads"],
    ),
}
FIRST_NAMES = "Ahmad Mariam Yonas Fatouma Samir Hewan Leila Idriss Omar Nour".split()
LAST_NAMES = "RAHIMI HASSAN TEKLE DIALLO SAFI HAILE KARIMI AZIZI NOORI KONATE".split()


def sizes(scale):
    """What a database of `scale` beneficiaries holds (the issue's defaults)."""
    return {
        "beneficiaries": scale,
        "siae": 100,
        # over a year, whatever the scale (the SAS occupancy line)
        "placements": min(5000, scale // 3),
        "employers": scale // 25,
        "registrations": scale * 2 // 5,
    }


def chunks(values, size=2000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Bench:
    def __init__(self, env, scale, seed=DEFAULT_SEED):
        self.env = env(context=CONTEXT)
        self.scale = scale
        self.seed = seed
        self.size = sizes(scale)
        self.rng = random.Random(seed)
        self.today = date.today()
        # names of a generation: the first one keeps the names it always had
        self.tag = "" if seed == DEFAULT_SEED else f"{seed}-"

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def generate(self):
        params = self.env["ir.config_parameter"].sudo()
        seeds = (params.get_param(SEEDS_PARAM) or "").split(",")
        if params.get_param(SCALE_PARAM) == str(self.scale) and (
            self.seed == DEFAULT_SEED or str(self.seed) in seeds
        ):
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
        params.set_param(SEEDS_PARAM, ",".join(filter(None, [*seeds, str(self.seed)])))
        params.set_param(SCALE_PARAM, str(self.scale))
        self.env.cr.commit()
        print(f"generated scale {self.scale} in {time.time() - started:.0f} s")

    def _contact(self, index):
        rng = self.rng
        return {
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} "
            f"{self.tag}{index}",
            "phone": f"06 {index % 100:02d} {index // 100 % 100:02d} "
            f"{self.seed % 100:02d} 00",
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
                    "name": f"SIAE {self.tag}{index}",
                    "is_company": True,
                    "is_siae": True,
                    "siae_type": "aci",
                    "siae_capacity": 3 + index % 3,
                    "is_sas_partner": True,
                    "siae_activity_ids": [(6, 0, [sectors[index % len(sectors)].id])],
                }
                for index in range(self.size["siae"])
            ]
        )
        # one placement of three weeks per journey over the last year, spread
        # so that no SIAE is over capacity: each place of a SIAE hosts one
        # placement after the other
        open_journeys = journeys.filtered(lambda j: j.state == "in_progress")
        Placement = self.env["refugee.siae.placement"]
        values = []
        for index, journey in enumerate(open_journeys[: self.size["placements"]]):
            siae = self.siaes[index % len(self.siaes)]
            slot = index // len(self.siaes)
            turn = slot // siae.siae_capacity  # of its place
            start = self.today - timedelta(days=365) + timedelta(days=21 * turn)
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
                    "name": f"Employeur {self.tag}{index}",
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
                    "name": f"Atelier {self.tag}{index}",
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
                        "name": f"Opportunité {self.tag}{journey_id}",
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
    def vacuum(self, *tables):
        """VACUUM ANALYZE the tables (all by default) on a connection of its
        own: the rows of the runs rolled back are removed and the planner's
        statistics are those of a database in service, as autovacuum keeps
        it (not an exact picture after a partial vacuum)."""
        info = connection_info_for(self.env.cr.dbname)[1]
        connection = psycopg2.connect(**info)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        finally:
            connection.close()

    def timed(self, call, runs=5, setup=None, between=None):
        """Best time (ms) and query count of `call`, its writes flushed.

        A first run warms the ORM caches as in a running server; every run is
        rolled back, so that each one sees the same database. `setup`, if any,
        runs before `call` in the same transaction, not measured; `between`,
        if any, before each run, outside of it.
        """
        best, queries = None, None
        for attempt in range(runs + 1):
            if between:
                between()
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

    def user_env(self, side):
        """The environment of the user a side of the lines runs as (created
        once: a counsellor of the first site, or the native internal user)."""
        login, name, groups = BENCH_USERS[side]
        Users = self.env["res.users"].with_context(active_test=False)
        user = Users.search([("login", "=", login)]) or Users.create(
            {"login": login, "name": name}
        )
        # staff in Loir-et-Cher: their browser gives Odoo this time zone
        user.write(
            {
                "groups_id": [Command.set([self.env.ref(g).id for g in groups])],
                "tz": "Europe/Paris",
            }
        )
        if side == "ours" and not user.refugee_site_ids:
            user.refugee_site_ids = self.env["refugee.site"].search([], limit=1)
        self.env.cr.commit()
        # with the user's context (language, time zone), as the web client
        # sends it with every call
        context = {**self.env.context, **user.with_user(user).context_get()}
        return self.env(user=user, context=context)

    @staticmethod
    def list_spec(model, view_type):
        """The specification the web client sends to the user of ``model``
        (a model of that user's environment) for its default view."""
        views = model.get_views([(False, view_type)])
        fields = views["models"][model._name]["fields"]
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
        env, native_env = self.user_env("ours"), self.user_env("native")
        Beneficiary = env["refugee.beneficiary"]
        Partner = native_env["res.partner"]
        benef_spec = self.list_spec(Beneficiary, "list")
        partner_spec = self.list_spec(Partner, "list")
        rows = []

        def compare(label, ours, native, target):
            (t1, q1), (t2, q2) = run(ours), run(native)
            rows.append((label, t1, q1, t2, q2, t1 / t2 if t2 else 0, target))

        compare(
            "1a. list of 80 beneficiaries vs 80 contacts (web_search_read)",
            lambda: Beneficiary.web_search_read(
                [], benef_spec, limit=80, count_limit=WEB_COUNT_LIMIT
            ),
            lambda: Partner.web_search_read(
                [], partner_spec, limit=80, count_limit=WEB_COUNT_LIMIT
            ),
            1.2,  # issue 18: the list as a counsellor within 1.2 of the contacts
        )
        form_benef = self.list_spec(Beneficiary, "form")
        form_partner = self.list_spec(Partner, "form")
        benef = Beneficiary.search([], limit=1, order="id desc")  # of its site
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
            lambda: native_env["crm.lead"].read_group(
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

        # the scheduler's user: the clock is a scheduled action
        def deadlines():
            self.env["refugee.deadline"]._cron_create_deadlines()

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
            self.env["refugee.deadline"]._cron_create_deadlines(batch_size=10**9)

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
        # as the users create them: with the creation message and follower
        # of each record (the other lines and the generator run without mail)
        NewFiles = Beneficiary.with_context(dict(env["res.users"].context_get()))
        NewContacts = Partner.with_context(dict(native_env["res.users"].context_get()))

        def create_beneficiaries():
            for batch in chunks(list(range(count)), 1000):
                NewFiles.create(
                    [
                        {**self._person(10**8 + i), "site_id": benef.site_id.id}
                        for i in batch
                    ]
                )

        def create_contacts():
            for batch in chunks(list(range(count)), 1000):
                NewContacts.create([self._contact(10**8 + i) for i in batch])

        # the 10,000 rows of each run rolled back are removed before the next
        # (a unique index full of dead entries of the same names slows down
        # each insert): every run meets the table as it was
        tables = [
            "res_partner",
            "refugee_beneficiary",
            "mail_message",
            "mail_followers",
        ]
        (t1, q1) = run(
            create_beneficiaries, runs=3, between=lambda: self.vacuum(*tables)
        )
        (t2, q2) = run(create_contacts, runs=3, between=lambda: self.vacuum(*tables))
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
        # the reader's first screen, a counsellor's too: the SIAE (rows) by
        # week (columns) of the SAS partners, as the pivot asks for it
        occupancy = env["refugee.siae.occupancy.report"]
        n_siae = self.env["res.partner"].search_count([("is_siae", "=", True)])
        n_placements = self.env["refugee.siae.placement"].search_count([])
        pivot = ([("is_sas_partner", "=", True)], ["siae_id", "week_label"])
        t_occ, q_occ = run(lambda: occupancy._read_group(*pivot, ["hosted:max"]))
        cells = len(occupancy._read_group(*pivot, ["hosted:max"]))
        rows.append(
            (
                f"6a. SAS occupancy, SIAE × week ({n_siae} SIAE, {n_placements} "
                f"placements over a year: {cells} cells), the report's query",
                t_occ,
                q_occ,
                None,
                None,
                None,
                "< 200 ms",
            )
        )
        # the same through read_group, as the pivot view asks: Odoo's
        # formatting of each cell (its domain, its week's label) comes on top
        t_fmt, q_fmt = run(
            lambda: occupancy.read_group(pivot[0], ["hosted:max"], pivot[1], lazy=False)
        )
        rows.append(
            (
                "6b. the same cells as the pivot view asks for them (read_group, "
                "whole period)",
                t_fmt,
                q_fmt,
                None,
                None,
                None,
                None,
            )
        )
        # the screen as it opens: the SAS partners, this week and the next 3
        # (the action's default filters)
        monday = self.today - timedelta(days=self.today.weekday())
        coming = [
            ("is_sas_partner", "=", True),
            ("week", ">=", monday),
            ("week", "<=", monday + timedelta(weeks=3)),
        ]
        t_screen, q_screen = run(
            lambda: occupancy.read_group(coming, ["hosted:max"], pivot[1], lazy=False)
        )
        rows.append(
            (
                "6c. the pivot as it opens (SAS partners, this week and the "
                "next 3, read_group)",
                t_screen,
                q_screen,
                None,
                None,
                None,
                "< 200 ms",
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
            "run rolled back; line 5: best of 3 runs after a warm-up, with "
            "mail (creation messages and followers) as users create",
            f"- users: {BENCH_USERS['ours'][1]}, counsellor of one site (ours); "
            f"{BENCH_USERS['native'][1]}, internal user, salesman seeing all leads "
            "(native); "
            "lines 4a-4b as the scheduler (superuser)",
            "",
            "| line | ours ms | ours queries | native ms | native queries "
            "| ratio | target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        body = []
        for label, t1, q1, t2, q2, ratio, target in rows:
            fmt = lambda v, f="{:.1f}": "—" if v is None else f.format(v)  # noqa: E731
            verdict = ""
            if isinstance(target, str):  # a time: "< N ms"
                ok = t1 < float(target.split()[1])
                verdict = f"{target} {'ok' if ok else 'MISSED'}"
            elif target:
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
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help="another seed generates another set of data on the same database",
    )
    parser.add_argument("--out", default="bench/results")
    parser.add_argument("--step", choices=["generate", "measure", "all"], default="all")
    args, odoo_args = parser.parse_known_args()
    config.parse_config([a for a in odoo_args if a != "--"] + ["-d", args.db])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        bench = Bench(api.Environment(cr, SUPERUSER_ID, {}), args.scale, args.seed)
        if args.step in ("generate", "all"):
            bench.generate()
        if args.step in ("measure", "all"):
            # the database as in service: no dead rows of an earlier run of
            # line 5, the planner's statistics up to date (a partial vacuum
            # after those rows left them at a tenth of the tables' rows)
            bench.vacuum()
            report = bench.report(bench.lines())
            cr.rollback()
            print(report)
            name = f"{args.out}/{date.today()}-scale-{args.scale}.md"
            with open(name, "w", encoding="utf-8") as result:
                result.write(report)
            print(f"saved {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
