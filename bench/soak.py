"""Soak test: gunicorn + PostgreSQL on loopback, 50 concurrent clients for 60 seconds browsing, searching and
submitting. Reports requests, errors and latency, then checks that every submission the clients saw accepted is
in the database, and nothing else. Run with `make soak` (not part of `make test`).
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import database_urls, free_port, recreate_database, wait_for_port  # noqa: E402

TOPICS = [
    "digital",
    "housing-and-planning",
    "public-health",
    "climate-change",
    "workforce",
    "adult-social-care",
]
WORDS = ["library", "council", "homes", "digital", "carbon", "care", "young", "transport", "zzzz-none"]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.accepted: list[str] = []
        self.by_kind: dict[str, int] = {}

    def record(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
            if error:
                self.errors.append(f"{kind}: {error}")


def client_loop(base: str, stats: Stats, deadline: float, seed: int) -> None:
    rng = random.Random(seed)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.5:
            query = urllib.parse.urlencode(
                [("topic", t) for t in rng.sample(TOPICS, rng.randint(0, 2))] + [("page", rng.randint(1, 3))]
            )
            kind, url = "browse", f"{base}/case-studies/?{query}"
        elif roll < 0.85:
            kind, url = "search", f"{base}/case-studies/?{urllib.parse.urlencode({'q': rng.choice(WORDS)})}"
        else:
            submit(base, opener, stats, rng)
            continue
        started = time.monotonic()
        try:
            with opener.open(url, timeout=30) as response:
                response.read()
            stats.record(kind, time.monotonic() - started)
        except (urllib.error.URLError, OSError) as error:
            stats.record(kind, time.monotonic() - started, str(error))


def submit(base: str, opener, stats: Stats, rng: random.Random) -> None:
    started = time.monotonic()
    try:
        with opener.open(f"{base}/case-studies/submit/", timeout=30) as response:
            html = response.read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
        title = f"Soak test case study {rng.getrandbits(48):x}"
        data = {
            "csrfmiddlewaretoken": csrf,
            "form_token": token,
            "title": title,
            "lead_council": "WGN",
            "summary": "A short summary of the work.",
            "challenge": "The challenge.",
            "solution": "The solution.",
            "impact": "The impact, with 12 figures.",
            "sustainability": "How it carries on.",
            "lessons": "What we learned.",
            "topics": "digital",
            "contact_name": "Sam Lee",
            "contact_role": "Lead",
            "contact_email": "sam.lee@wigan.example",
            "submitter_name": "Sam Lee",
            "submitter_email": "sam.lee@wigan.example",
            "consent": "on",
        }
        request = urllib.request.Request(
            f"{base}/case-studies/submit/",
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": f"{base}/"},
        )
        with opener.open(request, timeout=30) as response:
            page = response.read().decode()
            final_url = response.geturl()
        if "/case-studies/submit/received/" in final_url and "Your reference is" in page:
            with stats.lock:
                stats.accepted.append(title)
            stats.record("submit", time.monotonic() - started)
        else:
            stats.record("submit", time.monotonic() - started, f"not accepted ({final_url})")
    except (urllib.error.URLError, OSError, AttributeError) as error:
        stats.record("submit", time.monotonic() - started, str(error))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", default="casestudies_soak")
    args = parser.parse_args()
    admin_url, url = database_urls(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"), args.database
    )
    recreate_database(admin_url, args.database)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SUBMISSION_RATE_LIMIT": "1000000",
        "SUBMISSION_MIN_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "EDITOR_EMAILS": "editors@casestudies.example",
        "LOG_LEVEL": "WARNING",
    }
    for command in (["migrate", "-v0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "site_config.wsgi:application",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port)
        before = count_case_studies(url)
        stats = Stats()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client_loop, args=(base, stats, deadline, n)) for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stored = count_case_studies(url) - before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    latencies = sorted(stats.latencies)
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    print(f"clients {args.clients}, {args.seconds} s, gunicorn workers {args.workers}")
    print(f"requests {len(latencies)} ({', '.join(f'{k} {v}' for k, v in sorted(stats.by_kind.items()))})")
    print(f"errors {len(stats.errors)}")
    for error in stats.errors[:10]:
        print(f"  {error}")
    print(
        f"latency p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, max {latencies[-1] * 1000:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms"
    )
    print(f"submissions accepted by the site {len(stats.accepted)}, new case studies stored {stored}")
    recreate_database(admin_url, args.database, drop_only=True)
    ok = not stats.errors and stored == len(stats.accepted)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


def count_case_studies(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM casestudies_casestudy").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
