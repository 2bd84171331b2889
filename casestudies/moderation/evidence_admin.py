"""The case study admin's impact, cost and evidence (issue 20): the "Evidence" panel where an editor confirms or
changes the submitter's own level (both kept), the outcomes inline, the "Evidence" list filter, and "Mark as
reviewed today" (a button and a bulk action). A mixin for ``CaseStudyAdmin`` (moderation/admin.py)."""

from django.contrib import admin, messages
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from casestudies.models import EVIDENCE_LEVEL_HELP, Attachment, CaseStudy, Outcome
from casestudies.models.proposals import KEY as PROPOSAL
from casestudies.models.proposals import changed_fields, proposal_of

from . import services
from .actions import run_each

EVIDENCE_FIELDSETS = [
    (
        "Evidence",
        {
            "fields": [
                "evidence_claimed_panel",
                "evidence_level_confirmed",
                "evidence_confirmed_at",
                "evaluation_url",
                "evaluation_report_panel",
                "proposed_changes_panel",
            ],
            "description": "The submitter's own level is kept as they gave it. Confirm it, or choose the level "
            "you judge right: the page shows the confirmed level and says an editor checked it.",
        },
    ),
    (
        "Impact and cost",
        {
            "fields": [
                "cost_band",
                "cost_amount",
                "cost_covers",
                "savings_per_year",
                "savings_method",
                "stage",
                "stopped_reason",
                "start_year",
                "end_year",
                "last_reviewed",
            ]
        },
    ),
]


class EvidenceFilter(admin.SimpleListFilter):
    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [
            ("unconfirmed", "Self-assessed, not yet confirmed"),
            ("confirmed", "Confirmed by an editor"),
            ("none", "Not stated"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unconfirmed":
            return queryset.filter(
                evidence_level_claimed__isnull=False, evidence_level_confirmed__isnull=True
            )
        if value == "confirmed":
            return queryset.filter(evidence_level_confirmed__isnull=False)
        if value == "none":
            return queryset.filter(
                Q(evidence_level_claimed__isnull=True) & Q(evidence_level_confirmed__isnull=True)
            )
        return queryset


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    max_num = 6
    fields = ["position", "measure", "before", "after", "unit", "period", "source"]
    verbose_name_plural = "measured outcomes (up to 6)"


@admin.action(description="Mark selected case studies as reviewed today", permissions=["change"])
def mark_reviewed_selected(modeladmin, request, queryset):
    done = run_each(request, services.mark_reviewed, queryset)
    if done:
        messages.success(request, f"Marked {done} case stud{'y' if done == 1 else 'ies'} as reviewed today.")


class EvidenceAdminMixin:
    def evidence_urls(self) -> list:
        return [
            path(
                "<int:pk>/mark-reviewed/",
                self.admin_site.admin_view(self.mark_reviewed_view),
                name="casestudies_casestudy_mark_reviewed",
            ),
            path(
                "<int:pk>/publish-proposal/",
                self.admin_site.admin_view(self.publish_proposal_view),
                name="casestudies_casestudy_publish_proposal",
            ),
            path(
                "<int:pk>/discard-proposal/",
                self.admin_site.admin_view(self.discard_proposal_view),
                name="casestudies_casestudy_discard_proposal",
            ),
        ]

    def publish_proposal_view(self, request, pk: int):
        return self._single(
            request,
            pk,
            allowed=self.has_publish_permission(request),
            action=services.publish_proposed_changes,
            success="Published the changes the contact sent.",
        )

    def discard_proposal_view(self, request, pk: int):
        return self._single(
            request,
            pk,
            allowed=self.has_publish_permission(request),
            action=services.discard_proposed_changes,
            success="Discarded the changes the contact sent.",
        )

    def proposal_buttons(self, request, obj: CaseStudy) -> list[dict]:
        """Publish or discard the changes a contact sent from a review reminder, when there are some."""
        if not self.has_publish_permission(request) or proposal_of(obj) is None:
            return []
        return [
            {
                "label": label,
                "url": reverse(f"admin:casestudies_casestudy_{name}", args=[obj.pk]),
                "method": "post",
            }
            for label, name in [
                ("Publish the contact's changes", "publish_proposal"),
                ("Discard the contact's changes", "discard_proposal"),
            ]
        ]

    @admin.display(description="changes sent by the contact")
    def proposed_changes_panel(self, obj) -> str:
        draft = proposal_of(obj) if obj is not None and obj.pk else None
        if draft is None:
            return "None waiting"
        changed = changed_fields(obj, draft.data[PROPOSAL])
        return format_html(
            "Sent on {} from a review reminder, not public yet. They change: {}. Publish or discard them with "
            "the buttons at the top of the page.",
            timezone.localtime(draft.created_at).strftime("%d %B %Y"),
            ", ".join(changed) or "nothing in the text (files or outcomes only, or nothing)",
        )

    def mark_reviewed_view(self, request, pk: int):
        return self._single(
            request,
            pk,
            allowed=self.has_change_permission(request, get_object_or_404(CaseStudy, pk=pk)),
            action=services.mark_reviewed,
            success=f"Marked as reviewed today ({timezone.localdate():%d %B %Y}).",
        )

    @admin.display(description="self-assessed level")
    def evidence_claimed_panel(self, obj) -> str:
        if obj is None or obj.evidence_level_claimed is None:
            return "Not stated by the submitter"
        return format_html(
            "<strong>{}</strong><br>{}",
            obj.get_evidence_level_claimed_display(),
            EVIDENCE_LEVEL_HELP[obj.evidence_level_claimed],
        )

    @admin.display(description="evaluation report (file)")
    def evaluation_report_panel(self, obj) -> str:
        report = obj.attachments.filter(kind=Attachment.Kind.EVALUATION).first() if obj and obj.pk else None
        if report is None:
            return "No file uploaded"
        return format_html(
            '<a href="{}">Evaluation report ({}, {})</a><br>Retitle or delete it under “Image, documents and '
            "evaluation report” below; the public page shows it while the case study is published.",
            report.url,
            report.type_label,
            filesizeformat(report.size),
        )

    def save_evidence(self, request, obj, form) -> None:
        """A changed confirmed level goes through ``services.confirm_evidence`` (the time and the history)."""
        if "evidence_level_confirmed" in form.changed_data:
            services.confirm_evidence(case_study=obj, level=obj.evidence_level_confirmed, user=request.user)
