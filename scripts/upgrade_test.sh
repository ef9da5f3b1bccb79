#!/usr/bin/env bash
# make upgrade-test: upgrade a database of the previous release of the addon
# to the code of the working tree, and check that every row is kept.
#
#   1. the addon as it was at PR_PREVIOUS_RELEASE (a commit of main, read from
#      this repository's history with `git archive`) is installed with its
#      demo data in a new database pr_upgrade_<date>_<pid>;
#   2. the demo counsellors and the coordinator open their files (the reads of
#      sensitive data are logged), then scripts/upgrade_compare.py notes every row and value of the models that
#      matter (people, journeys, placements, immersions, hires, consents,
#      logs…) and the pairs of their many2many relations;
#   3. the addon is upgraded with -u to the working tree's code (its
#      migrations/ scripts run); the log must hold no WARNING/ERROR;
#   4. the rows are compared, under the new names the migration scripts give:
#      nothing lost, added or changed unless a migration script declares it.
# The database is dropped at the end, also on failure.
#
# Environment: PYTHON, PR_ADDON_DIR, PR_LOG_DIR (lib.sh), the database
# variables of pg.sh; PR_PREVIOUS_RELEASE (default below) and
# PR_PREVIOUS_VERSION, its manifest version.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
source "$PR_ROOT/scripts/pg.sh"

# 18.0.1.0.0, the last commit of main before the renames of 18.0.2.0.0
PR_PREVIOUS_RELEASE="${PR_PREVIOUS_RELEASE:-3d16c3b}"
PR_PREVIOUS_VERSION="${PR_PREVIOUS_VERSION:-18.0.1.0.0}"

work="$(mktemp -d)"
pr_temporary dir "$work"
trap pr_remove_temporaries EXIT
trap 'exit 130' INT TERM

pr_require_addon
pr_require_odoo
pr_pg_ensure
mkdir -p "$PR_LOG_DIR"

git -C "$PR_ROOT" cat-file -e "$PR_PREVIOUS_RELEASE^{commit}" 2>/dev/null ||
    pr_die "commit $PR_PREVIOUS_RELEASE is not in this clone's history (a shallow clone? git fetch --unshallow)"
mkdir -p "$work/previous"
git -C "$PR_ROOT" archive "$PR_PREVIOUS_RELEASE" "$PR_MODULE" | tar -x -C "$work/previous"
version="$("$PYTHON" -c 'import ast, sys; print(ast.literal_eval(open(sys.argv[1]).read())["version"])' \
    "$work/previous/$PR_MODULE/__manifest__.py")"
[[ "$version" == "$PR_PREVIOUS_VERSION" ]] ||
    pr_die "commit $PR_PREVIOUS_RELEASE holds version $version, not $PR_PREVIOUS_VERSION"

pr_odoo_common_args
odoo_paths="$(pr_addons_path)"
odoo_paths="${odoo_paths%,*}"  # Odoo's own addons, without ours
common=(
    "--data-dir=$PR_ODOO_DATA_DIR" --stop-after-init --workers=0
    --max-cron-threads=0 --no-http --log-level=info
)
for arg in "${ODOO_ARGS[@]}"; do
    [[ "$arg" == --db_* ]] && common+=("$arg")
done

db="pr_upgrade_$(date +%Y%m%d_%H%M%S)_$$"
pr_temporary db "$db"
install_log="$PR_LOG_DIR/upgrade-install.log"
upgrade_log="$PR_LOG_DIR/upgrade.log"
pr_info "database $db: installing $PR_MODULE $version ($PR_PREVIOUS_RELEASE) with demo data, log: $install_log"
if ! "$PYTHON" -m odoo "${common[@]}" -d "$db" -i "$PR_MODULE" \
    --addons-path="$odoo_paths,$work/previous" >"$install_log" 2>&1; then
    tail -n 30 "$install_log" >&2
    pr_die "installing the previous release failed, see $install_log"
fi

# some use of the previous release: the counsellors open the files of their
# sites (reads of sensitive data are logged)
"$PYTHON" -m odoo shell "${common[@]}" -d "$db" --addons-path="$odoo_paths,$work/previous" \
    --log-level=warn >>"$install_log" 2>&1 <<'PYEOF' ||
for login in ("cip.blois", "cip.vendome", "coordinateur"):
    user = env["res.users"].search([("login", "=", login)])
    env(user=user)["refugee.beneficiary"].search([]).read()
env.cr.commit()
PYEOF
    pr_die "the counsellors could not open their files, see $install_log"

"$PYTHON" "$PR_ROOT/scripts/upgrade_compare.py" --db "$db" snapshot "$work/before.json"

pr_info "upgrading $PR_MODULE to the working tree's code, log: $upgrade_log"
if ! "$PYTHON" -m odoo "${common[@]}" -d "$db" -u "$PR_MODULE" \
    --addons-path="$odoo_paths,$(dirname "$PR_ADDON_DIR")" >"$upgrade_log" 2>&1; then
    tail -n 30 "$upgrade_log" >&2
    pr_die "the upgrade failed, see $upgrade_log"
fi
(cd "$PR_ROOT" && "$PYTHON" -m checklog_odoo --no-echo "$upgrade_log") ||
    pr_die "warnings or errors in $upgrade_log"

"$PYTHON" "$PR_ROOT/scripts/upgrade_compare.py" --db "$db" compare "$work/before.json" \
    --migrations "$PR_ADDON_DIR/migrations" --from-version "$PR_PREVIOUS_VERSION"
