#!/usr/bin/env bash
# make test: run the addon's Odoo tests on a fresh database, then check the
# logs (checklog-odoo), show the coverage and check the translations.
#
# Steps, on a new database pr_test_<date>_<pid> (dropped at the end, also on
# failure or Ctrl-C):
#   1. install the addon's dependencies (with demo data, no tests);
#   2. install the addon with demo data and run its tests (at_install and
#      post_install, HttpCase tours included) under coverage;
#   3. checklog-odoo on both logs: any WARNING/ERROR/CRITICAL record fails;
#   4. coverage report of the addon's python files;
#   5. i18n check (scripts/check_i18n.py) against the same database;
#   6. the addon's wheel, built with whool (scripts/check_wheel.py).
# The last line printed is always "N passed, N failed[, N skipped]".
#
# Environment: PYTHON, PR_ADDON_DIR, PR_LOG_DIR (see lib.sh), the database
# variables of pg.sh, and PR_TEST_HTTP_PORT, the port of the HTTP server the
# tours talk to (default: the first free port from 8169); PR_TEST_TAGS, Odoo's
# --test-tags to run part of the suite while developing (default: the whole
# addon, "/plateforme_refugies"; e.g. "/plateforme_refugies:TestJourney").
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

# Counters for the final line; "1 failed" until a test report says otherwise.
passed=0
failed=1
skipped=0
summary_printed=0

print_summary() {
    ((summary_printed)) && return 0
    summary_printed=1
    local line="$passed passed, $failed failed"
    ((skipped > 0)) && line+=", $skipped skipped"
    echo "$line"
}

db=""
cleanup() {
    local rc=$?
    if [[ -n "$db" ]]; then
        pr_db_drop "$db" >/dev/null 2>&1 || pr_warn "could not drop database $db"
    fi
    # Whatever happened, the summary is the last line on stdout.
    print_summary
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pr_require_addon
pr_require_odoo
pr_pg_ensure

mkdir -p "$PR_LOG_DIR"
deps_log="$PR_LOG_DIR/test-install-deps.log"
test_log="$PR_LOG_DIR/test.log"
rm -f "$deps_log" "$test_log"

db="pr_test_$(date +%Y%m%d_%H%M%S)_$$"
pr_odoo_common_args
odoo_args=(
    "${ODOO_ARGS[@]}"
    -d "$db"
    --stop-after-init
    --workers=0
    --max-cron-threads=0
    --log-level=info
)

# --- 1. dependencies -----------------------------------------------------------
depends="$(pr_addon_depends)"
pr_info "database $db: installing the dependencies ($depends), log: $deps_log"
if ! "$PYTHON" -m odoo "${odoo_args[@]}" -i "$depends" >"$deps_log" 2>&1; then
    tail -n 50 "$deps_log" >&2
    pr_die "installing the dependencies failed, see $deps_log"
fi

# --- 2. the addon and its tests, under coverage -------------------------------
pr_info "installing $PR_MODULE and running its tests, log: $test_log"
export COVERAGE_FILE="$PR_LOG_DIR/.coverage"
rm -f "$COVERAGE_FILE"
run_tests() {
    "$PYTHON" -m coverage run --source="$PR_ADDON_DIR" --omit='*/__manifest__.py' \
        -m odoo "${odoo_args[@]}" \
        -i "$PR_MODULE" \
        --test-enable --test-tags="${PR_TEST_TAGS:-/$PR_MODULE}" \
        --http-port="$1" \
        2>&1 | tee "$test_log"
}
odoo_rc=0
if [[ -n "${PR_TEST_HTTP_PORT:-}" ]]; then
    run_tests "$PR_TEST_HTTP_PORT" || odoo_rc=$?
else
    # Another clone's tests may take the port between our choice and Odoo's
    # bind (Odoo then stops before touching the database): try the next one.
    port=8169
    for attempt in 1 2 3; do
        port="$(pr_free_port "$port")"
        odoo_rc=0
        run_tests "$port" || odoo_rc=$?
        grep -q 'Errno 98\] Address already in use' "$test_log" || break
        pr_warn "HTTP port $port taken meanwhile (attempt $attempt), trying another one"
        port=$((port + 1))
    done
fi

# --- counts, from Odoo's own report line --------------------------------------
# odoo.service.server logs "<F> failed, <E> error(s) of <N> tests when loading
# database '<db>'"; each skip is an INFO record "<logger>: skipped <test> : <why>".
if report="$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database '$db'" "$test_log" | tail -n 1)"; then
    read -r failures errors tests_run < <(
        sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests when loading.*/\1 \2 \3/' <<<"$report"
    )
    skipped="$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ INFO \S+ \S+: skipped ' "$test_log" || true)"
    failed=$((failures + errors))
    passed=$((tests_run - failed - skipped))
    ((passed < 0)) && passed=0
else
    tests_run=0
    pr_warn "no test report in $test_log: the installation of $PR_MODULE probably crashed (exit code $odoo_rc)"
fi

problems=()
((failed > 0)) && problems+=("$failed test(s) failed")
((tests_run == 0)) && problems+=("no test ran")

# --- 3. logs -------------------------------------------------------------------
# checklog-odoo reads the ignore list from checklog-odoo.cfg in the repo root.
for log in "$deps_log" "$test_log"; do
    pr_info "checklog-odoo $log"
    if ! (cd "$PR_ROOT" && "$PYTHON" -m checklog_odoo --no-echo "$log"); then
        problems+=("warnings or errors in $(basename "$log")")
    fi
done

# --- 4. coverage ---------------------------------------------------------------
if [[ -f "$COVERAGE_FILE" ]]; then
    pr_info "coverage of $PR_MODULE (files fully covered are not listed)"
    "$PYTHON" -m coverage report --show-missing --skip-covered --skip-empty \
        --precision=1 || true
fi

# --- 5. translations -----------------------------------------------------------
if [[ -n "$report" ]]; then
    pr_info "i18n: exporting the template of $PR_MODULE and comparing it with $PR_MODULE/i18n/"
    pot="$PR_LOG_DIR/$PR_MODULE.pot"
    if ! pr_export_pot "$db" "$pot" "$PR_LOG_DIR/test-i18n-export.log" ||
        ! "$PYTHON" "$PR_ROOT/scripts/check_i18n.py" "$pot" "$PR_ADDON_DIR"; then
        problems+=("i18n check failed (run 'make i18n', then translate i18n/fr.po)")
    fi
else
    problems+=("i18n check not run")
fi

# --- 6. packaging ---------------------------------------------------------------
# The wheel odoo-addon-<addon> the OCA way (whool): name, version of the
# manifest, odoo==18.0.* and the external dependencies, files shipped.
pr_info "building the wheel of $PR_MODULE (whool) and checking its metadata"
if ! "$PYTHON" "$PR_ROOT/scripts/check_wheel.py" "$PR_ADDON_DIR"; then
    problems+=("wheel check failed")
fi

if ((${#problems[@]})); then
    printf 'FAILED: %s\n' "${problems[@]}" >&2
    exit 1
fi
pr_info "all checks passed"
