"""The submission form: every limit and message, the choices it accepts, and the anti-abuse checks."""

import time

import pytest
from django.core import signing

from casestudies.submissions.forms import SubmissionForm, count_words
from tests.casestudies.submission_helpers import TEXT_ANSWERS, make_reference_data, valid_form_data, words

pytestmark = pytest.mark.django_db

WORD_LIMITS = [
    ("summary", "Summary", 100),
    ("challenge", "The challenge", 500),
    ("solution", "The solution", 750),
    ("impact", "The impact", 500),
    ("sustainability", "How the approach is being sustained", 300),
    ("lessons", "Lessons learned", 300),
]
CHARACTER_LIMITS = [
    ("title", "Title", 120),
    ("partners", "Partner organisations", 1000),
    ("contact_name", "Name", 150),
    ("contact_role", "Job title", 150),
    ("submitter_name", "Your name", 150),
]
REQUIRED_MESSAGES = {
    "title": "Enter a title",
    "lead_council": "Choose the council that led the work",
    "summary": "Enter a summary",
    "challenge": "Describe the challenge",
    "solution": "Describe the solution",
    "impact": "Describe the impact",
    "sustainability": "Say how the approach is being sustained",
    "lessons": "Enter the lessons learned",
    "topics": "Choose at least one topic",
    "contact_name": "Enter the contact's name",
    "contact_role": "Enter the contact's job title",
    "contact_email": "Enter the contact's email address",
    "submitter_name": "Enter your name",
    "submitter_email": "Enter your email address",
    "consent": "Confirm that your council agrees to publication",
}
TOO_QUICK = "That was sent too quickly. Check your answers and send the form again."
BAD_TOKEN = "Your form had expired or was not sent from our site. Check your answers and send it again."
BAD_EMAIL = "Enter an email address in the correct format, like name@example.org"


@pytest.fixture
def ref():
    return make_reference_data()


def errors_for(data: dict, **kwargs) -> dict[str, list[str]]:
    form = SubmissionForm(data, **kwargs)
    form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


def test_form_valid_data_is_accepted(ref):
    form = SubmissionForm(valid_form_data(ref))
    assert form.is_valid(), form.errors
    assert form.errors == {}


def test_form_to_submission_strips_text_and_keeps_choices(ref):
    padded = {name: f"  {value}  " for name, value in TEXT_ANSWERS.items() if "email" not in name}
    form = SubmissionForm(valid_form_data(ref, **padded))
    assert form.is_valid(), form.errors
    submission = form.to_submission()
    assert submission.title == "Wigan: warm homes for older residents"
    assert submission.partners == "Wigan and Leigh Housing, the local NHS trust"
    assert submission.lessons == "Start with the residents most at risk and measure from day one."
    assert submission.submitter_name == "Sam Jones"
    assert submission.contact_email == "housing@wigan.example"
    assert submission.lead_council == ref.council
    assert submission.topics == [ref.topics[0], ref.topics[2]]
    assert submission.support_types == [ref.support_types[1]]


# Character limits


@pytest.mark.parametrize(("name", "label", "limit"), CHARACTER_LIMITS)
def test_form_text_at_character_limit_is_accepted(ref, name, label, limit):
    form = SubmissionForm(valid_form_data(ref, **{name: "x" * limit}))
    assert form.is_valid(), form.errors
    assert len(form.cleaned_data[name]) == limit


@pytest.mark.parametrize(("name", "label", "limit"), CHARACTER_LIMITS)
def test_form_text_one_over_character_limit_is_refused(ref, name, label, limit):
    assert errors_for(valid_form_data(ref, **{name: "x" * (limit + 1)})) == {
        name: [f"{label} must be {limit} characters or fewer"]
    }


@pytest.mark.parametrize(
    ("name", "label"), [("contact_email", "Email address"), ("submitter_email", "Your email address")]
)
def test_form_email_over_254_characters_is_refused(ref, name, label):
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 3 + ["bbb"]) + ".org"  # well-formed, 255 characters
    assert len(address) == 255
    assert errors_for(valid_form_data(ref, **{name: address})) == {
        name: [f"{label} must be 254 characters or fewer"]
    }


# Word limits


def test_count_words_ignores_extra_spaces_and_line_breaks():
    assert count_words("  one two\n\nthree\tfour  \r\n five ") == 5
    assert count_words("") == 0


@pytest.mark.parametrize(("name", "label", "limit"), WORD_LIMITS)
def test_form_section_at_word_limit_is_accepted(ref, name, label, limit):
    form = SubmissionForm(valid_form_data(ref, **{name: words(limit)}))
    assert form.is_valid(), form.errors
    assert count_words(form.cleaned_data[name]) == limit


