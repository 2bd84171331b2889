import pytest
from django.db import connection


@pytest.fixture
def is_postgres(db) -> bool:
    return connection.vendor == "postgresql"
