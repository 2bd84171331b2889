"""The submission form: the case-study template's sections, their limits, and the anti-abuse fields."""

import time
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import EmailValidator
from django.utils.html import format_html, format_html_join

from casestudies.models import CaseStudy, Council, SubmissionDraft, SupportType, Topic

from . import evidenceforms
from .evidenceforms import EvidenceMixin
from .fileforms import FilesMixin
from .services import Submission
from .welsh import welsh_names

TOKEN_SALT = "casestudies.submission-form"
# A served form stays valid for a day; an older one is refused with every answer kept and a fresh token.
TOKEN_MAX_AGE = 24 * 3600


def count_words(text: str) -> int:
    return len(text.split())


class WordLimitedField(forms.CharField):
    """Plain text with a word limit counted on the server (and a generous character cap as a backstop).

    The textarea has no ``maxlength``: a browser cuts a long paste to it without a word. The text goes in
    whole, its count (static/js/word-count.js, from ``data-word-limit`` and ``data-char-limit``) shows that it
    is over, and the server refuses it, naming the limit, with the text kept in the form."""

    def __init__(self, *, max_words: int, rows: int = 6, **kwargs):
        self.max_words = max_words
        kwargs.setdefault("max_length", max_words * 15)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "data-word-limit": max_words}))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return {**attrs, "data-char-limit": self.max_length}

    def validate(self, value):
        super().validate(value)
        words = count_words(value or "")
        if words > self.max_words:
            raise forms.ValidationError(
                "%(label)s must be %(limit)s words or fewer (you have %(words)s)",
                code="too_many_words",
                params={"label": self.label, "limit": f"{self.max_words:,}", "words": f"{words:,}"},
            )
        if len(value or "") > self.max_length:
            raise forms.ValidationError(
                "%(label)s must be %(limit)s characters or fewer (you have %(characters)s)",
                code="max_length",
                params={
                    "label": self.label,
                    "limit": f"{self.max_length:,}",
                    "characters": f"{len(value):,}",
                },
            )


