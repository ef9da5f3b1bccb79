#!/usr/bin/env bash
# make run: serve the addon with its demo data on http://localhost:$PR_HTTP_PORT.
#
# The database $PR_DB is kept between runs. When it does not exist, or the
# addon is not installed in it, the addon is installed with its demo data and
# French (fr_FR) is loaded and made the administrator's language; otherwise the
# database is served as it is (no module update: `make run` after a code change
# of fields or data needs PR_UPDATE=1, or a new database).
#
# Environment:
#   PR_DB         database name (default: plateforme_refugies)
#   PR_HTTP_PORT  HTTP port (default: 8069)
#   PR_UPDATE     set to 1 to update the addon (-u) before serving
#   WORKERS       production mode when > 0 (make run WORKERS=4): that many
#                 prefork HTTP workers, the websocket (gevent) process on
#                 PR_HTTP_PORT + 3, one cron worker (CRON_THREADS), proxy mode
#                 and the limits of deploy/odoo.conf (memory, time, requests);
#                 default 0: one threaded development process
#   CRON_THREADS  cron workers in production mode (default 1; 0 on the other
#                 hosts of a multi-host deployment)
#   PG_REPLICA_HOST, PG_REPLICA_PORT
#                 a read replica (scripts/replica.sh makes one on this machine):
#                 Odoo 18 sends its read-only requests there
#   PYTHON, PR_ADDON_DIR (lib.sh), database server (pg.sh)
# Extra arguments are passed to Odoo (e.g. `scripts/run.sh --dev=xml`).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

PR_DB="${PR_DB:-plateforme_refugies}"
PR_HTTP_PORT="${PR_HTTP_PORT:-8069}"

# --- demo logins (created by the addon's demo data) -----------------------------
# login/password, then role; printed before the server starts.
DEMO_LOGINS=(
    "admin/admin|administrator"
    "coordinateur/coordinateur|Coordinator"
    "cip.blois/cip.blois|Counsellor, Blaisois"
    "cip.vendome/cip.vendome|Counsellor, Vendômois and Romorantinais"
    "financeur/financeur|Reader"
    "encadrant/encadrant|portal, SIAE supervisor (Bio Solidaire)"
    "tuteur/tuteur|portal, employer tutor (La Loire Gourmande)"
)

print_banner() {
    local item
    echo
    echo "Plateforme réfugiés: http://localhost:$PR_HTTP_PORT/web/login (database $PR_DB)"
    echo "Demo logins (login/password, role):"
    for item in "${DEMO_LOGINS[@]}"; do
        printf '  %-28s %s\n' "${item%%|*}" "${item#*|}"
    done
    echo "Stop the server with Ctrl-C."
    echo
}

pr_require_addon
pr_require_odoo
pr_pg_ensure
pr_odoo_common_args

module_state() {
    pr_db_exists "$PR_DB" || return 0
    "$PG_BIN/psql" -X -q -tA -d "$PR_DB" -c \
        "SELECT state FROM ir_module_module WHERE name = '$PR_MODULE'" 2>/dev/null || true
}

if [[ "$(module_state)" != "installed" ]]; then
    pr_info "installing $PR_MODULE with demo data and French in database $PR_DB (first run)"
    "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$PR_DB" -i "$PR_MODULE" \
        --load-language=fr_FR --stop-after-init --no-http --max-cron-threads=0 ||
        pr_die "installing $PR_MODULE in $PR_DB failed"
    pr_info "making French the administrator's language"
    "$PYTHON" -m odoo shell "${ODOO_ARGS[@]}" -d "$PR_DB" --no-http --log-level=warn <<'EOF' ||
env.ref("base.user_admin").lang = "fr_FR"
env.cr.commit()
EOF
        pr_die "could not set the administrator's language"
elif [[ "${PR_UPDATE:-0}" == "1" ]]; then
    pr_info "updating $PR_MODULE in database $PR_DB"
    "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$PR_DB" -u "$PR_MODULE" \
        --stop-after-init --no-http --max-cron-threads=0 ||
        pr_die "updating $PR_MODULE in $PR_DB failed"
fi

# --- production mode -------------------------------------------------------------
WORKERS="${WORKERS:-0}"
mode_args=(--workers=0)
if ((WORKERS > 0)); then
    # the limits of the sample configuration, deploy/odoo.conf
    mode_args=(
        "--workers=$WORKERS"
        "--max-cron-threads=${CRON_THREADS:-1}"
        "--gevent-port=$((PR_HTTP_PORT + 3))"
        --proxy-mode
        --limit-memory-soft=671088640
        --limit-memory-hard=805306368
        --limit-time-cpu=60
        --limit-time-real=120
        --limit-time-real-cron=600
        --limit-request=65536
    )
    pr_info "production mode: $WORKERS HTTP workers, websocket on port $((PR_HTTP_PORT + 3)), ${CRON_THREADS:-1} cron worker(s), proxy mode"
fi
if [[ -n "${PG_REPLICA_HOST:-}${PG_REPLICA_PORT:-}" ]]; then
    mode_args+=("--db_replica_host=${PG_REPLICA_HOST:-$PGHOST}" "--db_replica_port=${PG_REPLICA_PORT:-$PGPORT}")
    pr_info "read replica: ${PG_REPLICA_HOST:-$PGHOST}:${PG_REPLICA_PORT:-$PGPORT}"
fi

launcher="$(pr_odoo_launcher)"
print_banner
exec "$PYTHON" "$launcher" "${ODOO_ARGS[@]}" -d "$PR_DB" --db-filter="^${PR_DB}\$" \
    --http-port="$PR_HTTP_PORT" "${mode_args[@]}" "$@"
