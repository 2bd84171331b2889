import pytest

from tests.factories import make_case_study

pytestmark = pytest.mark.django_db


def test_list_shows_published_case_study_title(client):
    make_case_study("Warm homes for Wigan")
    response = client.get("/case-studies/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1
    assert "Warm homes for Wigan" in response.content.decode()
