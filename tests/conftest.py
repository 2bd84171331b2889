import os

import pytest
from django.db import connection
from hypothesis import settings as hypothesis_settings

# In CI the property tests replay the same examples every run, so a submission's result does not depend on luck;
# locally they explore new ones each time.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture
def is_postgres(db) -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _editors_group_survives_flushes(request):
    """Tests on a flushed database (live_server, transactional_db) still have the migration-made Editors group."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        from casestudies.moderation.editors import ensure_editors_group

        ensure_editors_group()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Uploaded files go to a folder of the test's own, never the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _search_counts_start_empty():
    """Search counts held in memory belong to the test that made them."""
    from casestudies.catalogue import bestbets, searchlog

    searchlog.discard()
    bestbets.forget()
    yield
    searchlog.discard()


@pytest.fixture(autouse=True)
def _language_put_back():
    """A test that activates a language (``translation.activate``) does not leave it active for the next one."""
    from django.utils import translation

    yield
    translation.deactivate()
