#!/usr/bin/env python3
# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build the addon's wheel the OCA way (whool) and check its metadata.

    python3 scripts/check_wheel.py ADDON_DIR

Builds ``odoo-addon-<addon>`` from ADDON_DIR/pyproject.toml (``pip wheel``,
whool from requirements-dev.txt, no network) and checks: its name; its version
is the manifest's (whool may add a post-release number, ``.N``, counted from
git); it requires ``odoo==<series>.*`` and the manifest's external Python
dependencies; it ships the addon under odoo/addons/<addon>/ with its manifest,
data files, translations and migrations. Prints one line per check; exits 1 on
the first failure.
"""

import ast
import re
import subprocess
import sys
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path


def fail(message):
    sys.exit(f"wheel check FAILED: {message}")


def main(addon_dir):
    addon_dir = Path(addon_dir).resolve()
    name = addon_dir.name
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    version = manifest["version"]
    series = ".".join(version.split(".")[:2])
    with tempfile.TemporaryDirectory() as out:
        build = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps"]
            + ["--no-build-isolation", "--quiet", "--wheel-dir", out, str(addon_dir)],
            capture_output=True,
            text=True,
            check=False,
        )
        if build.returncode:
            fail(f"pip wheel failed:\n{build.stdout}{build.stderr}")
        wheels = list(Path(out).glob("*.whl"))
        if len(wheels) != 1:
            fail(f"expected one wheel, got {[w.name for w in wheels]}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            files = set(wheel.namelist())
            metadata_file = next(f for f in files if f.endswith(".dist-info/METADATA"))
            metadata = Parser().parsestr(wheel.read(metadata_file).decode())
    print(f"built {wheels[0].name}")
    if metadata["Name"] != f"odoo-addon-{name}":
        fail(f"name {metadata['Name']!r}, expected 'odoo-addon-{name}'")
    if not re.fullmatch(re.escape(version) + r"(\.\d+)?", metadata["Version"]):
        fail(f"version {metadata['Version']!r} is not the manifest's {version!r}")
    requires = metadata.get_all("Requires-Dist") or []
    expected = [f"odoo=={series}.*"]
    expected += manifest.get("external_dependencies", {}).get("python", [])
    for requirement in expected:
        if not any(r.replace(" ", "").startswith(requirement) for r in requires):
            fail(f"{requirement!r} missing from Requires-Dist {requires}")
    root = f"odoo/addons/{name}/"
    shipped = [root + "__manifest__.py", root + "i18n/fr.po"]
    shipped += [root + path for path in manifest["data"] + manifest.get("demo", [])]
    shipped += [
        root + str(path.relative_to(addon_dir))
        for path in (addon_dir / "migrations").rglob("*.py")
    ]
    if missing := [path for path in shipped if path not in files]:
        fail(f"files missing from the wheel: {missing}")
    print(f"name {metadata['Name']}, version {metadata['Version']} ({version})")
    print(f"requires {', '.join(requires)}")
    print(f"ships {len(files)} files under {root}, data and migrations included")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
