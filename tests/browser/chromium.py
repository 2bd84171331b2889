"""Finding Chromium for the browser tests, and what to do when it is missing.

Kept apart from the fixtures so that the decision (skip, or fail under ``REQUIRE_BROWSER=1``) is unit-tested.
"""

import os
import shutil

import pytest

MISSING = "Chromium not found: install the Debian package chromium or set CHROMIUM_PATH"

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_chromium() -> str | None:
    """CHROMIUM_PATH when set (it must be an executable file), else ``chromium`` on the PATH."""
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    return shutil.which("chromium")


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def chromium_or_skip() -> str:
    """The path to Chromium; without it, skip (or fail when ``REQUIRE_BROWSER=1``) with one clear reason."""
    path = find_chromium()
    if path is None:
        if browser_required():
            pytest.fail(MISSING, pytrace=False)
        pytest.skip(MISSING)
    return path
