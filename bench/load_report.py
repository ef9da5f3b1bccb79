# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Results of `make load` (scripts/load.sh) as one Markdown page.

Reads, in the run directory, each run's locust statistics
(``<run>_stats.csv``), the part of the Odoo log written during the run
(``<run>.odoo.log``) and the workers' memory at its end (``<run>.rss``, kB),
and writes per run and per pair of screens the p50/p95/p99 of ours and of the
native side, the p95 ratio, the failures, the log's WARNING/ERROR lines and
the workers' memory. The last line sums up every run:
``load: <pairs> pairs, worst p95 ratio <x>, failures <n>, log warnings <n>``.
"""

import argparse
import csv
import re
import sys
from datetime import date
from pathlib import Path

TARGET_RATIO = 1.2
LOG_PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")
# Odoo's own noise, named as such and not counted: wkhtmltopdf
NOISE = re.compile(r"wkhtmltopdf", re.IGNORECASE)


def read_stats(path):
    with open(path, encoding="utf-8") as stats:
        return {
            row["Name"]: row
            for row in csv.DictReader(stats)
            if row["Name"] != "Aggregated"
        }


def percentiles(row):
    return [float(row[p]) for p in ("50%", "95%", "99%")]


# the screens every run must have measured (a user whose task fails before
# its first request leaves no row: a run without them is a failed run)
EXPECTED_PAIRS = {
    "list",
    "form",
    "journeys / leads",
    "analysis",
    "SAS occupancy / CRM analysis",
}


def script_errors(path):
    """Exceptions raised in the locust users' own code (bench/load.py), which
    locust does not count as failed requests."""
    if not path.exists():
        return 0
    with open(path, encoding="utf-8") as errors:
        return sum(int(row["Count"]) for row in csv.DictReader(errors))


def run_rows(stats):
    """[(pair, ours p50/p95/p99, native p50/p95/p99, ratio, failures)]."""
    pairs = sorted(name[: -len(": ours")] for name in stats if name.endswith(": ours"))
    rows = []
    for pair in pairs:
        ours, native = stats[f"{pair}: ours"], stats.get(f"{pair}: native")
        failures = int(ours["Failure Count"]) + int(
            native["Failure Count"] if native else 0
        )
        ours_p = percentiles(ours)
        native_p = percentiles(native) if native else None
        ratio = ours_p[1] / native_p[1] if native_p and native_p[1] else None
        rows.append(
            (pair, int(ours["Request Count"]), ours_p, native_p, ratio, failures)
        )
    return rows


def log_problems(path):
    counted, noise = [], 0
    if path.exists():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if LOG_PROBLEM.match(line):
                if NOISE.search(line):
                    noise += 1
                else:
                    counted.append(line)
    return counted, noise


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir")
    parser.add_argument("--out", required=True)
    parser.add_argument("--scale", type=int, required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--time", required=True)
    parser.add_argument("--warmup", default="0")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    run_dir = Path(args.run_dir)
    runs = sorted(
        (p.name[: -len("_stats.csv")] for p in run_dir.glob("*_stats.csv")),
        key=lambda n: (n.endswith("replica-on"), int(n.split("-")[1])),
    )
    if not runs:
        sys.exit(f"no locust statistics in {run_dir}")
    lines = [
        f"# Load — {date.today()}",
        "",
        f"- database: the bench generator's, {args.scale} files; Odoo in prefork, "
        f"{args.workers} HTTP workers, 127.0.0.1 only",
        f"- each run: {args.time} of locust (bench/load.py), counsellors of two "
        "sites, the coordinator and the reader, waiting 1-3 s between screens",
        "- times in ms; ratio = p95 ours / p95 native "
        f"(target ≤ {TARGET_RATIO}); memory: RSS of each worker at the end",
    ]
    if args.note:
        lines.append(f"- note: {args.note}")
    worst, all_failures, all_warnings, n_pairs = 0.0, 0, 0, 0
    for run in runs:
        stats = read_stats(run_dir / f"{run}_stats.csv")
        rows = run_rows(stats)
        problems, noise = log_problems(run_dir / f"{run}.odoo.log")
        rss_file = run_dir / f"{run}.rss"
        rss = (
            [int(v) // 1024 for v in rss_file.read_text().split()]
            if rss_file.exists()
            else []
        )
        users, replica = run.split("-")[1], run.split("-")[3]
        other_failures = sum(
            int(row["Failure Count"])
            for name, row in stats.items()
            if not name.endswith((": ours", ": native"))
        )
        errors = script_errors(run_dir / f"{run}_exceptions.csv")
        missing = sorted(EXPECTED_PAIRS - {row[0] for row in rows})
        failures = sum(row[5] for row in rows) + other_failures + errors + len(missing)
        lines += [
            "",
            f"## {users} users, replica {replica}",
            "",
            "| pair | requests | ours p50 | p95 | p99 | native p50 | p95 | p99 "
            "| p95 ratio | failures |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for pair, count, ours_p, native_p, ratio, pair_failures in rows:
            native_cells = (
                [f"{v:.0f}" for v in native_p] if native_p else ["—", "—", "—"]
            )
            verdict = ""
            if ratio is not None:
                verdict = f"{ratio:.2f} {'ok' if ratio <= TARGET_RATIO else 'MISSED'}"
                worst = max(worst, ratio)
            lines.append(
                f"| {pair} | {count} | "
                + " | ".join(f"{v:.0f}" for v in ours_p)
                + " | "
                + " | ".join(native_cells)
                + f" | {verdict} | {pair_failures} |"
            )
        n_pairs += len(rows)
        all_failures += failures
        all_warnings += len(problems)
        lines += [
            "",
            f"- failures: {failures} (logins and view loads included; "
            f"{errors} errors in the load script; pairs not measured: "
            f"{', '.join(missing) or 'none'})",
            f"- Odoo log: {len(problems)} WARNING/ERROR lines"
            + (
                f" (and {noise} of wkhtmltopdf, Odoo's own, not counted)"
                if noise
                else ""
            ),
            f"- workers' memory (MB): {', '.join(map(str, rss)) or 'not measured'}",
        ]
        for problem in problems[:5]:
            lines.append(f"  - `{problem[:200]}`")
    lines += [
        "",
        f"load: {n_pairs} pairs, worst p95 ratio {worst:.2f}, "
        f"failures {all_failures}, log warnings {all_warnings}",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
