"""README.rst of the addon from its readme/*.md fragments (make readme).

The layout is that of OCA's ``oca-gen-addon-readme`` (maintainer-tools, not on
PyPI): the manifest's name as title, its maturity and licence badges, the
DESCRIPTION fragment, a table of contents, then Installation, Configuration,
Usage and Credits (authors from the manifest, CONTRIBUTORS). Markdown is
converted by pandoc (Debian's package, installed by ``make setup``), each
fragment's own headings set under its section.

    python3 scripts/readme.py ADDON_DIR            writes ADDON_DIR/README.rst
    python3 scripts/readme.py ADDON_DIR --check    fails if it is out of date
"""

import argparse
import ast
import subprocess
import sys
from pathlib import Path

SECTIONS = (
    ("INSTALL.md", "Installation"),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
)
MATURITY_COLOURS = {
    "Alpha": "red",
    "Beta": "yellow",
    "Production/Stable": "green",
    "Mature": "brightgreen",
}
LICENCES = {
    "AGPL-3": ("AGPL--3", "http://www.gnu.org/licenses/agpl-3.0-standalone.html"),
    "LGPL-3": ("LGPL--3", "http://www.gnu.org/licenses/lgpl-3.0-standalone.html"),
}


def heading(text, underline, overline=False):
    line = underline * len(text)
    return f"{line}\n{text}\n{line}\n" if overline else f"{text}\n{line}\n"


def rst(fragment, shift):
    """The fragment in reStructuredText, its headings ``shift`` levels down.
    The fragments' headings start at ``##``: under a section (``=``) they
    keep their level, under a subsection of Credits they go one down."""
    result = subprocess.run(
        [
            "pandoc",
            "--from=gfm",
            "--to=rst",
            "--wrap=preserve",
            f"--shift-heading-level-by={shift}",
            str(fragment),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() + "\n"


def readme(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    maturity = manifest.get("development_status", "Beta")
    licence, licence_url = LICENCES[manifest["license"]]
    parts = [
        heading(manifest["name"], "=", overline=True),
        f".. |badge1| image:: https://img.shields.io/badge/maturity-"
        f"{maturity.replace('/', '%2F')}-{MATURITY_COLOURS[maturity]}.png\n"
        "    :target: https://odoo-community.org/page/development-status\n"
        f"    :alt: {maturity}\n"
        f".. |badge2| image:: https://img.shields.io/badge/licence-{licence}-blue.png\n"
        f"    :target: {licence_url}\n"
        f"    :alt: License: {manifest['license']}\n",
        "|badge1| |badge2|\n",
        rst(addon / "readme" / "DESCRIPTION.md", 0),
        "**Table of contents**\n\n.. contents::\n   :local:\n",
    ]
    for fragment, title in SECTIONS:
        path = addon / "readme" / fragment
        if path.exists():
            parts += [heading(title, "="), rst(path, 0)]
    parts += [
        heading("Credits", "="),
        heading("Authors", "-"),
        "".join(f"- {author.strip()}\n" for author in manifest["author"].split(",")),
    ]
    contributors = addon / "readme" / "CONTRIBUTORS.md"
    if contributors.exists():
        parts += [heading("Contributors", "-"), rst(contributors, 1)]
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addon", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    target = args.addon / "README.rst"
    text = readme(args.addon)
    if args.check:
        if not target.exists() or target.read_text() != text:
            print(f"{target} is out of date: run 'make readme'", file=sys.stderr)
            return 1
        return 0
    target.write_text(text)
    print(f"{target}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
