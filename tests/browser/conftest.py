"""Real-browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

One browser for the session, a fresh context (cookies, storage, JavaScript on or off) for each test.
Without Chromium every test here skips with one reason, or fails when REQUIRE_BROWSER=1 (see chromium.py).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from .chromium import LAUNCH_ARGS, chromium_or_skip
from .data import Library, make_library

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with a
# running loop unless told that it is safe here (it is: the loop only ever waits for the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Decide before any fixture (the live server, the database) is set up, so that a machine without
    Chromium skips every browser test quickly and with the same single reason."""
    if item.get_closest_marker("browser"):
        chromium_or_skip()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def js_enabled() -> bool:
    """Parametrise a test with ``js_enabled`` to run it with JavaScript off too."""
    return True


@pytest.fixture
def browser_context(browser, live_server, js_enabled):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=js_enabled, viewport=DESKTOP, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


@pytest.fixture
def library(live_server) -> Library:
    return make_library()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """The submission rate limit lives in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
