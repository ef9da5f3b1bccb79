#!/usr/bin/env bash
# make i18n: refresh the addon's translation files.
#
# Installs the addon (with demo data, no tests, as `make test` does) in a
# temporary database, exports its template, then (scripts/merge_po.py) writes
# i18n/<module>.pot and merges it into i18n/fr.po: existing translations are
# kept, new terms get an empty msgstr, vanished ones are dropped. The database
# is dropped at the end. Translate the empty msgstr of fr.po afterwards.
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

pr_info "database $db: installing $PR_MODULE, log: $install_log"
pr_odoo_common_args
if ! "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$db" -i "$PR_MODULE" \
    --stop-after-init --workers=0 --max-cron-threads=0 --no-http \
    --log-level=info >"$install_log" 2>&1; then
    tail -n 50 "$install_log" >&2
    pr_die "installing $PR_MODULE failed, see $install_log"
fi

pot="$PR_LOG_DIR/$PR_MODULE.pot"
pr_info "exporting the translation template"
pr_export_pot "$db" "$pot" "$PR_LOG_DIR/i18n-export.log"

"$PYTHON" "$PR_ROOT/scripts/merge_po.py" "$pot" "$PR_ADDON_DIR"
