"""The benchmark: server time, query counts and throughput at 1,000, 10,000 and 100,000 case studies.

Run with `make bench` (or `.venv/bin/python bench/run.py --sizes 1000 10000`). It creates a PostgreSQL database of
its own (dropped at the end unless --keep), fills it with `generate_case_studies`, and at each size measures:
  * the time and memory it takes to build the in-memory catalogue index (casestudies/catalogue.py);
  * server time in-process through the Django test client, with the page cache off (no cache hits), over at
    least 50 distinct requests per scenario: p50, p95 and the number of queries per request (the index is
    built by the warm-up request, as in a running app server); the list pages, the map and the insights page;
  * a CSV export of about 10,000 rows: time and peak memory (tracemalloc);
  * throughput under gunicorn (2 workers, loopback) with wrk, for three pages and a static file of similar
    size served by the same gunicorn and whitenoise, with the page cache off and on.
Results go to bench/results.json and a table on standard output. The search scenarios (a misspelt keyword, the same
keywords spelt right, synonyms, the suggest endpoint) are in bench/search_scenarios.py, which then times FTS5 on a
SQLite database of --sqlite-size case studies (bench/results-sqlite.json).
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
REQUESTS_PER_SCENARIO = 50


def database_urls(base: str, name: str) -> tuple[str, str]:
    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    bench = urlunsplit(parts._replace(path=f"/{name}"))
    return admin, bench


def recreate_database(admin_url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "site_config.settings.dev"
    os.environ["DEBUG"] = "0"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def manage(*args: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, env=env)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def scenarios(rng: random.Random) -> dict[str, list[str]]:
    """At least 50 distinct URLs per scenario."""
    from casestudies.interchange.synthetic import SUBJECTS
    from casestudies.models import CaseStudy, Council, SupportType, Topic

    topics = list(Topic.objects.values_list("slug", flat=True))
    supports = list(SupportType.objects.values_list("slug", flat=True))
    councils = list(
        Council.objects.filter(case_studies__isnull=False).distinct().values_list("code", "name")[:400]
    )
    rng.shuffle(councils)
    slugs = list(CaseStudy.objects.order_by("?").values_list("slug", flat=True)[:REQUESTS_PER_SCENARIO])
    combos = set()
    while len(combos) < REQUESTS_PER_SCENARIO:
        pair = tuple(sorted(rng.sample(topics, 2)))
        combos.add((*pair, rng.choice(supports)))
    rare = [name for _, name in councils if " " not in name and len(name) > 4][:REQUESTS_PER_SCENARIO]
    keyword_filters = set()
    while len(keyword_filters) < REQUESTS_PER_SCENARIO:
        keyword_filters.add((rng.choice(SUBJECTS).split()[0], rng.choice(topics)))
    everything_years = range(2100 - REQUESTS_PER_SCENARIO + 1, 2101)
    feeds = [urlencode({"topic": t}) for t in topics] + [urlencode({"support_type": s}) for s in supports]
    feeds += [urlencode({"topic": a, "support_type": s}) for a, _, s in sorted(combos)]
    from bench.search_scenarios import scenarios as search_scenarios
    from bench.targets import POSTGRES_P95, welsh

    found = {
        "list, no filters": [f"/case-studies/?page={n}" for n in range(1, 51)],
        "two topics + one support type": [
            f"/case-studies/?{urlencode([('topic', a), ('topic', b), ('support_type', s)])}"
            for a, b, s in sorted(combos)
        ],
        "common keyword (council)": [f"/case-studies/?q=council&page={n}" for n in range(1, 51)],
        "rare keyword": [f"/case-studies/?{urlencode({'q': name})}" for name in rare],
        "keyword + filters": [
            f"/case-studies/?{urlencode({'q': q, 'topic': t})}" for q, t in sorted(keyword_filters)
        ],
        "page 200+ of the list": [f"/case-studies/?page={n}" for n in range(200, 250)],
        "topic page": [f"/case-studies/topics/{t}/?page={n}" for n in (1, 2, 3) for t in topics][:50],
        "council page": [f"/councils/{code}/" for code, _ in councils[:REQUESTS_PER_SCENARIO]],
        "case study page": [f"/case-studies/{slug}/" for slug in slugs],
        "Atom feed": [f"/case-studies/feed/?{query}" for query in feeds[:REQUESTS_PER_SCENARIO]],
        # The map and insights count every council, topic, region, year and support type of the search. A year_to
        # far in the future changes nothing but the URL: 50 distinct requests over the whole catalogue.
        "map, whole catalogue": [f"/case-studies/map/?year_to={year}" for year in everything_years],
        "map, one topic, any table order": [
            f"/case-studies/map/?{urlencode({'topic': t, 'order': o})}"
            for t in topics
            for o in ("count", "name", "region")
        ][:REQUESTS_PER_SCENARIO],
        "insights, whole catalogue": [f"/insights/?year_to={year}" for year in everything_years],
        "insights, two topics + one support type": [
            f"/insights/?{urlencode([('topic', a), ('topic', b), ('support_type', s)])}"
            for a, b, s in sorted(combos)
        ],
        "insights, common keyword (council)": [
            f"/insights/?q=council&year_to={year}" for year in everything_years
        ],
        **search_scenarios(rng, topics),
    }
    # The same targets for the Welsh pages (issue 23): each target's requests under /cy/.
    found |= {welsh(name): [f"/cy{url}" for url in found[name]] for name in POSTGRES_P95}
    return found


def measure_server_time(urls_by_scenario: dict[str, list[str]]) -> dict:
    """Each scenario's requests timed in-process. A target's Welsh requests (issue 23) are taken in turn with its
    English ones, URL by URL, so that both languages meet the same moment of the machine and of the database's
    buffers; measured one after the other, one language's p95 could take a disturbance the other missed."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.targets import welsh

    client = Client(HTTP_HOST="127.0.0.1")

    def timed(url: str) -> tuple[float, int, int]:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
        return elapsed, len(captured), response.status_code

    results = {}
    for name, urls in urls_by_scenario.items():
        if name in results:
            continue  # a Welsh scenario, measured with its English one
        partner = welsh(name)
        group = {name: urls} | ({partner: urls_by_scenario[partner]} if partner in urls_by_scenario else {})
        for first in group.values():
            client.get(first[0])  # warm this code path once
        found = {scenario: ([], set(), set()) for scenario in group}
        for position in range(len(urls)):
            order = list(group) if position % 2 == 0 else list(reversed(group))
            for scenario in order:
                times, queries, statuses = found[scenario]
                elapsed, count, status = timed(group[scenario][position])
                times.append(elapsed)
                queries.add(count)
                statuses.add(status)
        for scenario, (times, queries, statuses) in found.items():
            results[scenario] = {
                "requests": len(group[scenario]),
                "distinct": len(set(group[scenario])),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "queries": sorted(queries),
                "statuses": sorted(statuses),
            }
            print(
                f"  {scenario:32} p50 {results[scenario]['p50_ms']:8.1f} ms  "
                f"p95 {results[scenario]['p95_ms']:8.1f} ms  queries {results[scenario]['queries']}",
                flush=True,
            )
    return results


