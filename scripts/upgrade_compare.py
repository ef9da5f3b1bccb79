# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rows and values of a database before and after an upgrade of the addon.

Used by scripts/upgrade_test.sh::

    upgrade_compare.py snapshot OUT.json        (the previous release's names)
    upgrade_compare.py compare BEFORE.json --migrations DIR --from-version V

``tables`` (for backups) prints the row count and a checksum of the rows of
every table of the database, as JSON; ``same-tables A B`` compares two such
outputs.

``snapshot`` reads, with the PG* variables of the environment, every row of
the tables of MODELS (people, journeys, placements, immersions, hires,
consents, logs…) and every column but the technical ones, and the pairs of
every many2many relation table of these models and of the addon's own
(languages, sectors, partner types, recipients of messages…). ``compare``
reads the same tables after the upgrade, under their new names, and fails on
any row lost, any value changed and any pair of a relation lost; rows and
pairs added by the upgrade (new data, messages the new code posts) are
listed, not refused. The new names come from the migration scripts
themselves (migrations/<version>/*.py newer than the previous release):
their ``MODELS`` list of (old model, new model, …) and their ``FIELDS`` list
of (model, table, old field, new field), the lists the scripts rename with;
a script may also declare ``CHANGED_FIELDS``, the (model, field) whose values
it changes on purpose. Columns that only exist after the upgrade are new
fields: listed, not compared.
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import psycopg2
from psycopg2 import sql

# the models whose rows must survive an upgrade, by their names in the
# previous release
MODELS = [
    "res.partner",
    "refugee.beneficiary",
    "refugee.journey",
    "refugee.siae.placement",
    "refugee.immersion",
    "refugee.hire",
    "refugee.hire.followup",
    "refugee.consent",
    "refugee.sensitive.access.log",
    "refugee.fle.training",
    "refugee.language.assessment",
    "refugee.diagnostic",
    "refugee.interview",
    "refugee.barrier",
    "refugee.enrolment",
    "refugee.deadline",
    "event.registration",
    "mail.message",
    "mail.tracking.value",
]
# written by every write, whatever the upgrade
TECHNICAL_COLUMNS = {"write_date", "write_uid"}


def table_of(model):
    return model.replace(".", "_")


def read_table(cr, table):
    """{id: {column: value}} of ``table`` (values as JSON text)."""
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = %s""",
        [table],
    )
    columns = sorted(row[0] for row in cr.fetchall())
    if not columns:
        return None
    cr.execute(
        sql.SQL("SELECT {} FROM {}").format(
            sql.SQL(", ").join(
                sql.SQL("to_jsonb({})::text").format(sql.Identifier(c)) for c in columns
            ),
            sql.Identifier(table),
        )
    )
    rows = {}
    for values in cr.fetchall():
        row = dict(zip(columns, values, strict=True))
        rows[int(row["id"])] = row
    return rows


def table_checksums(cr):
    """{table: [row count, md5 of its rows]} of every table of the database."""
    cr.execute(
        """SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         ORDER BY table_name"""
    )
    checksums = {}
    for (table,) in cr.fetchall():
        cr.execute(
            sql.SQL(
                "SELECT COUNT(*), md5(COALESCE(string_agg(t::text, '|' "
                "ORDER BY t::text), '')) FROM {} t"
            ).format(sql.Identifier(table))
        )
        checksums[table] = list(cr.fetchone())
    return checksums


def relation_fields(cr, models):
    """{(model, field): (relation table, column1, column2)} of the stored
    many2many fields of ``models`` and of the addon's models (``refugee.*``,
    wizards aside), one field per relation table."""
    cr.execute(
        """SELECT f.model, f.name, f.relation_table, f.column1, f.column2
             FROM ir_model_fields f
             JOIN ir_model m ON m.id = f.model_id
            WHERE f.ttype = 'many2many' AND f.store
              AND f.relation_table IS NOT NULL AND NOT m.transient
              AND (f.model = ANY(%s) OR f.model LIKE 'refugee.%%')
         ORDER BY f.model, f.name""",
        [list(models)],
    )
    relations, tables = {}, set()
    for model, name, table, column1, column2 in cr.fetchall():
        if table not in tables:
            tables.add(table)
            relations[model, name] = (table, column1, column2)
    return relations


def read_pairs(cr, table, column1, column2):
    """The (record, related record) pairs of a relation table, sorted."""
    cr.execute(
        sql.SQL("SELECT {}, {} FROM {}").format(
            sql.Identifier(column1), sql.Identifier(column2), sql.Identifier(table)
        )
    )
    return sorted([int(first), int(second)] for first, second in cr.fetchall())


def snapshot(cr):
    return {
        "models": {model: read_table(cr, table_of(model)) for model in MODELS},
        "relations": [
            [model, field, read_pairs(cr, *relation)]
            for (model, field), relation in relation_fields(cr, MODELS).items()
        ],
    }


def migration_renames(migrations, from_version):
    """Renames and declared changes of the migration scripts newer than
    ``from_version``: ({old model: new model}, {(new model, old field): new
    field}, {(new model, field)} changed on purpose)."""
    models, fields, changed = {}, {}, set()

    def version_key(version):
        return tuple(int(part) for part in version.split("."))

    directory = Path(migrations)
    scripts = []
    if directory.is_dir():
        for version_dir in sorted(directory.iterdir(), key=lambda p: p.name):
            if version_dir.is_dir() and version_key(version_dir.name) > version_key(
                from_version
            ):
                scripts += sorted(version_dir.glob("*.py"))
    for script in scripts:
        spec = importlib.util.spec_from_file_location(
            f"migration_{script.stem}", script
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for old, new, *_rest in getattr(module, "MODELS", []):
            models[old] = new
        for model, _table, old, new in getattr(module, "FIELDS", []):
            fields[model, old] = new
        changed.update(getattr(module, "CHANGED_FIELDS", []))
    return models, fields, changed, scripts


def compare_relations(before, cr, models, fields):
    """Every pair of the many2many relations of ``before`` (a snapshot's
    ``relations``) kept, under the new names of the model and field."""
    problems, summary = [], []
    after = relation_fields(cr, {models.get(model, model) for model, *_ in before})
    for old_model, old_field, old_pairs in before:
        model = models.get(old_model, old_model)
        field = fields.get((model, old_field), old_field)
        name = f"{old_model}.{old_field}"
        if (model, field) != (old_model, old_field):
            name += f" -> {model}.{field}"
        relation = after.get((model, field))
        if relation is None:
            problems.append(f"{name}: the many2many field is gone")
            continue
        pairs = {tuple(pair) for pair in read_pairs(cr, *relation)}
        old = {tuple(pair) for pair in old_pairs}
        lost = sorted(old - pairs)
        if lost:
            problems.append(f"{name}: {len(lost)} pairs lost ({lost[:10]})")
        added = len(pairs - old)
        summary.append(
            f"{name} ({relation[0]}): {len(old)} pairs"
            + (f"; {added} pairs added" if added else "")
        )
    return summary, problems


def compare(snapshot_before, cr, migrations, from_version):
    models, fields, changed, scripts = migration_renames(migrations, from_version)
    print(f"migration scripts read: {', '.join(map(str, scripts)) or 'none'}")
    before = snapshot_before["models"]
    summary, problems = compare_relations(
        snapshot_before["relations"], cr, models, fields
    )
    for old_model, old_rows in before.items():
        if old_rows is None:
            continue  # not a table of the previous release
        model = models.get(old_model, old_model)
        rows = read_table(cr, table_of(model))
        if rows is None:
            problems.append(f"{old_model}: table {table_of(model)} is gone")
            continue
        renamed = {}
        if rows:
            new_columns = set(next(iter(rows.values())))
        else:
            new_columns = set()
        old_columns = set(next(iter(old_rows.values()))) if old_rows else set()
        for column in old_columns:
            renamed[column] = fields.get((model, column), column)
        gone = sorted(
            c for c, n in renamed.items() if new_columns and n not in new_columns
        )
        for column in gone:
            problems.append(f"{model}: column {column} is gone")
        added = sorted(new_columns - set(renamed.values()))
        lost = sorted(set(old_rows) - set(rows))
        extra = sorted(set(rows) - set(old_rows))
        if lost:
            problems.append(f"{model}: {len(lost)} rows lost (ids {lost[:10]})")
        differences = 0
        for id_, old_row in old_rows.items():
            row = rows.get(id_)
            if row is None:
                continue
            for column, value in old_row.items():
                new_column = renamed[column]
                if (
                    column in TECHNICAL_COLUMNS
                    or new_column not in row
                    or (model, new_column) in changed
                ):
                    continue
                if row[new_column] != value:
                    differences += 1
                    if differences <= 10:
                        problems.append(
                            f"{model} id {id_}: {new_column} was {value}, "
                            f"is {row[new_column]}"
                        )
        if differences > 10:
            problems.append(f"{model}: {differences} values changed in all")
        name = model if model == old_model else f"{old_model} -> {model}"
        summary.append(
            f"{name}: {len(old_rows)} rows, {len(old_columns)} columns compared"
            + (f"; new columns {', '.join(added)}" if added else "")
            + (f"; {len(extra)} rows added (ids {extra[:10]})" if extra else "")
        )
    return summary, problems


def same_tables(first, second):
    with open(first, encoding="utf-8") as one, open(second, encoding="utf-8") as two:
        before, after = json.load(one), json.load(two)
    problems = [
        f"{table}: {before.get(table)} then {after.get(table)}"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]
    if problems:
        print("tables differ:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    rows = sum(count for count, _md5 in before.values())
    print(f"same tables: {len(before)} tables, {rows} rows, same checksums")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out")
    tables = sub.add_parser("tables")
    tables.add_argument("out")
    same = sub.add_parser("same-tables")
    same.add_argument("first")
    same.add_argument("second")
    comp = sub.add_parser("compare")
    comp.add_argument("before")
    comp.add_argument("--migrations", required=True)
    comp.add_argument("--from-version", required=True)
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.command == "same-tables":
        return same_tables(args.first, args.second)
    with psycopg2.connect(dbname=args.db) as cnx, cnx.cursor() as cr:
        if args.command == "tables":
            with open(args.out, "w", encoding="utf-8") as out:
                json.dump(table_checksums(cr), out)
            return 0
        if args.command == "snapshot":
            data = snapshot(cr)
            with open(args.out, "w", encoding="utf-8") as out:
                json.dump(data, out)
            counts = {m: len(rows or {}) for m, rows in data["models"].items()}
            pairs = sum(len(pairs) for *_names, pairs in data["relations"])
            print(
                f"snapshot: {sum(counts.values())} rows of {len(counts)} models, "
                f"{pairs} pairs of {len(data['relations'])} many2many relations"
            )
            return 0
        with open(args.before, encoding="utf-8") as before_file:
            before = json.load(before_file)
        before["models"] = {
            model: rows and {int(k): v for k, v in rows.items()}
            for model, rows in before["models"].items()
        }
        summary, problems = compare(before, cr, args.migrations, args.from_version)
    print("\n".join(summary))
    if problems:
        print("upgrade-test FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(
        f"upgrade-test: {len(summary)} models and many2many relations, every row, "
        "value and pair kept"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
