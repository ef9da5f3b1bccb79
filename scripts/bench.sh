#!/usr/bin/env bash
# make bench: measure the addon against Odoo's own apps at the same size.
#
# Builds (once per scale) a database pr_bench_<scale> with the addon installed
# without demo data and filled by bench/bench.py's generator, then measures
# each line of the table and saves it under bench/results/. Not part of
# `make test`. Arguments are passed to bench/bench.py (e.g. --scale 5000,
# --step measure); SCALE=N also sets the scale (default 50000).
#
# Environment: PYTHON, PR_ADDON_DIR (lib.sh), the database variables of pg.sh.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

scale="${SCALE:-50000}"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    [[ "${args[i]}" == "--scale" ]] && scale="${args[i + 1]}"
done

pr_require_addon
pr_require_odoo
pr_pg_ensure
pr_odoo_common_args
mkdir -p "$PR_LOG_DIR" "$PR_ROOT/bench/results"

db="pr_bench_${scale}"
# a database whose generation did not finish is built again
if psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 &&
    ! psql -d "$db" -tAc "SELECT value FROM ir_config_parameter
        WHERE key = 'plateforme_refugies.bench_scale'" | grep -qx "$scale"; then
    pr_info "database $db is incomplete: dropping it"
    pr_db_drop "$db"
fi
# install the addon on a new database, update it on an existing one (so that
# the code measured is the code of the working tree)
mode=-u
if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    mode=-i
fi
pr_info "database $db: $mode $PR_MODULE without demo data"
if ! "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$db" "$mode" "$PR_MODULE" \
    --without-demo=all --stop-after-init --no-http --max-cron-threads=0 \
    --log-level=warn >"$PR_LOG_DIR/bench-install.log" 2>&1; then
    tail -n 30 "$PR_LOG_DIR/bench-install.log" >&2
    pr_die "installing $PR_MODULE failed, see $PR_LOG_DIR/bench-install.log"
fi
pr_info "database $db: generating (once) and measuring at scale $scale"
"$PYTHON" "$PR_ROOT/bench/bench.py" --db "$db" --scale "$scale" \
    --out "$PR_ROOT/bench/results" "${args[@]}" -- "${ODOO_ARGS[@]}" --log-level=warn
