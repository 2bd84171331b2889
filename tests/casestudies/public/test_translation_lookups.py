"""Translation lookups per page do not grow with its rows (issue 23), as its queries do not.

Django looks a message up again each time it is used, a few microseconds each, more in English; a word translated
once per card or per council row made the English list page look up 98 messages and the map about 1,650. Counted
here like queries: the same page with one row and with many makes the same lookups."""

import pytest
from django.utils import translation

from casestudies.models import Topic
from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def lookups(monkeypatch):
    """Every gettext, ngettext and pgettext call made through ``django.utils.translation``."""
    made = []
    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        real = getattr(translation._trans, name)

        def counting(*args, _real=real, _name=name):
            made.append((_name, args[0]))
            return _real(*args)

        monkeypatch.setattr(translation._trans, name, counting)
    return made


def catalogue_of(size: int) -> None:
    housing = Topic.objects.filter(slug="housing").first() or make_topic("Housing", slug="housing")
    regions = ("North West", "Wales", "London", "South East")
    for n in range(size):
        council = make_council(region=regions[n % len(regions)])
        make_case_study(topics=[housing], council=council, cost_band="under_10k", evidence_level_claimed=2)


def lookups_on(client, lookups, url: str) -> int:
    client.get(url)  # the index, the labels and the kept translations are made once
    lookups.clear()
    response = client.get(url)
    assert response.status_code == 200
    return len(lookups)


@pytest.mark.parametrize("prefix", ["", "/cy"])
@pytest.mark.parametrize("path", ["/case-studies/", "/case-studies/map/", "/insights/"])
def test_lookups_do_not_grow_with_cards_or_councils(client, lookups, prefix, path):
    catalogue_of(3)  # more than one: a chart is described differently with a single bar
    few = lookups_on(client, lookups, prefix + path)
    catalogue_of(12)

    assert lookups_on(client, lookups, prefix + path) == few


def test_the_english_list_page_looks_up_few_messages(client, lookups):
    catalogue_of(3)

    assert lookups_on(client, lookups, "/case-studies/") <= 15
