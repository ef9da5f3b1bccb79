#!/usr/bin/env bash
# make load: a bounded locust run on loopback against Odoo in prefork, the
# staff doing their screens and, in the same run, the native ones.
#
#   1. the bench database of scale $SCALE (made by scripts/bench.sh once, at
#      least 15,000 files) gets the load users: counsellors of two sites, the
#      coordinator, a reader (password = login);
#   2. for each configuration (LOAD_REPLICA: without, then with the read
#      replica of scripts/replica.sh), Odoo is served by scripts/run.sh with
#      $WORKERS workers on a free port of 127.0.0.1; for each number of users
#      (LOAD_USERS), locust (bench/load.py) runs $LOAD_TIME, headless, after
#      a warm-up of $LOAD_WARMUP with the most users on the new server (its
#      requests are not counted, its log lines are: with the first run's);
#   3. bench/load_report.py writes bench/results/<date>-load.md: per pair of
#      screens p50/p95/p99 ours and native, the p95 ratio, failures, the Odoo
#      log's WARNING/ERROR lines, the workers' memory; its last line sums up.
# Traffic goes to 127.0.0.1 only, bounded by LOAD_TIME and the users.
#
# Environment: SCALE (default 15000), WORKERS (4), LOAD_USERS ("20 50"),
# LOAD_TIME (180s), LOAD_WARMUP (60s, 0 for none), LOAD_REPLICA ("off on"), LOAD_NOTE (a line for the
# results, e.g. what else ran on the machine); PYTHON and those of lib.sh,
# pg.sh.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

SCALE="${SCALE:-15000}"
WORKERS="${WORKERS:-4}"
LOAD_USERS="${LOAD_USERS:-20 50}"
LOAD_TIME="${LOAD_TIME:-180s}"
LOAD_WARMUP="${LOAD_WARMUP:-60s}"
LOAD_REPLICA="${LOAD_REPLICA:-off on}"
# locust in a virtual environment of its own (it needs newer gevent, Flask
# and Werkzeug than Odoo's pins), made on first use
PR_LOCUST_VERSION=2.47.0
locust_venv="$PR_CACHE_DIR/locust-venv"
LOCUST="$locust_venv/bin/locust"
((SCALE >= 15000)) || pr_warn "SCALE=$SCALE: the issue asks for at least 15,000 files"

if ! "$LOCUST" --version 2>/dev/null | grep -q "locust $PR_LOCUST_VERSION "; then
    pr_info "installing locust $PR_LOCUST_VERSION into $locust_venv"
    "$PYTHON" -m venv "$locust_venv"
    "$locust_venv/bin/python" -m pip install -q --disable-pip-version-check "locust==$PR_LOCUST_VERSION"
fi
pr_require_addon
pr_require_odoo
# (a server given by PGHOST/PGPORT brings its own replica: PG_REPLICA_PORT)
external_server="${PGHOST:-}${PGPORT:-}"
pr_pg_ensure
pr_odoo_common_args
db="pr_bench_${SCALE}"
run_dir="$PR_LOG_DIR/load-$(date +%Y%m%d_%H%M%S)"
mkdir -p "$run_dir" "$PR_ROOT/bench/results"

if ! psql -d "$db" -tAc "SELECT value FROM ir_config_parameter
        WHERE key = 'plateforme_refugies.bench_scale'" 2>/dev/null | grep -qx "$SCALE"; then
    pr_info "making the bench database $db first"
    bash "$PR_ROOT/scripts/bench.sh" --scale "$SCALE" --step generate
fi

pr_info "load users in $db"
logins="$("$PYTHON" -m odoo shell "${ODOO_ARGS[@]}" -d "$db" --no-http --log-level=warn <<'PYEOF' | tail -n 1
import json

from odoo import Command

sites = env["refugee.site"].search([], limit=2)
roles = {
    "counsellor": [
        (f"load.cip.{site.code.lower()}.{n}", "plateforme_refugies.group_counsellor", site)
        for site in sites
        for n in range(1, 6)
    ],
    "coordinator": [("load.coordinator", "plateforme_refugies.group_coordinator", sites)],
    "reader": [("load.reader", "plateforme_refugies.group_reader", False)],
}
Users = env["res.users"].with_context(no_reset_password=True, active_test=False)
for role, users in roles.items():
    for login, group, user_sites in users:
        user = Users.search([("login", "=", login)]) or Users.create(
            {"login": login, "name": login.replace(".", " ").title()}
        )
        user.write(
            {
                "password": login,
                "groups_id": [Command.set([env.ref("base.group_user").id, env.ref(group).id])],
                "refugee_site_ids": [Command.set(user_sites.ids if user_sites else [])],
                # staff in Loir-et-Cher: their browser gives Odoo this time zone
                "tz": "Europe/Paris",
            }
        )
