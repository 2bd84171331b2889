"""The editors' forms: the case study's change form (with the reason kept in its revision), a request for
changes, a reason for returning to draft, and a publication time."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone

from casestudies.models import CaseStudy

# What the change form edits of the impact, cost and evidence (the self-assessed level is the submitter's, shown
# read-only; a changed confirmed level goes through ``services.confirm_evidence``).
EDITABLE_EVIDENCE_FIELDS = [
    *(name for name in CaseStudy.EVIDENCE_FIELDS if name != "evidence_level_claimed"),
    "evidence_level_confirmed",
    "last_reviewed",
]


class CaseStudyAdminForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Kept in the history with your name and the time, e.g. “Corrected the savings figure”.",
    )
    evaluation_url = forms.URLField(
        label="Evaluation report (link)", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = CaseStudy
        fields = [
            *CaseStudy.TEXT_FIELDS,
            *CaseStudy.WELSH_FIELDS,
            "slug",
            "lead_council",
            "topics",
            "support_types",
            *EDITABLE_EVIDENCE_FIELDS,
        ]

    def clean(self):
        """A case study written in Welsh only keeps its English fields equal to its Welsh ones (that is how it is
        stored, ``CaseStudy.welsh_only``) when an editor corrects only the Welsh: otherwise the old Welsh would stay
        in the English fields and the case study would turn bilingual with two different Welsh texts."""
        cleaned = super().clean()
        if self.instance.pk and self.instance.welsh_only:
            english_untouched = not any(english in self.changed_data for english in CaseStudy.WELSH)
            if english_untouched and any(welsh in self.changed_data for welsh in CaseStudy.WELSH.values()):
                for english, welsh in CaseStudy.WELSH.items():
                    if welsh in cleaned:
                        cleaned[english] = cleaned[welsh]
        return cleaned


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label="What needs to change (sent to the submitter)",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 70}),
        max_length=4000,
        error_messages={"required": "Say what needs to change: the note is sent to the submitter."},
    )


class ReturnToDraftForm(forms.Form):
    note = forms.CharField(
        label="Reason (emailed to the submitter and kept in the moderation history)",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
        max_length=2000,
        error_messages={"required": "Give a reason for returning it to draft."},
    )


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label="Publish at",
        widget=AdminSplitDateTime,
        help_text="UK time. The case study appears on every page, feed, export and alert at that time.",
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError("Choose a time in the future, or use Publish to publish now.")
        return value
