"""A case study's Welsh version (issue 23): whole or absent, kept by revisions and put back by a revert."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from reversion.models import Version

from casestudies.models import CaseStudy
from casestudies.models.revisions import save_revision
from casestudies.moderation.history import compare, readable, revert_to_version
from tests.factories import WELSH_VERSION, make_case_study, welsh_only

pytestmark = pytest.mark.django_db


def test_welsh_fields_follow_the_template_order():
    assert CaseStudy.WELSH_FIELDS == (
        "title_cy",
        "summary_cy",
        "challenge_cy",
        "solution_cy",
        "impact_cy",
        "sustainability_cy",
        "lessons_cy",
    )
    assert CaseStudy.WELSH["lessons"] == "lessons_cy"


def test_a_case_study_without_welsh_is_in_english_only():
    case_study = make_case_study("Warm homes")

    assert case_study.has_welsh is False
    assert case_study.languages == ("en",)


def test_a_case_study_with_a_welsh_version_has_both_languages():
    case_study = make_case_study("Warm homes", **WELSH_VERSION)

    assert case_study.has_welsh is True
    assert case_study.languages == ("en", "cy")


def test_a_case_study_whose_english_fields_hold_its_welsh_version_is_in_welsh_only():
    case_study = make_case_study(**welsh_only())

    assert case_study.welsh_only is True
    assert case_study.languages == ("cy",)


def test_one_english_field_of_its_own_makes_it_bilingual():
    case_study = make_case_study(**(welsh_only() | {"lessons": "Talk to tenants early."}))

    assert case_study.welsh_only is False
    assert case_study.languages == ("en", "cy")


def test_an_english_only_case_study_is_not_welsh_only():
    assert make_case_study("Warm homes").welsh_only is False


def test_a_whole_welsh_version_is_valid():
    make_case_study("Warm homes", **WELSH_VERSION).full_clean()


def test_a_partial_welsh_version_names_the_missing_fields():
    case_study = make_case_study("Warm homes", title_cy="Cartrefi cynnes", summary_cy="Crynodeb.")

    with pytest.raises(ValidationError) as raised:
        case_study.clean()

    assert sorted(raised.value.message_dict) == [
        "challenge_cy",
        "impact_cy",
        "lessons_cy",
        "solution_cy",
        "sustainability_cy",
    ]
    assert raised.value.message_dict["lessons_cy"] == ["Fill in every Welsh field, or leave them all empty."]


def test_a_revision_keeps_the_welsh_version():
    case_study = make_case_study("Warm homes", **WELSH_VERSION)
    save_revision(case_study, comment="first")

    version = Version.objects.get_for_object(case_study).get()

    assert {name: version.field_dict[name] for name in CaseStudy.WELSH_FIELDS} == WELSH_VERSION
    assert readable(version)["title_cy"] == "Cartrefi cynnes"


def test_compare_shows_a_changed_welsh_title():
    case_study = make_case_study("Warm homes", **WELSH_VERSION)
    save_revision(case_study, comment="first")
    case_study.title_cy = "Cartrefi clyd"
    case_study.save()
    save_revision(case_study, comment="second")
    newer, older = Version.objects.get_for_object(case_study)

    changed = {diff.label: diff for diff in compare(older, newer) if diff.changed}

    assert list(changed) == ["Title (Welsh)"]
    assert str(changed["Title (Welsh)"].old) == "Cartrefi <del>cynnes</del>"
    assert str(changed["Title (Welsh)"].new) == "Cartrefi <ins>clyd</ins>"


def test_revert_puts_the_welsh_version_back():
    case_study = make_case_study("Warm homes", **WELSH_VERSION)
    save_revision(case_study, comment="first")
    first = Version.objects.get_for_object(case_study).get()
    CaseStudy.objects.filter(pk=case_study.pk).update(**dict.fromkeys(CaseStudy.WELSH_FIELDS, ""))

    reverted = revert_to_version(case_study=case_study, version=first, actor=None)

    reverted.refresh_from_db()
    assert {name: getattr(reverted, name) for name in CaseStudy.WELSH_FIELDS} == WELSH_VERSION
    assert reverted.text_updated_at is not None


WELSH_ONLY = welsh_only()


@pytest.mark.parametrize(
    ("fields", "language", "expected"),
    [
        ({}, "en-gb", ("en-gb", "Warm homes", "")),
        ({}, "cy", ("en-gb", "Warm homes", "en")),
        (WELSH_VERSION, "en-gb", ("en-gb", "Warm homes", "")),
        (WELSH_VERSION, "cy", ("cy", "Cartrefi cynnes", "")),
        (WELSH_ONLY, "en-gb", ("cy", "Cartrefi cynnes", "cy")),
        (WELSH_ONLY, "cy", ("cy", "Cartrefi cynnes", "")),
    ],
)
def test_text_language_gives_the_local_title_and_its_lang(fields, language, expected):
    case_study = make_case_study(**({"title": "Warm homes"} | fields))

    with translation.override(language):
        shown = (case_study.text_language(), case_study.local_title, case_study.text_lang())

    assert shown == expected
    assert (case_study.text_language(language), case_study.text_lang(language)) == (expected[0], expected[2])
