import importlib
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from casestudies.models import CaseStudy, Topic, unique_slug
from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db


def test_published_keeps_only_published_rows_with_a_date():
    make_case_study("Published", status=CaseStudy.Status.PUBLISHED)
    for status in ("draft", "submitted", "rejected", "archived"):
        make_case_study(f"Was {status}", status=status, published_at=datetime(2024, 1, 1, tzinfo=UTC))
    undated = make_case_study("Published, no date")
    CaseStudy.objects.filter(pk=undated.pk).update(published_at=None)

    assert [cs.title for cs in CaseStudy.objects.published()] == ["Published"]


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "archived"])
def test_published_excludes_status(status):
    make_case_study(f"Was {status}", status=status, published_at=datetime(2024, 1, 1, tzinfo=UTC))

    assert CaseStudy.objects.count() == 1
    assert CaseStudy.objects.published().count() == 0


def test_published_excludes_published_status_without_published_at():
    case_study = make_case_study("No date yet")
    CaseStudy.objects.filter(pk=case_study.pk).update(published_at=None)

    assert CaseStudy.objects.filter(status=CaseStudy.Status.PUBLISHED).count() == 1
    assert CaseStudy.objects.published().count() == 0


def test_default_ordering_is_newest_first_then_highest_id():
    make_case_study("Old", published_at=datetime(2020, 1, 1, tzinfo=UTC))
    make_case_study("Tie A", published_at=datetime(2023, 6, 1, tzinfo=UTC))
    make_case_study("Tie B", published_at=datetime(2023, 6, 1, tzinfo=UTC))
    make_case_study("New", published_at=datetime(2025, 1, 1, tzinfo=UTC))

    assert [cs.title for cs in CaseStudy.objects.published()] == ["New", "Tie B", "Tie A", "Old"]


def test_sections_are_headings_and_text_in_reading_order():
    case_study = make_case_study(
        challenge="C1", solution="S2", impact="I3", sustainability="H4", lessons="L5"
    )

    assert case_study.sections == [
        ("The challenge", "C1"),
        ("The solution", "S2"),
        ("The impact", "I3"),
        ("How the approach is being sustained", "H4"),
        ("Lessons learned", "L5"),
    ]


def test_case_study_get_absolute_url_is_detail_page():
    case_study = make_case_study(slug="warm-homes-wigan")

    assert case_study.get_absolute_url() == "/case-studies/warm-homes-wigan/"


def test_topic_get_absolute_url_is_topic_page():
    topic = make_topic("Public health", slug="public-health")

    assert topic.get_absolute_url() == "/case-studies/topics/public-health/"


def test_reference_data_orders_by_order_then_name():
    make_topic("Beta", order=2)
    make_topic("Gamma", order=1)
    make_topic("Alpha", order=2)

    assert [t.name for t in Topic.objects.all()] == ["Gamma", "Alpha", "Beta"]


def test_str_is_the_name_or_title():
    assert str(make_topic("Digital")) == "Digital"
    assert str(make_support_type("Peer challenge")) == "Peer challenge"
    assert str(make_council("Wigan")) == "Wigan"
    assert str(make_case_study("Warm homes")) == "Warm homes"


def test_unique_slug_for_title_without_letters_is_case_study():
    assert unique_slug("!!! ???") == "case-study"


@pytest.mark.parametrize("title", ["Map", "Suggest", "feed", "Submit", "topics", "Export"])
def test_unique_slug_never_takes_a_page_under_case_studies(title):
    """/case-studies/map/ (and the other pages there) would shadow a case study with that slug."""
    assert unique_slug(title) == f"{title.lower()}-case-study"


def test_a_case_study_titled_map_is_not_shadowed_by_the_map_page(client):
    case_study = make_case_study("Map", slug=unique_slug("Map"))

    response = client.get(case_study.get_absolute_url())

    assert case_study.slug == "map-case-study"
    assert response.status_code == 200
    assert b"<h1" in response.content and b"Map</h1>" in response.content


def test_migration_0012_moves_a_case_study_already_at_the_map_slug_to_a_free_one():
    """Before "map" was reserved a case study could have taken it; the migration moves it where it can be read."""
    migration = importlib.import_module("casestudies.migrations.0012_council_location")
    shadowed = make_case_study("Map", slug="map")
    make_case_study("Map too", slug="map-case-study")
    untouched = make_case_study("Mapping", slug="mapping")

    migration.free_the_map_slug(django_apps, SimpleNamespace(connection=connection))

    assert CaseStudy.objects.get(pk=shadowed.pk).slug == "map-case-study-2"
    assert CaseStudy.objects.get(pk=untouched.pk).slug == "mapping"
