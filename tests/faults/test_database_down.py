"""The database goes away and comes back: friendly 503s that answer quickly, then recovery without a restart.

Uses a throwaway PostgreSQL cluster made here with initdb and run with pg_ctl on a free port, so the shared server
is never touched. Needs root (to run initdb as the postgres user) and PostgreSQL's server binaries.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.servers import free_port, start_gunicorn, stop

ROOT = Path(__file__).resolve().parents[2]


def server_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def as_postgres(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def throwaway_cluster():
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass of the suite")
    bin_dir = server_bin()
    if bin_dir is None or os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("needs root, runuser and PostgreSQL's server binaries")
    base = Path(tempfile.mkdtemp(prefix="pg-fault-"))
    data = base / "data"
    shutil.chown(base, "postgres", "postgres")
    port = free_port()
    result = as_postgres(
        str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"
    )
    assert result.returncode == 0, result.stderr

    def pg_ctl(action: str) -> None:
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        args = [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(base / "log"),
            "-o",
            options,
            action,
        ]
        if action == "stop":
            args += ["-m", "fast"]
        outcome = as_postgres(*args)
        assert outcome.returncode == 0, outcome.stdout + outcome.stderr

    pg_ctl("start")
    try:
        yield {"url": f"postgres://postgres@127.0.0.1:{port}/postgres", "pg_ctl": pg_ctl}
    finally:
        as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


def fetch(url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


def test_database_outage_gives_503_quickly_and_the_site_recovers(throwaway_cluster):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DATABASE_URL": throwaway_cluster["url"],
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    for command in (["migrate", "-v0"], ["load_reference"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    server, base = start_gunicorn(env, log_level="critical")
    try:
        status, html, _ = fetch(f"{base}/case-studies/")
        assert status == 200
        assert "There are <strong>0</strong> results" in html

        throwaway_cluster["pg_ctl"]("stop")
        down = [
            fetch(f"{base}/case-studies/"),
            fetch(f"{base}/case-studies/topics/digital/"),
            fetch(f"{base}/readyz"),
        ]
        assert [status for status, _, _ in down] == [503, 503, 503]
        assert "Sorry, the service is unavailable" in down[0][1]
        assert "Traceback" not in down[0][1]
        assert max(seconds for _, _, seconds in down) < 5
        assert fetch(f"{base}/healthz")[0] == 200

        throwaway_cluster["pg_ctl"]("start")
        status, html, _ = fetch(f"{base}/case-studies/")
        assert status == 200
        assert "There are <strong>0</strong> results" in html
        assert fetch(f"{base}/readyz")[:2] == (200, "ready\n")
    finally:
        stop(server)
