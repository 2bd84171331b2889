"""Several app processes, each with its own local-memory cache (no Redis), see a change made by any process at once.

Real processes, not a test client: two gunicorn servers and the management shell share a SQLite database file of
their own (the test's database is in memory, or on the PostgreSQL pass a database other processes see mid-test).
Each server caches its pages; an archive, a publication and a synonym made by a third process must show on both
at once, not after the page cache's 300 seconds.
"""

import os
import subprocess
import sys
import urllib.request

import pytest

from tests.servers import ROOT, start_gunicorn, stop

SETUP = """
from datetime import timedelta
from django.utils import timezone
from casestudies.models import CaseStudy
from tests.factories import make_case_study, make_council, make_topic
topic = make_topic("Housing", slug="housing")
council = make_council("Wigan", code="WGN")
make_case_study("Warm homes", slug="warm-homes", topics=[topic], council=council, summary="Zeppelin insulation.")
make_case_study("Empty homes", slug="empty-homes", topics=[topic], council=council,
                status=CaseStudy.Status.SUBMITTED, published_at=None)
"""
ARCHIVE = """
from casestudies.models import CaseStudy
from casestudies.moderation import services
services.archive_case_study(case_study=CaseStudy.objects.get(slug="warm-homes"), actor=None)
"""
PUBLISH = """
from casestudies.models import CaseStudy
from casestudies.moderation import services
services.publish_case_study(case_study=CaseStudy.objects.get(slug="empty-homes"), actor=None)
"""
SYNONYM = """
from casestudies.models import SynonymGroup
SynonymGroup.objects.create(terms="airship\\nempty homes")
"""


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


@pytest.fixture
def servers(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path}/shared.sqlite3",
        "PAGE_CACHE_SECONDS": "300",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage("migrate", "-v0", env=env)
    manage("shell", "-v", "0", "-c", SETUP, env=env)
    started = [start_gunicorn(env) for _ in range(2)]
    yield env, [base for _, base in started]
    for server, _ in started:
        stop(server)


def test_a_change_from_another_process_shows_on_every_server_at_once(servers):
    env, bases = servers
    for base in bases:
        get(f"{base}/case-studies/")
        state, page = get(f"{base}/case-studies/")
        assert state == "hit" and "Warm homes" in page and "Empty homes" not in page

    manage("shell", "-v", "0", "-c", ARCHIVE, env=env)
    for base in bases:
        state, page = get(f"{base}/case-studies/")
        assert (state, "Warm homes" in page) == ("miss", False)

    manage("shell", "-v", "0", "-c", PUBLISH, env=env)
    for base in bases:
        state, page = get(f"{base}/case-studies/")
        assert (state, "Empty homes" in page) == ("miss", True)


def test_a_synonym_added_elsewhere_applies_to_every_servers_cached_search_at_once(servers):
    env, bases = servers
    manage("shell", "-v", "0", "-c", PUBLISH, env=env)
    for base in bases:
        get(f"{base}/case-studies/?q=airship")
        assert "Empty homes" not in get(f"{base}/case-studies/?q=airship")[1]

    manage("shell", "-v", "0", "-c", SYNONYM, env=env)
    for base in bases:
        state, page = get(f"{base}/case-studies/?q=airship")
        assert (state, "Empty homes" in page) == ("miss", True)