def measure_export() -> dict:
    from django.test import Client

    from casestudies.models import CaseStudy, Topic

    client = Client(HTTP_HOST="127.0.0.1")
    total = CaseStudy.objects.published().count()
    query, rows_expected = "", total
    if total > 12000:  # pick filters that give close to 10,000 rows
        best = None
        for topic in Topic.objects.all():
            n = CaseStudy.objects.published().filter(topics=topic).count()
            if best is None or abs(n - 10000) < abs(best[1] - 10000):
                best = (topic.slug, n)
        query, rows_expected = urlencode({"topic": best[0]}), best[1]
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get(f"/case-studies/export.csv?{query}")
    rows = -1
    for chunk in response.streaming_content:
        rows += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {
        "query": query,
        "rows_expected": rows_expected,
        "seconds": round(elapsed, 2),
        "peak_mb": round(peak / 2**20, 1),
    }
    print(
        f"  CSV export ({query or 'everything'}): ~{rows_expected} rows in {result['seconds']} s, "
        f"peak traced memory {result['peak_mb']} MB",
        flush=True,
    )
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, seconds: float = 30) -> None:
    """Until something listens on the loopback port (the app server has started), for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)


def wrk(url: str, *, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    total_errors = int(errors.group(1)) if errors else 0
    if socket_errors:
        total_errors += sum(int(g) for g in socket_errors.groups())
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    return {"rps": round(rps, 1), "errors": total_errors, "p99": "".join(p99.groups()) if p99 else None}


def warm_up(url: str) -> None:
    """Concurrent requests, so that every worker has its imports, connection and catalogue index ready."""

    def fetch(_):
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(fetch, range(12)))


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master_pid:
                status = (stat.parent / "status").read_text()
                sizes.append(round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1))
        except (OSError, IndexError, ValueError, AttributeError):
            continue
    return sorted(sizes)


def measure_throughput(database_url: str, *, cache_seconds: int, seconds: int, connections: int) -> dict:
    from django.test import Client

    from casestudies.models import CaseStudy, Topic

    slug = CaseStudy.objects.published().order_by("-published_at").values_list("slug", flat=True).first()
    topic = Topic.objects.order_by("order").values_list("slug", flat=True).first()
    pages = {
        "unfiltered list": "/case-studies/",
        "filtered list": f"/case-studies/?topic={topic}",
        "case study": f"/case-studies/{slug}/",
    }
    size = len(Client(HTTP_HOST="127.0.0.1").get("/case-studies/").content)
    static_dir = ROOT / "staticfiles" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "page-sized.html").write_text("<!-- bench -->" + "x" * max(0, size - 14))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.prod",
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DEBUG", None)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "site_config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_port(port)
        results = {}
        for name, path in {**pages, "static file of similar size": "/static/bench/page-sized.html"}.items():
            warm_up(base + path)
            results[name] = wrk(base + path, seconds=seconds, connections=connections)
            print(
                f"  {name:30} {results[name]['rps']:8.1f} req/s  errors {results[name]['errors']}  p99 {results[name]['p99']}",
                flush=True,
            )
        results["worker_rss_mb"] = worker_rss_mb(server.pid)
        print(f"  gunicorn workers' resident memory: {results['worker_rss_mb']} MB", flush=True)
        static = results["static file of similar size"]["rps"]
        for name in pages:
            results[name]["ratio_to_static"] = round(results[name]["rps"] / static, 3) if static else None
        results["page_bytes"] = size
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def measure_index() -> dict:
    """Building the in-memory catalogue index (done by each app process after any change): time and memory."""
    from casestudies.catalogue import index as catalogue

    token = catalogue.current_token("default")
    times = []
    for _ in range(3):
        started = time.perf_counter()
        catalogue.build("default", token)
        times.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    index = catalogue.build("default", token)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    held = sum(
        sys.getsizeof(mask)
        for group in (index.by_topic, index.by_support_type, index.by_region, index.by_council, index.by_year)
        for mask in group.values()
    )
    result = {
        "build_ms_median": round(statistics.median(times), 1),
        "build_peak_mb": round(peak / 2**20, 1),
        "bit_sets_mb": round(held / 2**20, 1),
    }
    print(
        f"  index build {result['build_ms_median']} ms (median of 3), peak traced memory "
        f"{result['build_peak_mb']} MB, bit sets {result['bit_sets_mb']} MB",
        flush=True,
    )
    return result


def explain(database_url: str) -> dict:
    """EXPLAIN ANALYZE of the heaviest search (a keyword matching nearly everything) as casestudies_postings() runs
    it (its plans pinned to the GIN indexes: migration 0013) and as the planner would choose."""
    from django.db import connection, transaction

    sql = (
        "SELECT doc.case_study_id FROM casestudies_searchdocument doc "
        "WHERE doc.full_vector @@ phraseto_tsquery('english', 'council')"
    )
    plans = {}
    for label, pinned in {
        "common keyword, as run (plan pinned)": True,
        "common keyword, planner's choice": False,
    }.items():
        with transaction.atomic(), connection.cursor() as cursor:
            if pinned:
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            cursor.execute(sql)  # warm, as in the server-time runs
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plans[label] = [row[0] for row in cursor.fetchall()]
    return plans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--database", default="casestudies_bench")
    parser.add_argument("--keep", action="store_true", help="Keep the database at the end.")
    parser.add_argument(
        "--reuse", action="store_true", help="Reuse an existing database (skip what is there)."
    )
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument(
        "--sqlite-size",
        type=int,
        default=10000,
        help="Also time FTS5 keyword search on a SQLite database of this many case studies (0: skip).",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    admin_url, bench_url = database_urls(os.environ.get("DATABASE_URL", DEFAULT_SERVER), args.database)
    if not args.reuse:
        recreate_database(admin_url, args.database)
    child_env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
    }
    manage("migrate", "-v0", env=child_env)
    manage("load_reference", env=child_env)
    manage(
        "collectstatic",
        "--noinput",
        "-v0",
        env={
            **child_env,
            "DJANGO_SETTINGS_MODULE": "site_config.settings.prod",
            "SECRET_KEY": "bench-" + "k" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",
        },
    )
    setup_django(bench_url)
    from django.db import connection

    from casestudies.models import CaseStudy

    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "sizes": {},
    }
    try:
        for size in args.sizes:
            have = CaseStudy.objects.published().count()
            if have < size:
                started = time.monotonic()
                manage(
                    "generate_case_studies",
                    "--count",
                    str(size - have),
                    "--seed",
                    str(size),
                    "--batch-size",
                    "2000",
                    env=child_env,
                )
                print(f"filled to {size:,} in {time.monotonic() - started:.0f} s", flush=True)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(f"\n== {size:,} published case studies ==", flush=True)
            rng = random.Random(size)
            entry = {"index": measure_index(), "server_time": measure_server_time(scenarios(rng))}
            entry["csv_export"] = measure_export()
            entry["throughput_no_cache"] = measure_throughput(
                bench_url, cache_seconds=0, seconds=args.wrk_seconds, connections=args.connections
            )
            entry["throughput_cached"] = measure_throughput(
                bench_url, cache_seconds=300, seconds=args.wrk_seconds, connections=args.connections
            )
            entry["explain"] = explain(bench_url)
            report["sizes"][str(size)] = entry
            Path(args.output).write_text(json.dumps(report, indent=2))
    finally:
        connection.close()
        if not args.keep:
            recreate_database(admin_url, args.database, drop_only=True)
    print_table(report)
    print(f"\nResults written to {args.output}")
    if args.sqlite_size:
        print(f"\n== FTS5 on SQLite, {args.sqlite_size:,} case studies ==", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "search_scenarios.py"), "--sqlite", str(args.sqlite_size)],
            cwd=ROOT,
            check=True,
        )
    from bench.targets import report as targets_report

    targets_report(Path(args.output), ROOT / "bench" / "results-sqlite.json")
    return 0


def print_table(report: dict) -> None:
    sizes = list(report["sizes"])
    names = list(report["sizes"][sizes[0]]["server_time"])
    print("\nServer time p50 / p95 in ms (queries per request)")
    print(f"{'scenario':34}" + "".join(f"{int(s):>22,}" for s in sizes))
    for name in names:
        cells = []
        for s in sizes:
            r = report["sizes"][s]["server_time"][name]
            cells.append(f"{r['p50_ms']:.0f} / {r['p95_ms']:.0f} ({','.join(map(str, r['queries']))})")
        print(f"{name:34}" + "".join(f"{c:>22}" for c in cells))
    print("\nThroughput, requests/s (ratio to the static file): no cache | page cache")
    for name in ("unfiltered list", "filtered list", "case study", "static file of similar size"):
        cells = []
        for s in sizes:
            a, b = (
                report["sizes"][s]["throughput_no_cache"][name],
                report["sizes"][s]["throughput_cached"][name],
            )
            ratio = lambda r: f" ({r['ratio_to_static']:.2f})" if r.get("ratio_to_static") is not None else ""  # noqa: E731
            cells.append(f"{a['rps']:.0f}{ratio(a)} | {b['rps']:.0f}{ratio(b)}")
        print(f"{name:30}" + "".join(f"{c:>30}" for c in cells))


if __name__ == "__main__":
    sys.exit(main())