env.cr.commit()
print(json.dumps({role: [u[0] for u in users] for role, users in roles.items()}))
PYEOF
)"
export LOAD_DB="$db" LOAD_LOGINS="$logins"

# dead rows and statistics as a database in service has them (a bench run
# leaves rolled-back rows, and the planner's row counts off)
PGOPTIONS="-c client_min_messages=error" psql -d "$db" -qc "VACUUM ANALYZE"

server_pid=""
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill -- "-$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

for replica in $LOAD_REPLICA; do
    replica_env=()
    if [[ "$replica" == "on" ]]; then
        if [[ -n "$external_server" ]]; then
            [[ -n "${PG_REPLICA_PORT:-}" ]] ||
                pr_die "PGHOST/PGPORT given: set PG_REPLICA_PORT (and PG_REPLICA_HOST) to its replica"
            replica_port="$PG_REPLICA_PORT"
        else
            replica_port="$(env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD \
                bash "$PR_ROOT/scripts/replica.sh" start | tail -n 1)"
        fi
        replica_env=("PG_REPLICA_PORT=$replica_port")
    fi
    port="$(pr_free_port 18069)"
    log="$run_dir/odoo-replica-$replica.log"
    pr_info "Odoo: $WORKERS workers on 127.0.0.1:$port, replica $replica, log: $log"
    setsid env PR_DB="$db" PR_HTTP_PORT="$port" WORKERS="$WORKERS" "${replica_env[@]}" \
        bash "$PR_ROOT/scripts/run.sh" --http-interface=127.0.0.1 --logfile="$log" \
        >"$run_dir/run-replica-$replica.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 60); do
        curl -s -o /dev/null "http://127.0.0.1:$port/web/login" && break
        sleep 2
    done
    lines_before="$(wc -l <"$log")"
    if [[ "$LOAD_WARMUP" != 0 ]]; then
        # every worker of a new server starts with empty caches (views,
        # record rules, translations of each user): the measured runs are
        # the steady state that the staff meet, both sides alike
        most="$(tr ' ' '\n' <<<"$LOAD_USERS" | sort -n | tail -n 1)"
        pr_info "locust: warm-up, $most users for $LOAD_WARMUP (not counted)"
        "$LOCUST" -f "$PR_ROOT/bench/load.py" --headless --only-summary \
            --host "http://127.0.0.1:$port" -u "$most" -r "$((most / 5 + 1))" \
            -t "$LOAD_WARMUP" --stop-timeout 10 \
            >"$run_dir/warmup-replica-$replica.locust.log" 2>&1 || true
    fi
    for users in $LOAD_USERS; do
        name="users-$users-replica-$replica"
        pr_info "locust: $users users for $LOAD_TIME ($name)"
        "$LOCUST" -f "$PR_ROOT/bench/load.py" --headless --only-summary \
            --host "http://127.0.0.1:$port" -u "$users" -r "$((users / 5 + 1))" \
            -t "$LOAD_TIME" --stop-timeout 10 --csv "$run_dir/$name" \
            >"$run_dir/$name.locust.log" 2>&1 || true
        # the Odoo log of this run, and the memory of the workers at its end
        tail -n "+$((lines_before + 1))" "$log" >"$run_dir/$name.odoo.log"
        lines_before="$(wc -l <"$log")"
        ps -o rss=,args= --ppid "$server_pid" | grep -v ' gevent ' |
            awk '{print $1}' >"$run_dir/$name.rss" || true
    done
    stop_server
done

"$PYTHON" "$PR_ROOT/bench/load_report.py" "$run_dir" \
    --out "$PR_ROOT/bench/results/$(date +%Y-%m-%d)-load.md" \
    --scale "$SCALE" --workers "$WORKERS" --time "$LOAD_TIME" \
    --warmup "$LOAD_WARMUP" --note "${LOAD_NOTE:-}"
