import pytest
from django.db import connection


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
        from casestudies.permissions import ensure_editors_group

        ensure_editors_group()
