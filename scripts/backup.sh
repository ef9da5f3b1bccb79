#!/usr/bin/env bash
# make backup / make restore: one archive holding a database and its
# filestore, the format of Odoo's own database manager (a zip of dump.sql,
# filestore/ and manifest.json: odoo.service.db.dump_db and restore_db), so
# that /web/database/manager restores it too.
#
#   scripts/backup.sh backup   dumps database $PR_DB into $BACKUP
#   scripts/backup.sh restore  creates database $PR_DB from $BACKUP (it must
#                              not exist yet) with its filestore
#
# Environment:
#   PR_DB    database (default: plateforme_refugies, the one of make run)
#   BACKUP   archive (default for backup: backups/<db>_<date>.zip in the
#            repository; required for restore)
#   PYTHON, PR_ADDON_DIR (lib.sh), database server (pg.sh)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

action="${1:-}"
PR_DB="${PR_DB:-plateforme_refugies}"

pr_require_odoo
pr_pg_ensure
pr_odoo_common_args

# Odoo's dump_db/restore_db, with the options of the other scripts (database
# connection, data dir for the filestore)
odoo_db() {
    "$PYTHON" - "$@" "${ODOO_ARGS[@]}" --log-level=warn <<'PYEOF'
import sys

import odoo
from odoo.service import db
from odoo.tools import config

action, name, archive = sys.argv[1:4]
config.parse_config(sys.argv[4:])
if action == "backup":
    with open(archive, "wb") as stream:
        db.dump_db(name, stream, "zip")
else:
    db.restore_db(name, archive, copy=False)
odoo.sql_db.close_all()
PYEOF
}

case "$action" in
backup)
    pr_db_exists "$PR_DB" || pr_die "no database $PR_DB"
    BACKUP="${BACKUP:-$PR_ROOT/backups/${PR_DB}_$(date +%Y%m%d_%H%M%S).zip}"
    mkdir -p "$(dirname "$BACKUP")"
    pr_info "backing up database $PR_DB and its filestore into $BACKUP"
    odoo_db backup "$PR_DB" "$BACKUP.part"
    mv "$BACKUP.part" "$BACKUP"
    echo "$BACKUP"
    ;;
restore)
    [[ -n "${BACKUP:-}" && -f "$BACKUP" ]] || pr_die "BACKUP=<archive made by make backup> is required"
    ! pr_db_exists "$PR_DB" || pr_die "database $PR_DB exists: choose another PR_DB, or drop it first"
    pr_info "restoring $BACKUP into database $PR_DB"
    odoo_db restore "$PR_DB" "$BACKUP"
    pr_info "database $PR_DB restored, with its filestore"
    ;;
*)
    pr_die "usage: $0 backup|restore (PR_DB=<database>, BACKUP=<archive>)"
    ;;
esac