class CouncilSelect(forms.Select):
    """A plain ``<select>`` that carries each council's official name, and a Welsh council's Welsh names, for the
    type-to-find picker (static/js/council-picker.js) to match on as well as the short name. The Welsh names are
    only data attributes: without JavaScript it is the select, in English."""

    def __init__(self, attrs=None):
        super().__init__({"data-council-picker": "", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        """The same HTML as Django's select templates, written here: through a template per option the 400-odd
        councils took most of the submission page's time on the server (and Lighthouse counts that time)."""
        context = self.get_context(name, value, attrs)["widget"]
        if any(group for group, _, _ in context["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (option["value"], html_attributes(option["attrs"]), option["label"])
                for _, group, _ in context["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', context["name"], html_attributes(context["attrs"]), options
        )

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        council = getattr(value, "instance", None)
        if council is None:
            return option
        if council.official_name and council.official_name != council.name:
            option["attrs"]["data-official-name"] = council.official_name
        welsh = welsh_names().get(council.code, {})
        if welsh.get("name"):
            option["attrs"]["data-welsh-name"] = welsh["name"]
        if welsh.get("official_name"):
            option["attrs"]["data-welsh-official-name"] = welsh["official_name"]
        return option


def html_attributes(attrs: dict) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them: in order, ``True`` bare, ``False`` left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class CouncilChoiceField(forms.ModelChoiceField):
    widget = CouncilSelect

    def label_from_instance(self, obj: Council) -> str:
        return obj.name


class SubmissionForm(FilesMixin, EvidenceMixin, forms.Form):
    """Sections in the order of the case-study template. ``sections`` groups them for the page.

    ``saving=True`` is "Save and come back later": nothing is required and email addresses may be half typed, but
    every limit (lengths, words, topics, files) and every safety check (honeypot, signed token, file content)
    still applies. ``draft`` and ``case_study`` say whose stored files the form may carry.
    """

    title = forms.CharField(
        label="Title",
        max_length=120,
        help_text="Up to 120 characters. Say what was done and where, for example “Wigan: warm homes for older residents”.",
    )
    lead_council = CouncilChoiceField(
        label="Lead council",
        queryset=Council.objects.filter(is_current=True).order_by("name"),
        to_field_name="code",
        empty_label="Choose a council",
        help_text="The council that led the work. Choose from the list of current UK councils.",
    )
    partners = forms.CharField(
        label="Partner organisations (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Other councils, NHS bodies, charities or businesses that took part.",
    )
    summary = WordLimitedField(
        label="Summary",
        max_words=100,
        rows=4,
        help_text="Up to 100 words. What was done and what difference it made.",
    )
    challenge = WordLimitedField(
        label="The challenge",
        max_words=500,
        rows=8,
        help_text="Up to 500 words. The problem you set out to solve and why it mattered.",
    )
    solution = WordLimitedField(
        label="The solution",
        max_words=750,
        rows=10,
        help_text="Up to 750 words. What you did, who was involved and how long it took.",
    )
    impact = WordLimitedField(
        label="The impact",
        max_words=500,
        rows=8,
        help_text="Up to 500 words. What changed, with figures where you have them.",
    )
    sustainability = WordLimitedField(
        label="How the approach is being sustained",
        max_words=300,
        rows=5,
        help_text="Up to 300 words. How the work is funded and continued now.",
    )
    lessons = WordLimitedField(
        label="Lessons learned",
        max_words=300,
        rows=5,
        help_text="Up to 300 words. What you would tell another council starting out.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose 1 to 3 topics.",
        error_messages={
            "required": "Choose at least one topic",
            "invalid_choice": "Choose topics from the list",
        },
    )
    support_types = forms.ModelMultipleChoiceField(
        label="Support received (optional)",
        queryset=SupportType.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose any support the council received for this work.",
    )
    contact_name = forms.CharField(label="Name", max_length=150, help_text="Published with the case study.")
    contact_role = forms.CharField(
        label="Job title", max_length=150, help_text="Published with the case study."
    )
    contact_email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Published, so use a team or role address if you can.",
    )
    submitter_name = forms.CharField(label="Your name", max_length=150, help_text="Never published.")
    submitter_email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="Never published. We send your reference here and use it if we have questions.",
    )
    consent = forms.BooleanField(
        label="I confirm that my council agrees to this case study being published on this site, and that the "
        "contact details above may be published with it.",
        error_messages={"required": "Confirm that your council agrees to publication"},
    )
    # Anti-abuse: a field people never see, and when the form was served (signed).
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    SECTIONS = [
        ("About the case study", ["title", "lead_council", "partners"]),
        ("Summary", ["summary"]),
        ("The challenge", ["challenge"]),
        ("The solution", ["solution"]),
        ("The impact", ["impact"]),
        ("How the approach is being sustained", ["sustainability"]),
        ("Lessons learned", ["lessons"]),
        (evidenceforms.HEADING, evidenceforms.FIELDS),
        ("Topics and support", ["topics", "support_types"]),
        ("Contact for this case study", ["contact_name", "contact_role", "contact_email"]),
        ("About you", ["submitter_name", "submitter_email"]),
        ("Publication", ["consent"]),
    ]
    SINGLE_FIELD_SECTIONS = {"summary", "challenge", "solution", "impact", "sustainability", "lessons"}
    FILES_AFTER = "Topics and support"
    # The answers a saved draft keeps, as typed (files are kept as stored files).
    DRAFT_FIELDS = [name for _, names in SECTIONS for name in names]
    MULTIPLE = {"topics", "support_types"}

    REQUIRED_MESSAGES = {
        "title": "Enter a title",
        "lead_council": "Choose the council that led the work",
        "summary": "Enter a summary",
        "challenge": "Describe the challenge",
        "solution": "Describe the solution",
        "impact": "Describe the impact",
        "sustainability": "Say how the approach is being sustained",
        "lessons": "Enter the lessons learned",
        "contact_name": "Enter the contact's name",
        "contact_role": "Enter the contact's job title",
        "contact_email": "Enter the contact's email address",
        "submitter_name": "Enter your name",
        "submitter_email": "Enter your email address",
    }

    def __init__(
        self,
        *args,
        now: float | None = None,
        saving: bool = False,
        draft: SubmissionDraft | None = None,
        case_study: CaseStudy | None = None,
        dropped: Sequence[str] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.saving, self.draft, self.case_study = saving, draft, case_study
        self.dropped = dropped  # names a post carried that were left out unread (``ops.manyfields``)
        self.add_file_fields()
        self.add_evidence_fields()
        for name, message in self.REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                label = field.label.removesuffix(" (optional)")
                field.error_messages["max_length"] = f"{label} must be {field.max_length} characters or fewer"
                field.widget.attrs.pop("maxlength", None)  # nothing typed or pasted is cut without a word
        for name in ("contact_email", "submitter_email"):
            self.fields[name].error_messages["invalid"] = (
                "Enter an email address in the correct format, like name@example.org"
            )
        self.fields["lead_council"].error_messages["invalid_choice"] = "Choose a council from the list"
        self.now = time.time() if now is None else now
        self.fresh_token = signing.dumps(self.now, salt=TOKEN_SALT)
        self.too_fast = False
        self.is_spam = False
        if saving:
            for field in self.fields.values():
                field.required = False
            for name in ("contact_email", "submitter_email"):
                field = self.fields[name]
                field.validators = [v for v in field.validators if not isinstance(v, EmailValidator)]

    def sections(self):
        """(heading, bound fields, whether the files section follows) for each section of the page."""
        return [
            (heading, [self[name] for name in names], heading == self.FILES_AFTER)
            for heading, names in self.SECTIONS
        ]

    @classmethod
    def initial_from_draft(cls, data: dict[str, Any]) -> dict[str, Any]:
        """A saved draft's answers as the form's initial values (unknown keys are ignored)."""
        initial = {}
        for name in cls.DRAFT_FIELDS:
            value = data.get(name)
            if name in cls.MULTIPLE:
                initial[name] = [str(v) for v in value] if isinstance(value, list) else []
            elif name == "consent":
                initial[name] = bool(value)
            elif isinstance(value, str):
                initial[name] = value
        return initial

    def draft_data(self) -> dict[str, Any]:
        """The answers as typed, for a saved draft."""
        data: dict[str, Any] = {}
        for name in self.DRAFT_FIELDS:
            if name in self.MULTIPLE:
                data[name] = (
                    self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name, [])
                )
            elif name == "consent":
                data[name] = bool(self.cleaned_data.get("consent"))
            else:
                data[name] = self.data.get(name, "")
        return data

    def clean_topics(self):
        topics = self.cleaned_data["topics"]
        if len(topics) > 3:
            raise forms.ValidationError("Choose no more than 3 topics", code="too_many_topics")
        return topics

    def clean(self):
        cleaned = super().clean()
        self.file_answers = self.clean_files(cleaned)
        self.clean_evidence(cleaned)
        if cleaned.get("website"):
            self.is_spam = True
            raise forms.ValidationError("We could not accept this form. Please try again.", code="honeypot")
        try:
            served = signing.loads(cleaned.get("form_token") or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
            served = float(served)
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                "Your form had expired or was not sent from our site. Check your answers and send it again.",
                code="bad_token",
            ) from None
        # Only worth saying of a form that is otherwise fine: an empty form sent at once has its field errors
        # to show, and its next sending carries the fresh token.
        if self.now - served < settings.SUBMISSION_MIN_SECONDS and not self.errors:
            self.too_fast = True
            raise forms.ValidationError(
                "That was sent too quickly. Check your answers and send the form again.", code="too_fast"
            )
        return cleaned

    def to_submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            files=self.file_answers,
            evidence=self.to_evidence(),
            title=data["title"].strip(),
            lead_council=data["lead_council"],
            partners=data["partners"].strip(),
            summary=data["summary"].strip(),
            challenge=data["challenge"].strip(),
            solution=data["solution"].strip(),
            impact=data["impact"].strip(),
            sustainability=data["sustainability"].strip(),
            lessons=data["lessons"].strip(),
            topics=list(data["topics"]),
            support_types=list(data["support_types"]),
            contact_name=data["contact_name"].strip(),
            contact_role=data["contact_role"].strip(),
            contact_email=data["contact_email"],
            submitter_name=data["submitter_name"].strip(),
            submitter_email=data["submitter_email"],
        )
