#!/usr/bin/env python3
# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Check that the ``odoo.addons`` namespace spans both Odoo's own addons and
site-packages/odoo/addons, where the OCA wheels (odoo-addon-*) install.

That holds when Odoo is installed editable in compat mode (its source tree on
sys.path as a plain path entry, see scripts/setup.sh). The directory
site-packages/odoo/addons is created when no wheel made it yet. Prints the
namespace's directories; exits 1 when one is missing.
"""

import os
import subprocess
import sys
import sysconfig

PROBE = """
import os
import odoo.addons
import odoo.addons.base
print(os.path.dirname(os.path.dirname(odoo.addons.base.__file__)))
print(*odoo.addons.__path__, sep="\\n")
"""


def main():
    site_addons = os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons")
    os.makedirs(site_addons, exist_ok=True)
    # a fresh interpreter: the namespace is computed when odoo is imported
    odoo_addons, *paths = subprocess.check_output(
        [sys.executable, "-c", PROBE], text=True
    ).splitlines()
    paths = {os.path.realpath(path) for path in paths}
    for path in sorted(paths):
        print(f"odoo.addons: {path}")
    expected = {os.path.realpath(odoo_addons), os.path.realpath(site_addons)}
    if missing := sorted(expected - paths):
        sys.exit(
            f"odoo.addons does not span {missing}: install Odoo with "
            "pip install -e <src> --config-settings editable_mode=compat"
        )


if __name__ == "__main__":
    main()
