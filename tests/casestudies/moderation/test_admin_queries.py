"""The admin's case study list costs the same number of queries however many case studies it shows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.casestudies.submission_helpers import make_editor, make_submitted

pytestmark = pytest.mark.django_db


def changelist_queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [1, 30])
def test_admin_changelist_query_count(size):
    """Session, user, the user's and the group's permissions, the topic and support-type filters, the two counts
    (filtered and total), the page of rows with their councils (list_select_related), the region and nation
    filters: 11, for one case study or a full page of them (status shown from the row, no query per row)."""
    client = Client()
    client.force_login(make_editor())
    soon = timezone.now() + timedelta(days=2)
    for n in range(size):
        status = ["submitted", "published", "changes_requested"][n % 3]
        make_submitted(f"Case study {n}", status=status, published_at=soon if status == "published" else None)

    assert changelist_queries(client, "/admin/casestudies/casestudy/?status=all") == 11
