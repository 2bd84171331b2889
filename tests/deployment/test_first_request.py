"""A fresh app process on the embedded default (SQLite) with 10,000 case studies answers its first suggestion and
its first list page within a second each: nothing it builds on its first request (the catalogue index, the
suggestions' title index) takes longer. It once took 2.7 s for the first suggestion (a council lookup that SQLite
ran as one scan per council).
"""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.servers import ROOT

SIZE = 10_000
LIMIT_SECONDS = 1.0
FIRST_REQUESTS = """
import json, time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
timings = {}
for url in ("/case-studies/suggest/?q=lo", "/case-studies/?topic=digital"):
    started = time.perf_counter()
    status = client.get(url).status_code
    timings[url] = (status, time.perf_counter() - started)
print(json.dumps(timings))
"""


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("the embedded default: runs in the SQLite pass of the suite")
    folder = tmp_path_factory.mktemp("first-request")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DEBUG": "0",
        "PAGE_CACHE_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{folder}/catalogue.sqlite3",
    }
    for args in (["migrate", "-v0"], ["load_reference"], ["generate_case_studies", "--count", str(SIZE)]):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
        )
    return env


def test_first_suggestion_and_first_list_page_of_a_fresh_process_within_a_second(catalogue):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", FIRST_REQUESTS],
        cwd=ROOT,
        env=catalogue,
        check=True,
        capture_output=True,
        text=True,
    )
    timings = json.loads(result.stdout.strip().splitlines()[-1])

    assert {url: status for url, (status, _) in timings.items()} == {
        "/case-studies/suggest/?q=lo": 200,
        "/case-studies/?topic=digital": 200,
    }
    assert {url: seconds < LIMIT_SECONDS for url, (_, seconds) in timings.items()} == {
        url: True for url in timings
    }, timings
