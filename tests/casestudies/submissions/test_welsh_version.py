"""The submission form takes a Welsh version (issue 23): the language question, English only, Welsh only or both,
what is stored for each, errors that keep what was typed, drafts, a request for changes, the emails, and how a
case study written in Welsh only shows on the English and the Welsh pages."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from casestudies.models import CaseStudy, SubmissionDraft, links
from casestudies.moderation import services as moderation
from tests.casestudies.submission_helpers import (
    SUBMIT_URL,
    TEXT_ANSWERS,
    WELSH_ANSWERS,
    form_token_from_page,
    make_editor,
    make_reference_data,
    valid_post_data,
    words,
)
from tests.factories import make_case_study
from tests.pages import page

pytestmark = pytest.mark.django_db

WELSH_URL = "/cy/case-studies/submit/"
ENGLISH_TEXT = tuple(CaseStudy.WELSH)  # the English fields that have a Welsh version
CHANGES_LINK = re.compile(r"http://testserver(/case-studies/submit/changes/[^/\s]+/)")
DRAFT_LINK = re.compile(r"http://testserver(/cy/case-studies/submit/draft/[^/\s]+/)")


@pytest.fixture
def ref():
    cache.clear()
    yield make_reference_data()
    cache.clear()


def welsh_only_post(client, ref, **overrides) -> dict:
    """A valid post written in Welsh only: the English boxes left empty."""
    data = valid_post_data(client, ref, language="cy", **WELSH_ANSWERS)
    return data | dict.fromkeys(ENGLISH_TEXT, "") | overrides


def send(client, data, callbacks, url=SUBMIT_URL):
    with callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, page(response).find("div", class_="error-summary")
    return CaseStudy.objects.get()


def stored_text(case_study: CaseStudy) -> dict[str, str]:
    return {name: getattr(case_study, name) for name in (*ENGLISH_TEXT, *CaseStudy.WELSH_FIELDS)}


def checked_language(doc) -> str:
    return doc.find("input", name="language", checked=True)["value"]


def errors(doc) -> list[str]:
    return [li.text for li in doc.find("div", class_="error-summary").find_all("li")]


# The question ------------------------------------------------------------------------------------------------
def test_the_english_form_asks_the_language_with_english_chosen(client, ref):
    doc = page(client.get(SUBMIT_URL))

    fieldset = doc.find("fieldset", id="id_language")
    assert fieldset.find("legend").text == "Which language is your case study written in?"
    options = [
        (radio["value"], doc.find("label", **{"for": radio["id"]}).text)
        for radio in fieldset.find_all("input")
    ]
    assert options == [("en", "English"), ("cy", "Welsh"), ("both", "English and Welsh")]
    assert checked_language(doc) == "en"
    # It comes first, before the title.
    form = doc.find("form", class_="submission-form")
    names = [tag["name"] for tag in form.iter() if tag.tag in ("input", "textarea") and "name" in tag.attrs]
    assert names.index("language") < names.index("title") < names.index("title_cy")


def test_the_welsh_form_asks_in_welsh_with_welsh_chosen(client, ref):
    doc = page(client.get(WELSH_URL))

    legend = doc.find("fieldset", id="id_language").find("legend").text
    assert legend == "Ym mha iaith mae eich astudiaeth achos wedi’i hysgrifennu?"
    assert checked_language(doc) == "cy"
    assert doc.find("label", **{"for": "id_title_cy"}).text == "Y teitl yn Gymraeg"


def test_every_welsh_box_is_labelled_marked_welsh_and_has_the_english_limits(client, ref):
    doc = page(client.get(SUBMIT_URL))

    labels = {name: doc.find("label", **{"for": f"id_{name}"}).text for name in CaseStudy.WELSH_FIELDS}
    assert labels == {
        "title_cy": "Title in Welsh",
        "summary_cy": "Summary in Welsh",
        "challenge_cy": "The challenge, in Welsh",
        "solution_cy": "The solution, in Welsh",
        "impact_cy": "The impact, in Welsh",
        "sustainability_cy": "How the approach is being sustained, in Welsh",
        "lessons_cy": "Lessons learned, in Welsh",
    }
    assert doc.find("input", id="id_title_cy")["lang"] == "cy"
    assert doc.find("textarea", id="id_solution_cy")["lang"] == "cy"
    assert doc.find("textarea", id="id_solution_cy")["data-word-limit"] == "750"
    assert doc.find("textarea", id="id_lessons_cy")["data-word-limit"] == "300"
    assert doc.find("script", src="/static/js/language-choice.js") is not None


# What is stored ------------------------------------------------------------------------------------------------
def test_english_only_stores_no_welsh_version_even_if_welsh_was_typed(
    client, ref, django_capture_on_commit_callbacks
):
    data = valid_post_data(client, ref, language="en", title_cy="Teitl", impact_cy="Effaith")

    case_study = send(client, data, django_capture_on_commit_callbacks)

    assert stored_text(case_study) == {name: TEXT_ANSWERS[name] for name in ENGLISH_TEXT} | dict.fromkeys(
        CaseStudy.WELSH_FIELDS, ""
    )
    assert case_study.languages == ("en",)


def test_a_post_without_the_question_is_english_as_before(client, ref, django_capture_on_commit_callbacks):
    case_study = send(client, valid_post_data(client, ref), django_capture_on_commit_callbacks)

    assert case_study.title == TEXT_ANSWERS["title"]
    assert case_study.title_cy == ""


def test_welsh_only_stores_the_welsh_version_and_the_same_text_in_the_english_fields(
    client, ref, django_capture_on_commit_callbacks
):
    case_study = send(client, welsh_only_post(client, ref), django_capture_on_commit_callbacks)

    english = {name: WELSH_ANSWERS[f"{name}_cy"] for name in ENGLISH_TEXT}
    assert stored_text(case_study) == english | WELSH_ANSWERS
    assert case_study.welsh_only is True
    assert case_study.languages == ("cy",)
    assert case_study.slug == "wigan-cartrefi-cynnes-i-bobl-hyn"
    assert case_study.status == CaseStudy.Status.SUBMITTED


def test_welsh_only_from_the_welsh_form(client, ref, django_capture_on_commit_callbacks):
    data = welsh_only_post(client, ref) | {"form_token": form_token_from_page(client)}

    case_study = send(client, data, django_capture_on_commit_callbacks, url=WELSH_URL)

    assert case_study.title_cy == WELSH_ANSWERS["title_cy"]
    assert case_study.contact_language == "cy"


def test_both_stores_each_language_in_its_own_fields(client, ref, django_capture_on_commit_callbacks):
    data = valid_post_data(client, ref, language="both", **WELSH_ANSWERS)

    case_study = send(client, data, django_capture_on_commit_callbacks)

    assert stored_text(case_study) == {name: TEXT_ANSWERS[name] for name in ENGLISH_TEXT} | WELSH_ANSWERS
    assert case_study.languages == ("en", "cy")


def test_the_first_revision_keeps_the_welsh_version(client, ref, django_capture_on_commit_callbacks):
    data = valid_post_data(client, ref, language="both", **WELSH_ANSWERS)

    case_study = send(client, data, django_capture_on_commit_callbacks)

    fields = Version.objects.get_for_object(case_study).get().field_dict
    assert {name: fields[name] for name in CaseStudy.WELSH_FIELDS} == WELSH_ANSWERS


# Errors keep what was typed ----------------------------------------------------------------------------------
def test_both_with_a_missing_welsh_section_says_which_and_keeps_everything(client, ref):
    data = valid_post_data(client, ref, language="both", **WELSH_ANSWERS) | {"impact_cy": ""}

    response = client.post(SUBMIT_URL, data)

    doc = page(response)
    assert response.status_code == 200
    assert errors(doc) == ["Describe the impact in Welsh"]
    assert doc.find("a", href="#id_impact_cy").text == "Describe the impact in Welsh"
    assert checked_language(doc) == "both"
    assert doc.find("input", id="id_title_cy")["value"] == WELSH_ANSWERS["title_cy"]
    assert doc.find("textarea", id="id_lessons_cy").text == WELSH_ANSWERS["lessons_cy"]
    assert doc.find("textarea", id="id_impact").text == TEXT_ANSWERS["impact"]
    assert CaseStudy.objects.count() == 0


def test_welsh_only_asks_for_the_welsh_boxes_not_the_english(client, ref):
    data = welsh_only_post(client, ref) | {"title_cy": "", "summary_cy": ""}

    doc = page(client.post(SUBMIT_URL, data))

    assert errors(doc) == ["Enter a title in Welsh", "Enter a summary in Welsh"]
    assert doc.find("textarea", id="id_challenge_cy").text == WELSH_ANSWERS["challenge_cy"]


def test_english_only_does_not_ask_for_the_welsh_boxes(client, ref, django_capture_on_commit_callbacks):
    data = valid_post_data(client, ref, language="en")

    assert send(client, data, django_capture_on_commit_callbacks).title_cy == ""


def test_a_welsh_section_has_the_english_word_limit(client, ref):
    data = welsh_only_post(client, ref, summary_cy=words(101, "gair"))

    doc = page(client.post(SUBMIT_URL, data))

    assert errors(doc) == ["Summary in Welsh must be 100 words or fewer (you have 101)"]
    assert doc.find("textarea", id="id_summary_cy").text == words(101, "gair")


def test_the_welsh_form_says_a_missing_welsh_box_in_welsh(client, ref):
    data = welsh_only_post(client, ref, lessons_cy="") | {"form_token": form_token_from_page(client)}

    doc = page(client.post(WELSH_URL, data))

    assert errors(doc) == ["Rhowch y gwersi a ddysgwyd yn Gymraeg"]


def test_a_csrf_failure_gives_back_the_welsh_boxes_and_the_choice(client, ref):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        SUBMIT_URL, {"language": "cy", "title_cy": "Teitl a deipiwyd", "lessons_cy": "Gwersi"}
    )

    doc = page(response)
    assert response.status_code == 403
    assert checked_language(doc) == "cy"
    assert doc.find("input", id="id_title_cy")["value"] == "Teitl a deipiwyd"
    assert doc.find("textarea", id="id_lessons_cy").text == "Gwersi"


# Drafts ------------------------------------------------------------------------------------------------------
def test_a_draft_keeps_the_welsh_boxes_and_the_choice(client, ref, django_capture_on_commit_callbacks):
    data = {
        "action": "save",
        "form_token": form_token_from_page(client),
        "language": "cy",
        "submitter_email": "sam@wigan.example",
        **WELSH_ANSWERS,
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(WELSH_URL, data)

    draft = SubmissionDraft.objects.get()
    assert draft.data["language"] == "cy"
    assert {name: draft.data[name] for name in CaseStudy.WELSH_FIELDS} == WELSH_ANSWERS
    [message] = mail.outbox
    assert f'("{WELSH_ANSWERS["title_cy"]}")' in message.body  # named by its Welsh title
    doc = page(client.get(DRAFT_LINK.findall(message.body)[0]))
    assert checked_language(doc) == "cy"
    assert doc.find("input", id="id_title_cy")["value"] == WELSH_ANSWERS["title_cy"]
    assert doc.find("textarea", id="id_sustainability_cy").text == WELSH_ANSWERS["sustainability_cy"]


def test_sending_a_welsh_draft_from_its_link_stores_the_welsh_version(
    client, ref, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            WELSH_URL,
            {
                "action": "save",
                "form_token": form_token_from_page(client),
                "language": "cy",
                "title_cy": "Teitl",
            }
            | {"submitter_email": "sam@wigan.example"},
        )
    link = DRAFT_LINK.findall(mail.outbox[0].body)[0]
    data = welsh_only_post(client, ref) | {"action": "submit", "form_token": form_token_from_page(client)}

    case_study = send(client, data, django_capture_on_commit_callbacks, url=link)

    assert case_study.welsh_only is True
    assert case_study.lessons_cy == WELSH_ANSWERS["lessons_cy"]
    assert SubmissionDraft.objects.count() == 0


# A request for changes -----------------------------------------------------------------------------------------
def request_changes(case_study: CaseStudy, callbacks) -> str:
    with callbacks(execute=True):
        moderation.request_changes(
            case_study=case_study, actor=make_editor(), note="Add the figures, please."
        )
    return CHANGES_LINK.findall(mail.outbox[-1].body)[0]


def test_a_welsh_only_case_study_comes_back_in_welsh_and_the_edit_is_kept(
    client, ref, django_capture_on_commit_callbacks
):
    case_study = send(client, welsh_only_post(client, ref), django_capture_on_commit_callbacks)
    link = request_changes(case_study, django_capture_on_commit_callbacks)

    doc = page(client.get(link))

    assert checked_language(doc) == "cy"
    assert doc.find("input", id="id_title_cy")["value"] == WELSH_ANSWERS["title_cy"]
    assert doc.find("textarea", id="id_impact_cy").text == WELSH_ANSWERS["impact_cy"]
    # The English boxes start empty: choosing both asks for an English version, not the Welsh copied.
    assert doc.find("input", id="id_title").attrs.get("value", "") == ""
    assert doc.find("textarea", id="id_impact").text == ""

    edited = "Gostyngodd derbyniadau chwarter: 120 yn llai o bobl yn yr ysbyty."
    data = welsh_only_post(client, ref, impact_cy=edited) | {"form_token": form_token_from_page(client)}
    resubmitted = send(client, data, django_capture_on_commit_callbacks, url=link)

    assert resubmitted.status == CaseStudy.Status.SUBMITTED
    assert (resubmitted.impact_cy, resubmitted.impact) == (edited, edited)
    assert resubmitted.welsh_only is True
    latest = Version.objects.get_for_object(resubmitted).first().field_dict
    assert latest["impact_cy"] == edited


def test_a_request_for_changes_can_add_an_english_version(client, ref, django_capture_on_commit_callbacks):
    case_study = send(client, welsh_only_post(client, ref), django_capture_on_commit_callbacks)
    link = request_changes(case_study, django_capture_on_commit_callbacks)

    data = valid_post_data(client, ref, language="both", **WELSH_ANSWERS)
    resubmitted = send(client, data, django_capture_on_commit_callbacks, url=link)

    assert stored_text(resubmitted) == {name: TEXT_ANSWERS[name] for name in ENGLISH_TEXT} | WELSH_ANSWERS
    assert resubmitted.languages == ("en", "cy")


def test_a_bilingual_case_study_comes_back_with_both(client, ref, django_capture_on_commit_callbacks):
    data = valid_post_data(client, ref, language="both", **WELSH_ANSWERS)
    case_study = send(client, data, django_capture_on_commit_callbacks)
    link = request_changes(case_study, django_capture_on_commit_callbacks)

    doc = page(client.get(link))

    assert checked_language(doc) == "both"
    assert doc.find("input", id="id_title")["value"] == TEXT_ANSWERS["title"]
    assert doc.find("input", id="id_title_cy")["value"] == WELSH_ANSWERS["title_cy"]


# Emails --------------------------------------------------------------------------------------------------------
def test_the_emails_say_the_languages(client, ref, django_capture_on_commit_callbacks):
    make_editor(email="editor@casestudies.example")
    data = welsh_only_post(client, ref) | {"form_token": form_token_from_page(client)}

    case_study = send(client, data, django_capture_on_commit_callbacks, url=WELSH_URL)

    confirmation = next(m for m in mail.outbox if m.to == [TEXT_ANSWERS["submitter_email"]])
    assert f'Diolch am anfon "{WELSH_ANSWERS["title_cy"]}"' in confirmation.body
    assert "Fe wnaethoch chi ei hanfon yn Gymraeg.\n" in confirmation.body
    editors = next(m for m in mail.outbox if m.subject.startswith("New case study"))
    assert f"Title: {case_study.title}\nWritten in: Welsh\nCouncil: Wigan\n" in editors.body


def test_the_emails_of_a_bilingual_case_study_carry_the_welsh_title(
    client, ref, django_capture_on_commit_callbacks
):
    make_editor(email="editor@casestudies.example")
    data = valid_post_data(client, ref, language="both", **WELSH_ANSWERS) | {
        "form_token": form_token_from_page(client)
    }

    send(client, data, django_capture_on_commit_callbacks, url=WELSH_URL)

    confirmation = next(m for m in mail.outbox if m.to == [TEXT_ANSWERS["submitter_email"]])
    assert f'Diolch am anfon "{WELSH_ANSWERS["title_cy"]}"' in confirmation.body
    assert "Fe wnaethoch chi ei hanfon yn Saesneg ac yn Gymraeg.\n" in confirmation.body
    editors = next(m for m in mail.outbox if m.subject.startswith("New case study"))
    assert (
        f"Title: {TEXT_ANSWERS['title']}\nWritten in: English and Welsh\nWelsh title: {WELSH_ANSWERS['title_cy']}\n"
    ) in editors.body


def test_an_english_confirmation_says_nothing_of_languages(client, ref, django_capture_on_commit_callbacks):
    send(client, valid_post_data(client, ref, language="en"), django_capture_on_commit_callbacks)

    confirmation = next(m for m in mail.outbox if m.to == [TEXT_ANSWERS["submitter_email"]])
    assert "Welsh" not in confirmation.body
    assert f'Thank you for sending "{TEXT_ANSWERS["title"]}" to the' in confirmation.body


# Published ---------------------------------------------------------------------------------------------------
@pytest.fixture
def published_welsh_only(client, ref, django_capture_on_commit_callbacks):
    case_study = send(client, welsh_only_post(client, ref), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.publish_case_study(case_study=case_study, actor=make_editor())
    case_study.refresh_from_db()
    return case_study


def test_the_english_page_of_a_welsh_only_case_study_marks_it_welsh_and_says_so(client, published_welsh_only):
    doc = page(client.get(f"/case-studies/{published_welsh_only.slug}/"))

    h1 = doc.find("h1")
    assert (h1.text, h1["lang"]) == (WELSH_ANSWERS["title_cy"], "cy")
    assert (
        doc.find("p", class_="case-study__language-note").text
        == "This case study is available in Welsh only."
    )
    summary = doc.find("div", class_="case-study__summary")
    assert (summary.text.strip(), summary["lang"]) == (WELSH_ANSWERS["summary_cy"], "cy")
    assert [div.text.strip() for div in doc.find_all("div", lang="cy")][1:] == [
        WELSH_ANSWERS[f"{name}_cy"] for name in CaseStudy.SECTION_FIELDS
    ]


def test_the_welsh_page_of_a_welsh_only_case_study_is_plain_welsh(client, published_welsh_only):
    doc = page(client.get(f"/cy/case-studies/{published_welsh_only.slug}/"))

    h1 = doc.find("h1")
    assert (h1.text, h1.attrs.get("lang")) == (WELSH_ANSWERS["title_cy"], None)
    assert doc.find_all("p", class_="case-study__language-note") == []


def test_an_english_card_of_a_welsh_only_case_study_is_marked_welsh(client, published_welsh_only):
    doc = page(client.get("/case-studies/"))

    title = doc.find("h2", class_="card__title")
    assert (title.text, title["lang"]) == (WELSH_ANSWERS["title_cy"], "cy")
    assert doc.find("p", class_="card__summary")["lang"] == "cy"


def test_a_draft_saved_before_the_question_opens_in_english_on_the_welsh_form(client, ref):
    draft = SubmissionDraft.objects.create(
        data={"title": "Half-written in English"},
        email="sam@wigan.example",
        expires_at=timezone.now() + timedelta(days=30),
    )

    doc = page(client.get(f"/cy/case-studies/submit/draft/{links.draft_token(draft.pk)}/"))

    assert checked_language(doc) == "en"
    assert doc.find("input", id="id_title")["value"] == "Half-written in English"


# A review reminder's "Something has changed" ------------------------------------------------------------------
def test_changes_sent_from_a_review_keep_the_welsh_version_until_an_editor_publishes_them(
    client, ref, django_capture_on_commit_callbacks
):
    english = {name: TEXT_ANSWERS[name] for name in ENGLISH_TEXT}
    case_study = make_case_study(
        council=ref.council,
        topics=[ref.topics[0]],
        submitter_email="sam@wigan.example",
        **english,
        **WELSH_ANSWERS,
    )
    url = f"/case-studies/review/{links.review_token(case_study_id=case_study.pk)}/edit/"
    assert checked_language(page(client.get(url))) == "both"
    edited = "Gostyngodd derbyniadau chwarter yn y flwyddyn gyntaf."
    data = valid_post_data(
        client,
        ref,
        language="both",
        topics=[ref.topics[0].slug],
        support_types=[],
        **(WELSH_ANSWERS | {"impact_cy": edited}),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    case_study.refresh_from_db()
    assert case_study.impact_cy == WELSH_ANSWERS["impact_cy"]  # nothing public changes yet

    with django_capture_on_commit_callbacks(execute=True):
        moderation.publish_proposed_changes(case_study=case_study, actor=make_editor())
    case_study.refresh_from_db()
    assert case_study.impact_cy == edited
    assert case_study.languages == ("en", "cy")


@pytest.mark.parametrize(
    ("prefix", "text_lang", "label_lang"), [("", "cy", "en"), ("/cy", None, None)], ids=["english", "welsh"]
)
def test_a_matching_passage_of_a_welsh_only_case_study_is_marked_welsh(
    client, published_welsh_only, prefix, text_lang, label_lang
):
    doc = page(client.get(f"{prefix}/case-studies/?q=ysbyty"))

    excerpt = doc.find("p", class_="card__excerpt")
    assert "ysbyty" in excerpt.text
    assert excerpt.attrs.get("lang") == text_lang
    assert excerpt.find("span", class_="visually-hidden").attrs.get("lang") == label_lang
