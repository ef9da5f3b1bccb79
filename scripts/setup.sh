#!/usr/bin/env bash
# make setup: install what the other targets need. Idempotent, and quick when
# everything is already there.
#   1. Odoo 18.0 importable by $PYTHON; otherwise install it (pip, editable in
#      compat mode) from ODOO_SRC, a local Odoo 18.0 source tree, or else from
#      Odoo's official 18.0 source archive, downloaded once into the cache dir;
#      then check that odoo.addons spans Odoo's addons and
#      site-packages/odoo/addons, where OCA wheels install
#      (scripts/check_odoo_addons.py).
#   2. Debian packages: PostgreSQL server, Chromium (tours), wkhtmltopdf (PDF
#      reports) and the Noto fonts of the letters' scripts; `apt-get update`
#      runs only when one is missing.
#   3. requirements-dev.txt (lint and test tools);
#   4. a gevent that starts, for the websocket process of the workers.
#
# Environment: PYTHON, PR_CACHE_DIR (lib.sh); ODOO_SRC (path to an Odoo 18.0
# source tree: has odoo-bin and requirements.txt); PR_ODOO_ARCHIVE_URL (the
# source archive to download when neither is available).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PR_ODOO_ARCHIVE_URL="${PR_ODOO_ARCHIVE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"

# Run as root, or through sudo when available (non-interactive).
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        pr_die "root is needed to run: $* (run it yourself, then make setup again)"
    fi
}

# Install the Debian packages given that are not installed yet.
apt_install_missing() {
    local pkg missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    pr_info "installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${missing[@]}"
}

pip_install() {
    local extra=()
    [[ "$(id -u)" -eq 0 ]] && extra+=(--root-user-action=ignore)
    "$PYTHON" -m pip install -q --disable-pip-version-check "${extra[@]}" "$@"
}

odoo_ok() {
    "$PYTHON" -c "import odoo, sys; sys.exit(odoo.release.series != '18.0')" >/dev/null 2>&1
}

is_odoo_src() {
    [[ -f "$1/odoo-bin" && -f "$1/requirements.txt" ]]
}

# Download and unpack Odoo's 18.0 source archive into the cache; print the
# source tree's path. Fails (quietly) when the archive cannot be fetched.
fetch_odoo_src() {
    local src="$PR_CACHE_DIR/odoo-18.0-src" archive="$PR_CACHE_DIR/odoo_18.0.latest.tar.gz"
    if is_odoo_src "$src"; then
        echo "$src"
        return 0
    fi
    mkdir -p "$PR_CACHE_DIR"
    pr_info "downloading $PR_ODOO_ARCHIVE_URL"
    # (python rather than curl, which a bare Debian may lack; 20 s timeout
    # per network operation)
    if ! "$PYTHON" - "$PR_ODOO_ARCHIVE_URL" "$archive.part" <<'EOF'; then
import shutil
import sys
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=20) as answer:
        with open(sys.argv[2], "wb") as out:
            shutil.copyfileobj(answer, out)
except Exception as error:  # any network or HTTP error: report it, fail
    sys.exit(f"download failed: {error}")
EOF
        pr_warn "could not download $PR_ODOO_ARCHIVE_URL"
        rm -f "$archive.part"
        return 1
    fi
    mv "$archive.part" "$archive"
    rm -rf "$src.part"
    mkdir -p "$src.part"
    tar -xzf "$archive" -C "$src.part" --strip-components=1
    is_odoo_src "$src.part" || return 1
    mv "$src.part" "$src"
    rm -f "$archive"
    echo "$src"
}

# pip-install Odoo (editable) and its requirements from a source tree.
install_odoo_from() {
    local src="$1"
    pr_info "installing Odoo 18.0 from $src into $PYTHON"
    # Headers for python-ldap and psycopg2 when they build from source.
    apt_install_missing build-essential libldap2-dev libsasl2-dev libpq-dev
    # cbor2 5.4.x does not build with setuptools >= 70: constrain the build
    # environments too (pip passes PIP_CONSTRAINT on to them).
    local constraints="$PR_CACHE_DIR/pip-constraints.txt"
    mkdir -p "$PR_CACHE_DIR"
    echo 'setuptools<70' >"$constraints"
    PIP_CONSTRAINT="$constraints" pip_install -r "$src/requirements.txt"
    # compat mode: Odoo's source tree on sys.path as a plain path entry (a .pth
    # file), so that the odoo.addons namespace also spans
    # site-packages/odoo/addons, where the OCA wheels (odoo-addon-*) install
    PIP_CONSTRAINT="$constraints" pip_install -e "$src" \
        --config-settings editable_mode=compat
    pip_install phonenumbers websocket-client
}

# --- 1. Odoo -------------------------------------------------------------------
if odoo_ok; then
    pr_info "Odoo 18.0 is importable by $PYTHON"
else
    src=""
    if [[ -n "${ODOO_SRC:-}" ]]; then
        is_odoo_src "$ODOO_SRC" ||
            pr_die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo-bin or requirements.txt)"
        src="$(realpath "$ODOO_SRC")"
    else
        src="$(fetch_odoo_src)" || src=""
    fi
    if [[ -z "$src" ]]; then
        pr_die "Odoo 18.0 is not importable by $PYTHON. Set ODOO_SRC=/path/to/odoo-18.0 (a source tree) and run make setup again."
    fi
    install_odoo_from "$src"
    odoo_ok || pr_die "Odoo installed from $src but still not importable by $PYTHON as 18.0"
fi

# An OCA addon installed from PyPI (odoo-addon-*) lands in
# site-packages/odoo/addons: odoo.addons must span it and Odoo's own addons.
pr_info "checking that odoo.addons spans Odoo's addons and site-packages/odoo/addons"
"$PYTHON" "$PR_ROOT/scripts/check_odoo_addons.py" ||
    pr_die "reinstall Odoo: pip uninstall odoo, then make setup (editable, compat mode)"

# --- 2. Debian packages ----------------------------------------------------------
# postgresql-15: the server for the private cluster (scripts/pg.sh);
# chromium: HttpCase tours; wkhtmltopdf: PDF reports; fonts-noto-core: the
# scripts of the convocation letters (Arabic, Ethiopic, Georgian, Bengali…).
apt_install_missing postgresql-15 chromium wkhtmltopdf fonts-noto-core pandoc

# --- 3. development tools --------------------------------------------------------
pr_info "pip install -r requirements-dev.txt"
pip_install -r "$PR_ROOT/requirements-dev.txt"

# --- 4. the websocket (gevent) process of the production mode ----------------------
# gevent 22.10 (Odoo's pin for Python 3.11) finds its plugins with
# pkg_resources, which does not see the metadata of the newer zope.interface
# and zope.event wheels (zope_interface-*.dist-info): the gevent process of
# `make run WORKERS=n` then crash-loops on DistributionNotFound. gevent 24.2.1
# and greenlet 3.0.3, Odoo's own pins for the next Python, read it with
# importlib.metadata.
if ! "$PYTHON" -W ignore -c 'import gevent.monkey; gevent.monkey.patch_all()' >/dev/null 2>&1; then
    pr_info "gevent cannot start (package metadata not found): installing gevent 24.2.1, greenlet 3.0.3"
    pip_install "gevent==24.2.1" "greenlet==3.0.3"
    "$PYTHON" -W ignore -c 'import gevent.monkey; gevent.monkey.patch_all()' ||
        pr_die "gevent still cannot start: the websocket process of the production mode would fail"
fi

pr_info "setup done"
