"""The title index of the suggestions (casestudies/search/typeahead.py): brought up to date from itself when one
case study changes, built again only when the changes are many or do not add up."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casestudies.models import CaseStudy
from casestudies.moderation import services
from casestudies.search import typeahead
from tests.factories import make_case_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Every full build of the index, counted."""
    made = []
    original = typeahead.build

    def counting(using, token):
        made.append(token)
        return original(using, token)

    monkeypatch.setattr(typeahead, "build", counting)
    monkeypatch.setattr(typeahead._indexes, "_build", counting)
    typeahead._indexes.forget()
    return made


def titles(typed: str) -> list[str]:
    found, _ = typeahead.suggest(typed)
    return [s.label for s in found if s.kind == "case_study"]


def test_one_change_refreshes_the_index_without_building_it_again(builds):
    make_case_study("Warm homes", published_at=timezone.now() - timedelta(days=3))
    waiting = make_case_study("Warm hubs", status=CaseStudy.Status.SUBMITTED, published_at=None)
    assert titles("warm") == ["Warm homes"]
    assert len(builds) == 1

    services.publish_case_study(case_study=waiting, actor=None)
    assert titles("warm") == ["Warm hubs", "Warm homes"]

    waiting.refresh_from_db()
    waiting.title = "Cold hubs"
    waiting.save()
    assert (titles("warm"), titles("cold")) == (["Warm homes"], ["Cold hubs"])

    services.archive_case_study(case_study=CaseStudy.objects.get(title="Warm homes"), actor=None)
    assert titles("warm") == []
    assert len(builds) == 1


def test_a_scheduled_case_study_joins_when_its_time_comes_without_a_build(builds, time_machine):
    now = timezone.now()
    make_case_study("Warm homes", published_at=now - timedelta(days=3))
    make_case_study("Warm hubs", published_at=now + timedelta(hours=1))
    assert titles("warm") == ["Warm homes"]

    time_machine.move_to(now + timedelta(hours=2))
    assert titles("warm") == ["Warm hubs", "Warm homes"]
    assert len(builds) == 1


def test_a_deleted_case_study_makes_the_index_build_again(builds):
    make_case_study("Warm homes")
    gone = make_case_study("Warm hubs")
    assert sorted(titles("warm")) == ["Warm homes", "Warm hubs"]

    gone.delete()

    assert titles("warm") == ["Warm homes"]
    assert len(builds) == 2


def test_many_changes_make_the_index_build_again(builds, monkeypatch):
    monkeypatch.setattr(typeahead, "MAX_ADDED", 2)
    make_case_study("Warm homes")
    assert titles("warm") == ["Warm homes"]
    for n in range(3):
        make_case_study(f"Warm hubs {n}")

    assert len(titles("warm")) == 4
    assert len(builds) == 2