@pytest.mark.parametrize(("name", "label", "limit"), WORD_LIMITS)
def test_form_section_one_word_over_limit_is_refused(ref, name, label, limit):
    assert errors_for(valid_form_data(ref, **{name: words(limit + 1)})) == {
        name: [f"{label} must be {limit} words or fewer (you have {limit + 1})"]
    }


@pytest.mark.parametrize(("name", "label", "limit"), WORD_LIMITS)
def test_form_section_words_across_paragraphs_are_counted_together(ref, name, label, limit):
    text = words(limit // 2) + "\n\n" + words(limit - limit // 2 + 1)
    assert errors_for(valid_form_data(ref, **{name: text})) == {
        name: [f"{label} must be {limit} words or fewer (you have {limit + 1})"]
    }


@pytest.mark.parametrize(("name", "label", "limit"), WORD_LIMITS)
def test_form_section_over_character_backstop_is_refused(ref, name, label, limit):
    cap = limit * 15
    assert errors_for(valid_form_data(ref, **{name: "x" * (cap + 1)})) == {
        name: [f"{label} must be {cap:,} characters or fewer (you have {cap + 1:,})"]
    }


def test_form_section_far_over_both_limits_names_the_word_limit_with_thousands_separated(ref):
    pasted = ("Cold homes sent older residents to hospital every winter. " * 900)[:50_000]
    assert errors_for(valid_form_data(ref, challenge=pasted)) == {
        "challenge": ["The challenge must be 500 words or fewer (you have 7,759)"]
    }


@pytest.mark.parametrize(("name", "label", "limit"), WORD_LIMITS)
def test_form_section_textarea_has_no_maxlength_but_both_limits_for_the_count(ref, name, label, limit):
    attrs = SubmissionForm().fields[name].widget.attrs
    assert "maxlength" not in attrs
    assert (attrs["data-word-limit"], attrs["data-char-limit"]) == (limit, limit * 15)


def test_form_fields_have_no_maxlength_that_would_cut_what_is_typed(ref):
    assert [
        name for name, field in SubmissionForm().fields.items() if "maxlength" in field.widget.attrs
    ] == []


# Required answers


@pytest.mark.parametrize(("name", "message"), REQUIRED_MESSAGES.items())
def test_form_missing_answer_has_its_own_message(ref, name, message):
    data = valid_form_data(ref)
    del data[name]
    assert errors_for(data) == {name: [message]}


@pytest.mark.parametrize("name", [n for n in REQUIRED_MESSAGES if n in TEXT_ANSWERS])
def test_form_blank_text_answer_counts_as_missing(ref, name):
    assert errors_for(valid_form_data(ref, **{name: "  \n\t "})) == {name: [REQUIRED_MESSAGES[name]]}


def test_form_empty_post_lists_every_required_message_in_field_order(ref):
    assert errors_for({"form_token": valid_form_data(ref)["form_token"]}) == {
        name: [message] for name, message in REQUIRED_MESSAGES.items()
    }


def test_form_partners_are_optional(ref):
    data = valid_form_data(ref)
    del data["partners"]
    form = SubmissionForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["partners"] == ""


# Topics and support types


@pytest.mark.parametrize("count", [1, 2, 3])
def test_form_one_to_three_topics_are_accepted(ref, count):
    chosen = [topic.slug for topic in ref.topics[:count]]
    form = SubmissionForm(valid_form_data(ref, topics=chosen))
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["topics"]) == ref.topics[:count]


def test_form_four_topics_are_refused(ref):
    chosen = [topic.slug for topic in ref.topics]
    assert errors_for(valid_form_data(ref, topics=chosen)) == {"topics": ["Choose no more than 3 topics"]}


def test_form_unknown_topic_is_refused(ref):
    assert errors_for(valid_form_data(ref, topics=["housing", "no-such-topic"])) == {
        "topics": ["Choose topics from the list"]
    }


def test_form_support_types_are_optional(ref):
    data = valid_form_data(ref)
    del data["support_types"]
    form = SubmissionForm(data)
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["support_types"]) == []


def test_form_several_support_types_are_accepted(ref):
    form = SubmissionForm(valid_form_data(ref, support_types=["grant", "peer-support"]))
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["support_types"]) == ref.support_types


def test_form_unknown_support_type_is_refused(ref):
    assert errors_for(valid_form_data(ref, support_types=["bribe"])) == {
        "support_types": ["Select a valid choice. bribe is not one of the available choices."]
    }


# Councils


