"""The performance targets (issue 22: twice as fast without the page cache), checked against a benchmark's results.

``python bench/targets.py`` reads bench/results.json and bench/results-sqlite.json and prints each target with what
was measured; ``make bench`` prints the same at its end. Exit status 1 when a target is missed.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# p95 server time in ms, page cache off, at 100,000 case studies on PostgreSQL.
POSTGRES_P95 = {
    "list, no filters": 25,
    "two topics + one support type": 25,
    "page 200+ of the list": 25,
    "topic page": 25,
    "council page": 25,
    "case study page": 12,
    "rare keyword": 40,
    "common keyword (council)": 100,
    "keyword + filters": 100,
    "natural question": 120,
}
POSTGRES_SIZE = 100_000
# At 10,000 case studies on SQLite.
SQLITE_P95 = {"list, no filters (for comparison)": 20, "common keyword (council)": 60}
THROUGHPUT_RATIO = 0.1  # uncached unfiltered list, requests/s relative to the static file
WORKER_RSS_MB = 114


def welsh(name: str) -> str:
    """The scenario of a target's requests on the Welsh pages (issue 23: the same targets in both languages)."""
    return f"{name} (Welsh)"


def rows(postgres: dict, sqlite: dict | None) -> list[tuple[str, str, str, bool]]:
    """(target, limit, measured, met) for every target the results can tell."""
    found = []
    sizes = [int(size) for size in postgres.get("sizes", {})]
    size = max((s for s in sizes if s >= POSTGRES_SIZE), default=None)
    if size is not None:
        entry = postgres["sizes"][str(size)]
        targets = list(POSTGRES_P95.items())
        targets += [
            (welsh(name), limit)
            for name, limit in POSTGRES_P95.items()
            if welsh(name) in entry["server_time"]
        ]
        for name, limit in targets:
            measured = entry["server_time"][name]["p95_ms"]
            found.append(
                (f"{name}, p95, {size:,} on PostgreSQL", f"≤ {limit} ms", f"{measured} ms", measured <= limit)
            )
        list_rps = entry["throughput_no_cache"]["unfiltered list"]
        ratio = list_rps.get("ratio_to_static") or 0
        found.append(
            (
                "uncached list throughput / static file",
                f"≥ {THROUGHPUT_RATIO}",
                f"{ratio}",
                ratio >= THROUGHPUT_RATIO,
            )
        )
        rss = max(entry["throughput_no_cache"]["worker_rss_mb"], default=0)
        found.append(("worker resident memory", f"≤ {WORKER_RSS_MB} MB", f"{rss} MB", rss <= WORKER_RSS_MB))
    if sqlite is not None:
        for name, limit in SQLITE_P95.items():
            measured = sqlite["server_time"][name]["p95_ms"]
            label = f"{name}, p95, {sqlite['size']:,} on SQLite"
            found.append((label, f"≤ {limit} ms", f"{measured} ms", measured <= limit))
    return found


def report(postgres_path: Path, sqlite_path: Path) -> bool:
    postgres = json.loads(postgres_path.read_text()) if postgres_path.exists() else {}
    sqlite = json.loads(sqlite_path.read_text()) if sqlite_path.exists() else None
    found = rows(postgres, sqlite)
    print("\nTargets (issue 22)")
    for target, limit, measured, met in found:
        print(f"  {target:58} {limit:>10} {measured:>10}  {'met' if met else 'MISSED'}")
    if not found:
        print("  nothing to check: no 100,000 run and no SQLite run in the results")
    return bool(found) and all(met for *_, met in found)


if __name__ == "__main__":
    ok = report(ROOT / "bench" / "results.json", ROOT / "bench" / "results-sqlite.json")
    sys.exit(0 if ok else 1)
