#!/usr/bin/env python3
"""Check an addon's committed translations against a freshly exported template.

Usage: check_i18n.py EXPORTED_POT ADDON_DIR

EXPORTED_POT is the template Odoo just exported from a database where the
addon is installed (scripts/test.sh does that). The check fails when
  * ADDON_DIR/i18n/<module>.pot differs from it: another set of entries
    (msgctxt, msgid) or other occurrences (#: lines) for an entry; the header
    (dates, Odoo version) is ignored;
  * ADDON_DIR/i18n/fr.po lacks a translation: every entry of the template needs
    a non-empty, non-fuzzy msgstr, and fr.po has no entry the template lacks;
  * another ADDON_DIR/i18n/<lang>.po (a language of contact of the persons:
    it translates only what they read, the convocations) has an entry or an
    occurrence the template lacks, or misses a term of an object it translates
    (a view, a mail template, a record…), or leaves one empty or fuzzy.
The fix is `make i18n` (refresh the files) and then translating the new terms.
"""

import sys
from pathlib import Path

import polib

MAX_LISTED = 25  # entries listed per kind of problem


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid)


def describe(key):
    msgctxt, msgid = key
    text = msgid if len(msgid) <= 70 else msgid[:67] + "..."
    text = text.replace("\n", "\\n")
    return f'msgctxt "{msgctxt}" msgid "{text}"' if msgctxt else f'msgid "{text}"'


def entries_by_key(pofile):
    """Live (non-obsolete) entries of a polib file, by (msgctxt, msgid)."""
    return {entry_key(e): e for e in pofile if not e.obsolete}


def occurrences(entry):
    return {f"{path}:{line}" if line else path for path, line in entry.occurrences}


def report(title, items):
    """Print a list of problems under a title; return whether there were any."""
    if not items:
        return False
    print(f"  {title} ({len(items)}):")
    for item in items[:MAX_LISTED]:
        print(f"    - {item}")
    if len(items) > MAX_LISTED:
        print(f"    ... and {len(items) - MAX_LISTED} more")
    return True


def check_template(exported, committed_path):
    print(f"i18n: {committed_path} against the exported template")
    if not committed_path.is_file():
        print(f"  {committed_path} is missing")
        return False
    committed = entries_by_key(polib.pofile(str(committed_path)))
    new = sorted(set(exported) - set(committed))
    gone = sorted(set(committed) - set(exported))
    moved = []
    for key in sorted(set(exported) & set(committed)):
        now, before = occurrences(exported[key]), occurrences(committed[key])
        if now != before:
            changes = [f"+{o}" for o in sorted(now - before)]
            changes += [f"-{o}" for o in sorted(before - now)]
            moved.append(f"{describe(key)}: {', '.join(changes)}")
    bad = report("terms missing from the committed template", list(map(describe, new)))
    bad |= report(
        "terms in the committed template that no longer exist",
        list(map(describe, gone)),
    )
    bad |= report("terms whose occurrences changed", moved)
    if not bad:
        print(f"  OK: {len(exported)} terms, same as the committed template")
    return not bad


def check_french(exported, po_path):
    print(f"i18n: {po_path} translates every term of the template")
    if not po_path.is_file():
        print(f"  {po_path} is missing")
        return False
    french = entries_by_key(polib.pofile(str(po_path)))
    missing, untranslated, fuzzy = [], [], []
    for key in sorted(exported):
        entry = french.get(key)
        if entry is None:
            missing.append(describe(key))
        elif not entry.msgstr.strip():
            untranslated.append(describe(key))
        elif "fuzzy" in entry.flags:
            fuzzy.append(describe(key))
    extra = [describe(k) for k in sorted(set(french) - set(exported))]
    bad = report("terms missing from fr.po", missing)
    bad |= report("terms with an empty msgstr", untranslated)
    bad |= report("fuzzy translations (check them, then remove the fuzzy flag)", fuzzy)
    bad |= report("entries of fr.po that are not in the template", extra)
    if not bad:
        print(f"  OK: {len(exported)} terms translated")
    return not bad


def check_contact_language(exported, po_path):
    print(f"i18n: {po_path} translates every term of the objects it translates")
    entries = entries_by_key(polib.pofile(str(po_path)))
    translated = set()
    for entry in entries.values():
        translated |= {path for path, _line in entry.occurrences}
    unknown, moved, missing, untranslated = [], [], [], []
    for key, entry in sorted(entries.items()):
        if key not in exported:
            unknown.append(describe(key))
        elif not occurrences(entry) <= occurrences(exported[key]):
            moved.append(describe(key))
        elif not entry.msgstr.strip() or "fuzzy" in entry.flags:
            untranslated.append(describe(key))
    for key, entry in sorted(exported.items()):
        wanted = {
            f"{path}:{line}" if line else path
            for path, line in entry.occurrences
            if path in translated
        }
        if wanted and (key not in entries or not wanted <= occurrences(entries[key])):
            missing.append(describe(key))
    bad = report("entries that are not in the template", unknown)
    bad |= report("occurrences that are not in the template", moved)
    bad |= report("terms of a translated object missing", missing)
    bad |= report("empty or fuzzy translations", untranslated)
    if not bad:
        print(f"  OK: {len(entries)} terms translated")
    return not bad


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    exported_path, addon_dir = Path(argv[1]), Path(argv[2])
    module = addon_dir.resolve().name
    exported = entries_by_key(polib.pofile(str(exported_path)))
    ok = check_template(exported, addon_dir / "i18n" / f"{module}.pot")
    ok &= check_french(exported, addon_dir / "i18n" / "fr.po")
    for po_path in sorted((addon_dir / "i18n").glob("*.po")):
        if po_path.name != "fr.po":
            ok &= check_contact_language(exported, po_path)
    if not ok:
        print(
            "i18n check FAILED: run 'make i18n' to refresh the template and fr.po, "
            "then fill in the French translations."
        )
        return 1
    print("i18n check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
