"""Finding Chromium, and skipping or failing without it. Plain unit tests: no browser needed."""

import pytest

from . import chromium, conftest
from .chromium import MISSING, chromium_or_skip, find_chromium


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)


def test_chromium_on_the_path_is_found(monkeypatch):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(chromium.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert find_chromium() == "/usr/bin/chromium"
    assert chromium_or_skip() == "/usr/bin/chromium"


def test_chromium_path_wins_over_the_path(monkeypatch, tmp_path):
    binary = tmp_path / "my-chromium"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(binary))
    monkeypatch.setattr(chromium.shutil, "which", lambda name: "/usr/bin/chromium")
    assert find_chromium() == str(binary)


def test_a_chromium_path_that_is_not_there_counts_as_missing(no_chromium, monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(chromium.shutil, "which", lambda name: "/usr/bin/chromium")
    assert find_chromium() is None


def test_without_chromium_browser_tests_skip_with_one_clear_reason(no_chromium):
    with pytest.raises(pytest.skip.Exception) as skipped:
        chromium_or_skip()
    assert str(skipped.value) == MISSING


@pytest.mark.parametrize("value", ["1", "true"])
def test_without_chromium_require_browser_makes_it_a_failure(no_chromium, monkeypatch, value):
    monkeypatch.setenv("REQUIRE_BROWSER", value)
    with pytest.raises(pytest.fail.Exception) as failure:
        chromium_or_skip()
    assert str(failure.value) == MISSING


def test_require_browser_0_still_skips(no_chromium, monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "0")
    with pytest.raises(pytest.skip.Exception):
        chromium_or_skip()


class FakeItem:
    def __init__(self, *markers: str):
        self.markers = markers

    def get_closest_marker(self, name: str):
        return pytest.mark.browser.mark if name in self.markers else None


def test_every_browser_test_is_skipped_before_its_fixtures(no_chromium):
    """The conftest hook decides for each browser-marked test, before the live server or database is set up."""
    with pytest.raises(pytest.skip.Exception, match=MISSING):
        conftest.pytest_runtest_setup(FakeItem("browser"))
    conftest.pytest_runtest_setup(FakeItem())  # anything else runs as usual


def test_with_require_browser_every_browser_test_fails(no_chromium, monkeypatch):
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match=MISSING):
        conftest.pytest_runtest_setup(FakeItem("browser"))
