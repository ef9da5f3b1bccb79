#!/usr/bin/env bash
# make i18n: refresh the addon's translation files.
#
# Installs the addon in a temporary database as `make test` does (its
# dependencies first, then the addon, both with demo data; no tests), exports
# its template, then (scripts/merge_po.py) writes i18n/<module>.pot and merges
# it into i18n/fr.po: existing translations are kept, new terms get an empty
# msgstr, vanished ones are dropped. The database is dropped at the end.
# Translate the empty msgstr of fr.po afterwards.
#
# The names of the demo records (the workshops) are terms of the template:
# when the demo data fails to load, Odoo only logs a WARNING and installs the
# addon without it, and the template would lack them while `make test`'s
# export has them. So any WARNING or ERROR of the installation stops here,
# before anything is written (checklog-odoo, as `make test`).
#
# Environment: PYTHON, PR_ADDON_DIR, PR_LOG_DIR (lib.sh), database (pg.sh).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

db=""
cleanup() {
    if [[ -n "$db" ]]; then
        pr_db_drop "$db" >/dev/null 2>&1 || pr_warn "could not drop database $db"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pr_require_addon
pr_require_odoo
pr_pg_ensure

mkdir -p "$PR_LOG_DIR"
install_log="$PR_LOG_DIR/i18n-install.log"
db="pr_i18n_$(date +%Y%m%d_%H%M%S)_$$"

pr_odoo_common_args
install() {
    local modules="$1" log="$2"
    if ! "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$db" -i "$modules" \
        --stop-after-init --workers=0 --max-cron-threads=0 --no-http \
        --log-level=info >"$log" 2>&1; then
        tail -n 50 "$log" >&2
        pr_die "installing $modules failed, see $log"
    fi
    if ! (cd "$PR_ROOT" && "$PYTHON" -m checklog_odoo --no-echo "$log"); then
        pr_die "warnings or errors while installing $modules (demo data not loaded?), see $log"
    fi
}
deps_log="$PR_LOG_DIR/i18n-install-deps.log"
pr_info "database $db: installing the dependencies, log: $deps_log"
install "$(pr_addon_depends)" "$deps_log"
pr_info "installing $PR_MODULE, log: $install_log"
install "$PR_MODULE" "$install_log"

pot="$PR_LOG_DIR/$PR_MODULE.pot"
pr_info "exporting the translation template"
pr_export_pot "$db" "$pot" "$PR_LOG_DIR/i18n-export.log"

"$PYTHON" "$PR_ROOT/scripts/merge_po.py" "$pot" "$PR_ADDON_DIR"
