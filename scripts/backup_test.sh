#!/usr/bin/env bash
# make backup-test: a backup restored into a fresh database holds the same
# rows and the same files.
#
#   1. a new database with the addon and its demo data, and one attachment
#      stored in the filestore;
#   2. scripts/backup.sh backup, then restore into another new database;
#   3. every table of both databases: same row count and same checksum of
#      the rows (scripts/upgrade_compare.py tables); the same filestore
#      (diff -r), and the attachment read back through Odoo.
# Both databases and the archive are removed at the end.
#
# Environment: PYTHON, PR_ADDON_DIR, PR_LOG_DIR (lib.sh), the database
# variables of pg.sh.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

work="$(mktemp -d)"
pr_temporary dir "$work"
trap pr_remove_temporaries EXIT
trap 'exit 130' INT TERM

pr_require_addon
pr_require_odoo
pr_pg_ensure
pr_odoo_common_args
mkdir -p "$PR_LOG_DIR"
log="$PR_LOG_DIR/backup-test.log"

source_db="pr_backup_$(date +%Y%m%d_%H%M%S)_$$"
restored_db="${source_db}_restored"
pr_temporary db "$source_db" "$restored_db"
pr_info "database $source_db: installing $PR_MODULE with demo data, log: $log"
if ! "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$source_db" -i "$PR_MODULE" \
    --stop-after-init --workers=0 --max-cron-threads=0 --no-http >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    pr_die "installing $PR_MODULE failed, see $log"
fi
# an attachment in the filestore (and its checksum), then read it back
attachment() {
    "$PYTHON" -m odoo shell "${ODOO_ARGS[@]}" -d "$1" --no-http --log-level=warn <<PYEOF
name = "backup-test.txt"
Attachment = env["ir.attachment"]
if "$2" == "create":
    Attachment.create({"name": name, "raw": b"Sauvegarde de Blois\n"})
    env.cr.commit()
print("attachment:", Attachment.search([("name", "=", name)]).raw)
PYEOF
}
attachment "$source_db" create >>"$log" 2>&1

"$PYTHON" "$PR_ROOT/scripts/upgrade_compare.py" --db "$source_db" tables "$work/source.json"
PR_DB="$source_db" BACKUP="$work/backup.zip" bash "$PR_ROOT/scripts/backup.sh" backup >/dev/null
PR_DB="$restored_db" BACKUP="$work/backup.zip" bash "$PR_ROOT/scripts/backup.sh" restore
"$PYTHON" "$PR_ROOT/scripts/upgrade_compare.py" --db "$restored_db" tables "$work/restored.json"

"$PYTHON" "$PR_ROOT/scripts/upgrade_compare.py" same-tables "$work/source.json" "$work/restored.json"
diff -r "$PR_ODOO_DATA_DIR/filestore/$source_db" "$PR_ODOO_DATA_DIR/filestore/$restored_db" ||
    pr_die "the restored filestore differs"
files="$(find "$PR_ODOO_DATA_DIR/filestore/$restored_db" -type f | wc -l)"
read_back="$(attachment "$restored_db" read 2>>"$log" | grep '^attachment:')"
[[ "$read_back" == "attachment: b'Sauvegarde de Blois\\n'" ]] ||
    pr_die "the attachment read from the restored database is: $read_back"
pr_info "backup-test: same filestore ($files files), attachment read back"
echo "backup-test passed"
