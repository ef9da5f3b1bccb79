#!/usr/bin/env python3
"""Refresh an addon's i18n files from a freshly exported template.

Usage: merge_po.py EXPORTED_POT ADDON_DIR

* ADDON_DIR/i18n/<module>.pot becomes the exported template (left untouched
  when only its header, i.e. the dates, would change);
* ADDON_DIR/i18n/fr.po gets exactly the template's entries, in its order and
  with its comments and occurrences: translations (msgstr, flags, translator
  comments) of entries with the same (msgctxt, msgid) are kept, new entries
  get an empty msgstr, entries that left the template are dropped.
* every other ADDON_DIR/i18n/<lang>.po (the languages of contact of the
  persons, see check_i18n.py) keeps translating the same objects (a view, a
  mail template, a record…): it gets the template's entries that occur in
  these objects, with only these occurrences; translations are kept, new
  entries get an empty msgstr.
Prints how many French translations are missing, and the other languages'.
"""

import sys
from pathlib import Path

import polib

FRENCH_METADATA = {
    "Language": "fr",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid)


def same_entries(a, b):
    """Same entries, occurrences and comments (headers are not compared)."""

    def summary(pofile):
        return [
            (entry_key(e), e.comment, e.tcomment, sorted(e.occurrences), e.flags)
            for e in pofile
            if not e.obsolete
        ]

    return summary(a) == summary(b)


def objects(entry):
    """The objects an entry occurs in: an occurrence without its line."""
    return {path for path, _line in entry.occurrences}


def merge_partial(template, po_path):
    """Refresh a language of contact: the template's entries of the objects
    the file translates. Returns the number of entries still to translate."""
    old = polib.pofile(str(po_path))
    translated_objects = set().union(*(objects(e) for e in old if not e.obsolete))
    old_entries = {entry_key(e): e for e in old if not e.obsolete}
    new = polib.POFile(wrapwidth=template.wrapwidth)
    new.header = old.header
    new.metadata = dict(old.metadata)
    missing = 0
    for source in template:
        occurrences = [o for o in source.occurrences if o[0] in translated_objects]
        if not occurrences:
            continue
        previous = old_entries.get(entry_key(source))
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgstr=previous.msgstr if previous is not None else "",
            comment=source.comment,
            tcomment=previous.tcomment if previous is not None else "",
            occurrences=occurrences,
            flags=list(source.flags),
        )
        if not entry.msgstr.strip():
            missing += 1
        new.append(entry)
    if not (
        same_entries(new, old) and [e.msgstr for e in new] == [e.msgstr for e in old]
    ):
        new.save(str(po_path))
        print(f"{po_path}: written ({len(new)} terms)")
    return missing


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    exported_path, addon_dir = Path(argv[1]), Path(argv[2])
    module = addon_dir.resolve().name
    i18n_dir = addon_dir / "i18n"
    i18n_dir.mkdir(exist_ok=True)
    pot_path = i18n_dir / f"{module}.pot"
    po_path = i18n_dir / "fr.po"

    template = polib.pofile(str(exported_path))

    # --- the template -------------------------------------------------------
    if pot_path.is_file() and same_entries(template, polib.pofile(str(pot_path))):
        print(f"{pot_path}: up to date ({len(template)} terms)")
    else:
        template.save(str(pot_path))
        print(f"{pot_path}: written ({len(template)} terms)")

    # --- French -------------------------------------------------------------
    old = polib.pofile(str(po_path)) if po_path.is_file() else None
    old_entries = {entry_key(e): e for e in old or [] if not e.obsolete}

    french = polib.POFile(wrapwidth=template.wrapwidth)
    french.header = template.header
    if old is not None:
        french.metadata = dict(old.metadata)
    else:
        french.metadata = dict(template.metadata)
        french.metadata.update(FRENCH_METADATA)
    french.metadata.update(
        {k: v for k, v in template.metadata.items() if k == "Project-Id-Version"}
    )

    kept = added = missing = 0
    for source in template:
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgstr="",
            comment=source.comment,
            occurrences=list(source.occurrences),
            flags=list(source.flags),
        )
        previous = old_entries.get(entry_key(source))
        if previous is not None:
            entry.msgstr = previous.msgstr
            entry.tcomment = previous.tcomment
            entry.flags = list(dict.fromkeys(source.flags + previous.flags))
            kept += 1
        else:
            added += 1
        if not entry.msgstr.strip() or "fuzzy" in entry.flags:
            missing += 1
        french.append(entry)
    dropped = len(set(old_entries) - {entry_key(e) for e in template})

    if (
        old is not None
        and same_entries(french, old)
        and [e.msgstr for e in french] == [e.msgstr for e in old if not e.obsolete]
    ):
        print(f"{po_path}: up to date")
    else:
        french.save(str(po_path))
        print(f"{po_path}: written ({kept} kept, {added} new, {dropped} dropped)")

    if missing:
        print(
            f"fr.po: {missing} of {len(template)} terms still need a French translation"
        )
    else:
        print(f"fr.po: all {len(template)} terms are translated")

    # --- languages of contact ----------------------------------------------
    for other_path in sorted(i18n_dir.glob("*.po")):
        if other_path.name != "fr.po":
            missing = merge_partial(template, other_path)
            if missing:
                print(f"{other_path.name}: {missing} terms still need a translation")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
