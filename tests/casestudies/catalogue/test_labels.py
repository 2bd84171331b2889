"""Reference names in the page's language, worked out once per index and language (issue 23)."""

import pytest
from django.utils import translation

from casestudies.catalogue import index
from casestudies.catalogue.filters import CaseStudyFilter
from casestudies.catalogue.labels import labels
from tests.factories import make_case_study, make_council, make_support_type, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    housing = make_topic("Housing", slug="housing", order=1)
    housing.name_cy = "Tai"
    housing.save()
    make_topic("Devolution", slug="devolution", order=2)  # no Welsh name: the English one
    support = make_support_type("Peer challenge", slug="peer-challenge")
    support.name_cy = "Her gan gymheiriaid"
    support.save()
    cardiff = make_council("Cardiff", code="CRF", region="Wales", name_cy="Caerdydd")
    wigan = make_council("Wigan", code="WGN")
    make_case_study("Warm homes", topics=[housing], council=cardiff)
    make_case_study("Safe homes", topics=[], council=wigan)
    return index.current()


def test_welsh_labels_use_the_welsh_names_and_fall_back_to_english(catalogue):
    with translation.override("cy"):
        names = labels(catalogue)

    assert names.topics == [("housing", "Tai"), ("devolution", "Devolution")]
    assert names.support_types == [("peer-challenge", "Her gan gymheiriaid")]
    assert dict(names.regions)["wales"] == "Cymru"
    assert dict(names.regions)["yorkshire-and-the-humber"] == "Swydd Efrog a’r Humber"
    assert dict(names.council_types)["welsh-unitary"] == "Awdurdod unedol yng Nghymru"
    assert sorted(names.councils.values()) == [("CRF", "Caerdydd"), ("WGN", "Wigan")]


def test_english_labels_are_the_english_names(catalogue):
    with translation.override("en-gb"):
        names = labels(catalogue)

    assert names.topics == [("housing", "Housing"), ("devolution", "Devolution")]
    assert dict(names.regions)["wales"] == "Wales"
    assert dict(names.council_types)["welsh-unitary"] == "Welsh unitary authority"
    assert names.councils is catalogue.councils


def test_labels_are_built_once_per_index_and_language(catalogue, django_assert_num_queries):
    with translation.override("cy"):
        first = labels(catalogue)
        with django_assert_num_queries(0):
            again = labels(catalogue)

    assert again is first
    assert set(catalogue.labels) == {"cy"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-gb", ("Level 2: measured change or higher", "Not stated", "Strongest evidence first")),
        ("cy", ("Lefel 2: newid wedi’i fesur neu uwch", "Heb ei nodi", "Y dystiolaeth gryfaf yn gyntaf")),
    ],
)
def test_fixed_options_are_text_in_the_page_language(catalogue, language, expected):
    with translation.override(language):
        fixed = labels(catalogue).fixed

    shown = (dict(fixed["evidence"])["2"], dict(fixed["cost"])["not_stated"], dict(fixed["sort"])["evidence"])
    assert shown == expected
    assert {type(label) for choices in fixed.values() for _, label in choices} == {str}


def test_a_filter_form_class_is_made_once_per_labels_and_set_of_filters(catalogue):
    with translation.override("en-gb"):
        english = CaseStudyFilter({}).get_form_class()
        again = CaseStudyFilter({"topic": "housing"}).get_form_class()
    with translation.override("cy"):
        welsh = CaseStudyFilter({}).form

    assert again is english
    assert welsh.__class__ is not english
    assert dict(welsh.fields["sort"].choices)["evidence"] == "Y dystiolaeth gryfaf yn gyntaf"
