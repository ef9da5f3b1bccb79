#!/usr/bin/env bash
# make lint: static checks, offline. Every check runs even when an earlier one
# fails; the script fails when any did.
#   * ruff check + ruff format --check on the repository (pyproject.toml);
#   * pylint with pylint-odoo on the addon (.pylintrc: OCA's checks for 18.0);
#   * oca-checks-odoo-module on the addon (manifest, XML, CSV checks);
#   * oca-checks-po on the addon's i18n/*.po and *.pot files;
#   * the addon's README.rst up to date with its readme/*.md (make readme);
#   * bash -n on the scripts.
#
# Environment: PYTHON, PR_ADDON_DIR (lib.sh); an addon outside the repository
# is linted with the repository's configuration.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

pr_require_addon
cd "$PR_ROOT"

failed=()
run_check() {
    local name="$1"
    shift
    pr_info "$name"
    if ! "$@"; then
        failed+=("$name")
    fi
}

# ruff: the whole repository; when the addon lives elsewhere, the scripts and
# that addon (with this repository's configuration either way).
if [[ "$PR_ADDON_DIR" == "$PR_ROOT"/* ]]; then
    ruff_paths=(.)
else
    ruff_paths=(scripts "$PR_ADDON_DIR")
fi
ruff=("$PYTHON" -m ruff)
run_check "ruff check" "${ruff[@]}" check --config pyproject.toml --no-fix "${ruff_paths[@]}"
run_check "ruff format --check" "${ruff[@]}" format --config pyproject.toml --check "${ruff_paths[@]}"

run_check "pylint (pylint-odoo)" "$PYTHON" -m pylint --rcfile="$PR_ROOT/.pylintrc" "$PR_ADDON_DIR"

run_check "oca-checks-odoo-module" "$PYTHON" -m oca_pre_commit_hooks "$PR_ADDON_DIR"

mapfile -t po_files < <(find "$PR_ADDON_DIR/i18n" -maxdepth 1 -type f \( -name '*.po' -o -name '*.pot' \) 2>/dev/null | sort)
if ((${#po_files[@]})); then
    # po-pretty-format is disabled: besides sorting/wrapping (which `make i18n`
    # already does as Odoo), it empties every msgstr equal to its msgid, while
    # this project requires a msgstr for every term of fr.po, French words
    # identical to the English ones ("Description", "Type") included.
    run_check "oca-checks-po" "$PYTHON" -c \
        'import sys; from oca_pre_commit_hooks.cli_po import main; sys.exit(main())' \
        --disable=po-pretty-format "${po_files[@]}"
else
    pr_warn "no i18n/*.po or *.pot file in $PR_ADDON_DIR: oca-checks-po skipped (make i18n creates them)"
fi

run_check "README.rst from readme/ (make readme)" "$PYTHON" scripts/readme.py "$PR_ADDON_DIR" --check

check_bash_syntax() {
    local script rc=0
    for script in scripts/*.sh .ci/run; do
        bash -n "$script" || rc=1
    done
    return "$rc"
}
run_check "bash -n scripts/*.sh .ci/run" check_bash_syntax

if ((${#failed[@]})); then
    printf 'lint FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
pr_info "lint passed"
