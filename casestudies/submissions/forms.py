"""The submission form: the case-study template's sections, their limits, and the anti-abuse fields."""

import time
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import EmailValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from casestudies.models import CaseStudy, Council, SubmissionDraft, SupportType, Topic

from . import evidenceforms
from .councilselect import CouncilChoiceField
from .evidenceforms import EvidenceMixin
from .fileforms import FilesMixin
from .services import Submission
from .welshforms import WelshMixin

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
                _("%(label)s must be %(limit)s words or fewer (you have %(words)s)"),
                code="too_many_words",
                params={"label": self.label, "limit": f"{self.max_words:,}", "words": f"{words:,}"},
            )
        if len(value or "") > self.max_length:
            raise forms.ValidationError(
                _("%(label)s must be %(limit)s characters or fewer (you have %(characters)s)"),
                code="max_length",
                params={
                    "label": self.label,
                    "limit": f"{self.max_length:,}",
                    "characters": f"{len(value):,}",
                },
            )


class LocalNames(forms.ModelMultipleChoiceField):
    """Topics or support types as checkboxes named in the page's language (issue 23)."""

    def label_from_instance(self, obj) -> str:
        return obj.local_name


class SubmissionForm(FilesMixin, EvidenceMixin, WelshMixin, forms.Form):
    """Sections in the order of the case-study template. ``sections`` groups them for the page.

    ``saving=True`` is "Save and come back later": nothing is required and email addresses may be half typed, but
    every limit (lengths, words, topics, files) and every safety check (honeypot, signed token, file content)
    still applies. ``draft`` and ``case_study`` say whose stored files the form may carry.
    """

    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_(
            "Up to 120 characters. Say what was done and where, for example “Wigan: warm homes for older residents”."
        ),
    )
    lead_council = CouncilChoiceField(
        label=_("Lead council"),
        queryset=Council.objects.filter(is_current=True).order_by("name"),
        to_field_name="code",
        empty_label=_("Choose a council"),
        help_text=_("The council that led the work. Choose from the list of current UK councils."),
    )
    partners = forms.CharField(
        label=_("Partner organisations (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Other councils, NHS bodies, charities or businesses that took part."),
    )
    summary = WordLimitedField(
        label=_("Summary"),
        max_words=100,
        rows=4,
        help_text=_("Up to 100 words. What was done and what difference it made."),
    )
    challenge = WordLimitedField(
        label=_("The challenge"),
        max_words=500,
        rows=8,
        help_text=_("Up to 500 words. The problem you set out to solve and why it mattered."),
    )
    solution = WordLimitedField(
        label=_("The solution"),
        max_words=750,
        rows=10,
        help_text=_("Up to 750 words. What you did, who was involved and how long it took."),
    )
    impact = WordLimitedField(
        label=_("The impact"),
        max_words=500,
        rows=8,
        help_text=_("Up to 500 words. What changed, with figures where you have them."),
    )
    sustainability = WordLimitedField(
        label=_("How the approach is being sustained"),
        max_words=300,
        rows=5,
        help_text=_("Up to 300 words. How the work is funded and continued now."),
    )
    lessons = WordLimitedField(
        label=_("Lessons learned"),
        max_words=300,
        rows=5,
        help_text=_("Up to 300 words. What you would tell another council starting out."),
    )
    topics = LocalNames(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose 1 to 3 topics."),
        error_messages={
            "required": _("Choose at least one topic"),
            "invalid_choice": _("Choose topics from the list"),
        },
    )
    support_types = LocalNames(
        label=_("Support received (optional)"),
        queryset=SupportType.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose any support the council received for this work."),
    )
    contact_name = forms.CharField(
        label=_("Name"), max_length=150, help_text=_("Published with the case study.")
    )
    contact_role = forms.CharField(
        label=_("Job title"), max_length=150, help_text=_("Published with the case study.")
    )
    contact_email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Published, so use a team or role address if you can."),
    )
    submitter_name = forms.CharField(label=_("Your name"), max_length=150, help_text=_("Never published."))
    submitter_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Never published. We send your reference here and use it if we have questions."),
    )
    consent = forms.BooleanField(
        label=_(
            "I confirm that my council agrees to this case study being published on this site, and that the "
            "contact details above may be published with it."
        ),
        error_messages={"required": _("Confirm that your council agrees to publication")},
    )
    # Anti-abuse: a field people never see, and when the form was served (signed).
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    # Each Welsh field follows its English one (``welshforms``); the language question comes first.
    SECTIONS = [
        (_("About the case study"), ["language", "title", "title_cy", "lead_council", "partners"]),
        (_("Summary"), ["summary", "summary_cy"]),
        (_("The challenge"), ["challenge", "challenge_cy"]),
        (_("The solution"), ["solution", "solution_cy"]),
        (_("The impact"), ["impact", "impact_cy"]),
        (_("How the approach is being sustained"), ["sustainability", "sustainability_cy"]),
        (_("Lessons learned"), ["lessons", "lessons_cy"]),
        (evidenceforms.HEADING, evidenceforms.FIELDS),
        (_("Topics and support"), ["topics", "support_types"]),
        (_("Contact for this case study"), ["contact_name", "contact_role", "contact_email"]),
        (_("About you"), ["submitter_name", "submitter_email"]),
        (_("Publication"), ["consent"]),
    ]
    SINGLE_FIELD_SECTIONS = {"summary", "challenge", "solution", "impact", "sustainability", "lessons"}
    FILES_AFTER = _("Topics and support")
    # The answers a saved draft keeps, as typed (files are kept as stored files).
    DRAFT_FIELDS = [name for _, names in SECTIONS for name in names]
    MULTIPLE = {"topics", "support_types"}

    REQUIRED_MESSAGES = {
        "title": _("Enter a title"),
        "lead_council": _("Choose the council that led the work"),
        "summary": _("Enter a summary"),
        "challenge": _("Describe the challenge"),
        "solution": _("Describe the solution"),
        "impact": _("Describe the impact"),
        "sustainability": _("Say how the approach is being sustained"),
        "lessons": _("Enter the lessons learned"),
        "contact_name": _("Enter the contact's name"),
        "contact_role": _("Enter the contact's job title"),
        "contact_email": _("Enter the contact's email address"),
        "submitter_name": _("Enter your name"),
        "submitter_email": _("Enter your email address"),
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
        self.add_welsh_fields()
        for name, message in self.REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                label = str(field.label).removesuffix(" " + str(_("(optional)")))
                field.error_messages["max_length"] = _("%(label)s must be %(limit)s characters or fewer") % {
                    "label": label,
                    "limit": field.max_length,
                }
                field.widget.attrs.pop("maxlength", None)  # nothing typed or pasted is cut without a word
        for name in ("contact_email", "submitter_email"):
            self.fields[name].error_messages["invalid"] = _(
                "Enter an email address in the correct format, like name@example.org"
            )
        self.fields["lead_council"].error_messages["invalid_choice"] = _("Choose a council from the list")
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
        initial.setdefault("language", "en")  # saved before the question: typed in the English boxes
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
            raise forms.ValidationError(_("Choose no more than 3 topics"), code="too_many_topics")
        return topics

    def clean(self):
        cleaned = super().clean()
        self.file_answers = self.clean_files(cleaned)
        self.clean_evidence(cleaned)
        if cleaned.get("website"):
            self.is_spam = True
            raise forms.ValidationError(
                _("We could not accept this form. Please try again."), code="honeypot"
            )
        try:
            served = signing.loads(cleaned.get("form_token") or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
            served = float(served)
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _(
                    "Your form had expired or was not sent from our site. Check your answers and send it again."
                ),
                code="bad_token",
            ) from None
        # Only worth saying of a form that is otherwise fine: an empty form sent at once has its field errors
        # to show, and its next sending carries the fresh token.
        if self.now - served < settings.SUBMISSION_MIN_SECONDS and not self.errors:
            self.too_fast = True
            raise forms.ValidationError(
                _("That was sent too quickly. Check your answers and send the form again."), code="too_fast"
            )
        return cleaned

    def to_submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            files=self.file_answers,
            evidence=self.to_evidence(),
            **self.texts(data),  # the title, summary and sections, English and Welsh (``welshforms``)
            lead_council=data["lead_council"],
            partners=data["partners"].strip(),
            topics=list(data["topics"]),
            support_types=list(data["support_types"]),
            contact_name=data["contact_name"].strip(),
            contact_role=data["contact_role"].strip(),
            contact_email=data["contact_email"],
            submitter_name=data["submitter_name"].strip(),
            submitter_email=data["submitter_email"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