def test_form_current_council_is_accepted_by_code(ref):
    form = SubmissionForm(valid_form_data(ref, lead_council="LDS"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lead_council"] == ref.other_council


def test_form_council_choices_are_current_councils_by_name(ref):
    choices = [(str(value), label) for value, label in SubmissionForm().fields["lead_council"].choices]
    assert choices == [("", "Choose a council"), ("LDS", "Leeds"), ("WGN", "Wigan")]


@pytest.mark.parametrize("code", ["CHC", "NOPE", str(0)])
def test_form_former_or_unknown_council_is_refused(ref, code):
    assert errors_for(valid_form_data(ref, lead_council=code)) == {
        "lead_council": ["Choose a council from the list"]
    }


# Email addresses and consent


@pytest.mark.parametrize("name", ["contact_email", "submitter_email"])
@pytest.mark.parametrize(
    "value", ["not-an-email", "name@", "@example.org", "name@example", "a b@example.org"]
)
def test_form_invalid_email_is_refused(ref, name, value):
    assert errors_for(valid_form_data(ref, **{name: value})) == {name: [BAD_EMAIL]}


@pytest.mark.parametrize("value", ["", "false"])
def test_form_consent_not_given_is_refused(ref, value):
    assert errors_for(valid_form_data(ref, consent=value)) == {
        "consent": ["Confirm that your council agrees to publication"]
    }


# Honeypot


def test_form_honeypot_filled_is_spam(ref):
    form = SubmissionForm(valid_form_data(ref, website="https://cheap-pills.example"))
    assert form.is_valid() is False
    assert form.is_spam is True
    assert form.errors == {"__all__": ["We could not accept this form. Please try again."]}


def test_form_honeypot_empty_is_not_spam(ref):
    form = SubmissionForm(valid_form_data(ref, website=""))
    assert form.is_valid(), form.errors
    assert form.is_spam is False


# The signed timestamp


def test_form_sent_too_quickly_is_refused_and_keeps_every_answer(ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    served = 1_800_000_000.0
    data = valid_form_data(ref, form_token=signing.dumps(served, salt="casestudies.submission-form"))
    form = SubmissionForm(data, now=served + 2.9)
    assert form.is_valid() is False
    assert form.too_fast is True
    assert form.is_spam is False
    assert form.errors == {"__all__": [TOO_QUICK]}
    for name, value in TEXT_ANSWERS.items():
        assert form[name].value() == value
        assert form.cleaned_data[name] == value
    assert form["lead_council"].value() == "WGN"
    assert form["topics"].value() == ["housing", "digital"]
    assert form["support_types"].value() == ["peer-support"]
    assert form["consent"].value() is True


def test_form_sent_too_quickly_with_field_errors_shows_only_the_field_errors(ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    served = 1_800_000_000.0
    form = SubmissionForm(
        {"form_token": signing.dumps(served, salt="casestudies.submission-form")}, now=served + 0.5
    )
    assert form.is_valid() is False
    assert form.too_fast is False
    assert form.non_field_errors() == []
    assert {name: list(messages) for name, messages in form.errors.items()} == {
        name: [message] for name, message in REQUIRED_MESSAGES.items()
    }


def test_form_sent_too_quickly_with_one_field_error_is_not_too_quick(ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    served = 1_800_000_000.0
    data = valid_form_data(
        ref, title="", form_token=signing.dumps(served, salt="casestudies.submission-form")
    )
    form = SubmissionForm(data, now=served + 1)
    assert form.is_valid() is False
    assert {name: list(messages) for name, messages in form.errors.items()} == {"title": ["Enter a title"]}


def test_form_sent_after_minimum_seconds_is_accepted(ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    served = 1_800_000_000.0
    data = valid_form_data(ref, form_token=signing.dumps(served, salt="casestudies.submission-form"))
    form = SubmissionForm(data, now=served + 3)
    assert form.is_valid(), form.errors
    assert form.too_fast is False


def test_form_token_from_the_future_is_too_quick(ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3
    data = valid_form_data(
        ref, form_token=signing.dumps(time.time() + 600, salt="casestudies.submission-form")
    )
    assert errors_for(data) == {"__all__": [TOO_QUICK]}


def test_form_tampered_token_is_refused(ref):
    token = valid_form_data(ref)["form_token"]
    value, signature = token.split(":", 1)
    tampered = f"{value[:-1]}{'A' if value[-1] != 'A' else 'B'}:{signature}"
    assert errors_for(valid_form_data(ref, form_token=tampered)) == {"__all__": [BAD_TOKEN]}


@pytest.mark.parametrize("token", ["", "garbage", "1800000000.0"])
def test_form_missing_or_unsigned_token_is_refused(ref, token):
    assert errors_for(valid_form_data(ref, form_token=token)) == {"__all__": [BAD_TOKEN]}


def test_form_token_signed_for_another_purpose_is_refused(ref):
    other = signing.dumps(time.time() - 3600)  # default salt
    assert errors_for(valid_form_data(ref, form_token=other)) == {"__all__": [BAD_TOKEN]}


def test_form_fresh_token_records_when_the_form_was_served():
    form = SubmissionForm(now=1_800_000_123.5)
    assert signing.loads(form.fresh_token, salt="casestudies.submission-form") == 1_800_000_123.5
