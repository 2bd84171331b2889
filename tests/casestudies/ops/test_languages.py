"""Which language a page is in, and translations kept per language (issue 23)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from casestudies.ops.languages import is_welsh, language_from_path, localised, per_language


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/cy", "cy"), ("/cy/case-studies/", "cy"), ("/cymru/", "en-gb"), ("/case-studies/", "en-gb")],
)
def test_language_from_path_is_welsh_only_under_the_prefix(path, expected):
    assert language_from_path(path) == expected


def test_localised_falls_back_to_english_where_there_is_no_welsh():
    with translation.override("cy"):
        assert (localised("Cardiff", "Caerdydd"), localised("Wigan", "")) == ("Caerdydd", "Wigan")
    with translation.override("en-gb"):
        assert (localised("Cardiff", "Caerdydd"), is_welsh()) == ("Cardiff", False)


def test_per_language_keeps_each_language_apart_and_translates_once_per_language_and_argument():
    calls = []

    @per_language
    def counted(count: int) -> str:
        calls.append(count)
        return ngettext("%(counter)s case study", "%(counter)s case studies", count) % {"counter": count}

    with translation.override("en-gb"):
        english = [counted(2), counted(2), counted(1)]
    with translation.override("cy"):
        welsh = [counted(2), counted(1)]

    assert english == ["2 case studies", "2 case studies", "1 case study"]
    assert welsh == [
        ngettext_in("cy", "%(counter)s case study", "%(counter)s case studies", 2) % {"counter": 2},
        ngettext_in("cy", "%(counter)s case study", "%(counter)s case studies", 1) % {"counter": 1},
    ]
    assert welsh[0] != english[0]
    assert calls == [2, 1, 2, 1]


def test_per_language_given_is_the_same_translation_for_a_known_language():
    translated = per_language(gettext)

    with translation.override("en-gb"):
        assert translated.given("cy", "Wales") == "Cymru"
        assert translated("Wales") == "Wales"


def ngettext_in(language: str, singular: str, plural: str, count: int) -> str:
    with translation.override(language):
        return ngettext(singular, plural, count)
