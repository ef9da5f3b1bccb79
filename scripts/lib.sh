# shellcheck shell=bash
# Shared settings and helpers, sourced by the other scripts (never run directly).
#
# Environment knobs (all optional):
#   PYTHON          python interpreter that can import odoo (default: python3)
#   PR_ADDON_DIR    the addon to work on (default: <repo>/plateforme_refugies);
#                   its directory name must be the module name
#   PR_CACHE_DIR    cache shared by every clone of the repository
#                   (default: ~/.cache/plateforme_refugies)
#   PR_LOG_DIR      where the scripts write Odoo logs (default: <repo>/.logs)

# Repository root: the parent of this scripts/ directory.
PR_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PR_ROOT

PYTHON="${PYTHON:-python3}"
export PYTHON

PR_ADDON_DIR="$(realpath -m "${PR_ADDON_DIR:-$PR_ROOT/plateforme_refugies}")"
PR_MODULE="$(basename "$PR_ADDON_DIR")"
export PR_ADDON_DIR PR_MODULE

# (HOME may be unset in a bare CI environment: ask the password database.)
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
PR_CACHE_DIR="$(realpath -m "${PR_CACHE_DIR:-$HOME/.cache/plateforme_refugies}")"
PR_LOG_DIR="$(realpath -m "${PR_LOG_DIR:-$PR_ROOT/.logs}")"
# Odoo's data dir (filestore, sessions) lives in the shared cache too.
PR_ODOO_DATA_DIR="$PR_CACHE_DIR/odoo-data"
export PR_CACHE_DIR PR_LOG_DIR PR_ODOO_DATA_DIR

# --- messages ----------------------------------------------------------------
pr_info() { printf '==> %s\n' "$*" >&2; }
pr_warn() { printf 'WARNING: %s\n' "$*" >&2; }
pr_die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# --- checks ------------------------------------------------------------------
pr_require_addon() {
    [[ -f "$PR_ADDON_DIR/__manifest__.py" ]] ||
        pr_die "no Odoo addon at $PR_ADDON_DIR (missing __manifest__.py); set PR_ADDON_DIR"
}

pr_require_odoo() {
    "$PYTHON" -c "import odoo, sys; sys.exit(odoo.release.series != '18.0')" 2>/dev/null ||
        pr_die "Odoo 18.0 is not importable by $PYTHON. Run 'make setup' first."
}

# --- Odoo command line ---------------------------------------------------------
# Addons path: Odoo's own addons (source/editable install: <src>/addons, plus
# the odoo/addons package dir) followed by the directory holding our addon.
pr_addons_path() {
    local odoo_paths
    odoo_paths="$("$PYTHON" - <<'EOF'
import os
import odoo

pkg = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(os.path.dirname(pkg), "addons"), os.path.join(pkg, "addons")]
print(",".join(p for p in paths if os.path.isdir(p)))
EOF
)"
    printf '%s,%s\n' "$odoo_paths" "$(dirname "$PR_ADDON_DIR")"
}

# A script file that starts Odoo with $PYTHON: the source tree's odoo-bin, or
# else the `odoo` console script of $PYTHON. The prefork server starts its
# websocket (gevent) process as `python <argv[0]> gevent`, which `-m odoo`
# cannot give.
pr_odoo_launcher() {
    "$PYTHON" - <<'EOF'
import os
import sys
import sysconfig

import odoo

candidates = [
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))), "odoo-bin"),
    os.path.join(sysconfig.get_path("scripts"), "odoo"),
]
for candidate in candidates:
    if os.path.isfile(candidate):
        print(candidate)
        break
else:
    sys.exit("neither odoo-bin nor the odoo console script found: " + ", ".join(candidates))
EOF
}

# The `depends` list of the addon's manifest, comma separated.
pr_addon_depends() {
    "$PYTHON" - "$PR_ADDON_DIR/__manifest__.py" <<'EOF'
import ast
import sys

with open(sys.argv[1], encoding="utf-8") as manifest:
    depends = ast.literal_eval(manifest.read()).get("depends", [])
print(",".join(depends or ["base"]))
EOF
}

# Fill the ODOO_ARGS array with the options every Odoo invocation shares:
# addons path, database connection (from pg.sh's PG* variables) and data dir.
pr_odoo_common_args() {
    ODOO_ARGS=(
        "--addons-path=$(pr_addons_path)"
        "--data-dir=$PR_ODOO_DATA_DIR"
    )
    [[ -n "${PGHOST:-}" ]] && ODOO_ARGS+=("--db_host=$PGHOST")
    [[ -n "${PGPORT:-}" ]] && ODOO_ARGS+=("--db_port=$PGPORT")
    [[ -n "${PGUSER:-}" ]] && ODOO_ARGS+=("--db_user=$PGUSER")
    [[ -n "${PGPASSWORD:-}" ]] && ODOO_ARGS+=("--db_password=$PGPASSWORD")
    return 0
}

# Export the addon's translation template from database $1 into file $2
# (a .pot: no language given), Odoo's log going to file $3.
pr_export_pot() {
    local db="$1" pot="$2" log="$3"
    pr_odoo_common_args
    if ! "$PYTHON" -m odoo "${ODOO_ARGS[@]}" -d "$db" --log-level=info \
        --i18n-export="$pot" --modules="$PR_MODULE" --stop-after-init >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        pr_warn "exporting the translation template failed, see $log"
        return 1
    fi
}

# First TCP port from $1 on that nothing listens to (tried for 50 ports).
pr_free_port() {
    "$PYTHON" - "$1" <<'PYEOF'
import socket
import sys

start = int(sys.argv[1])
for port in range(start, start + 50):
    with socket.socket() as sock:
        try:
            sock.bind(("", port))
        except OSError:
            continue
        print(port)
        break
else:
    sys.exit(f"no free TCP port in {start}-{start + 49}")
PYEOF
}
