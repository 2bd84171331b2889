"""Two app servers sharing PostgreSQL and Redis: the app keeps no state of its own.

Marked ``multiserver``; runs only on PostgreSQL with a Redis server on 127.0.0.1:6379 (as in CI).
"""

import http.cookiejar
import os
import re
import socket
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group, User
from django.db import connection

from casestudies.models import CaseStudy
from tests.factories import make_case_study, make_topic
from tests.servers import start_gunicorn, stop

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def redis_available() -> bool:
    parsed = urllib.parse.urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]


def server_env() -> dict:
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "PAGE_CACHE_SECONDS": "300",
        "ALLOWED_HOSTS": "127.0.0.1",
    }


@pytest.fixture
def two_servers():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (two processes share the database)")
    if not redis_available():
        if os.environ.get("REQUIRE_REDIS"):  # CI starts Redis: its absence there is a failure, not a skip
            pytest.fail(f"REQUIRE_REDIS is set but no Redis answers at {REDIS_URL}")
        pytest.skip(f"needs Redis at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    started = [start_gunicorn(server_env()) for _ in range(2)]
    try:
        yield [base for _, base in started]
    finally:
        for server, _ in started:
            stop(server)


def get(opener, url: str) -> tuple[str, str | None]:
    with opener.open(url, timeout=30) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache")


def titles(html: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def csrf_from(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_publish_on_one_server_shows_on_the_cached_list_of_the_other(two_servers):
    server_a, server_b = two_servers
    topic = make_topic("Housing", slug="housing")
    make_case_study("Warm homes", topics=[topic])
    waiting = make_case_study("Empty homes", topics=[topic], status=CaseStudy.Status.SUBMITTED)
    editor = User.objects.create_user("editor", "editor@example.org", is_staff=True)
    # The servers use the production hashers, not the test settings' fast one.
    editor.password = PBKDF2PasswordHasher().encode("a-long-test-password", "servers-salt")
    editor.save(update_fields=["password"])
    editor.groups.add(Group.objects.get(name="Editors"))
    anonymous = urllib.request.build_opener()

    assert titles(get(anonymous, f"{server_b}/case-studies/")[0]) == ["Warm homes"]
    html, cache_state = get(anonymous, f"{server_b}/case-studies/")
    assert (titles(html), cache_state) == (["Warm homes"], "hit")
    assert get(anonymous, f"{server_a}/case-studies/")[1] == "hit"  # server A reads the same cache

    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page, _ = get(browser, f"{server_a}/admin/login/")
    form = {
        "username": "editor",
        "password": "a-long-test-password",
        "csrfmiddlewaretoken": csrf_from(login_page),
    }
    browser.open(
        f"{server_a}/admin/login/?next=/admin/", data=urllib.parse.urlencode(form).encode(), timeout=30
    )
    change_page, _ = get(browser, f"{server_a}/admin/casestudies/casestudy/{waiting.pk}/change/")
    publish = urllib.request.Request(
        f"{server_a}/admin/casestudies/casestudy/{waiting.pk}/publish/",
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": csrf_from(change_page)}).encode(),
        headers={"Referer": f"{server_a}/admin/"},
    )
    with browser.open(publish, timeout=30) as response:
        assert "Published." in response.read().decode()
    waiting.refresh_from_db()
    assert waiting.status == CaseStudy.Status.PUBLISHED

    html, cache_state = get(anonymous, f"{server_b}/case-studies/")
    assert cache_state == "miss"
    assert sorted(titles(html)) == ["Empty homes", "Warm homes"]
    assert sorted(titles(get(anonymous, f"{server_b}/case-studies/topics/housing/")[0])) == [
        "Empty homes",
        "Warm homes",
    ]
