"""The admin: reference data, councils, the case study moderation queue and its buttons, the history."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from casestudies.models import (
    Attachment,
    CaseStudy,
    Council,
    ModerationEvent,
    SupportType,
    Topic,
)
from casestudies.models.revisions import save_revision
from casestudies.ops import pagecache

from . import services
from .actions import (
    RejectForm,
    publish_selected,
    reject_selected,
    request_changes_selected,
    return_selected_to_draft,
    run_each,
)
from .admin_views import WorkflowAdminMixin
from .evidence_admin import (
    EVIDENCE_FIELDSETS,
    EvidenceAdminMixin,
    EvidenceFilter,
    OutcomeInline,
    mark_reviewed_selected,
)
from .forms import CaseStudyAdminForm
from .inlines import AttachmentInline, ModerationEventInline
from .language_admin import WELSH_FIELDSET, LanguageAdminMixin, LanguageFilter

admin.site.site_header = "Case study library: editors"
admin.site.site_title = "Case study library admin"


class InvalidatesPageCache:
    """Any change an editor saves may show on the public lists: invalidate the cached pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        pagecache.bump_version()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pagecache.bump_version()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.bump_version()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.bump_version()


class ReferenceAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "case_study_count"]
    list_editable = ["order"]
    search_fields = ["name", "name_cy", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_case_studies=Count("case_studies"))

    @admin.display(description="case studies", ordering="num_case_studies")
    def case_study_count(self, obj) -> int:
        return obj.num_case_studies


@admin.register(Topic)
class TopicAdmin(ReferenceAdmin):
    pass


@admin.register(SupportType)
class SupportTypeAdmin(ReferenceAdmin):
    pass


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "gss_code", "authority_type", "region", "nation", "is_current"]
    list_filter = ["is_current", "nation", "region", "authority_type"]
    search_fields = ["name", "official_name", "name_cy", "official_name_cy", "code", "gss_code"]
    ordering = ["name"]


class StatusQueueFilter(admin.SimpleListFilter):
    """Opens on the *submitted* queue; "All" shows every status."""

    title = "status"
    parameter_name = "status"
    default = CaseStudy.Status.SUBMITTED

    def lookups(self, request, model_admin):
        return [*CaseStudy.Status.choices, (services.SCHEDULED, "Scheduled"), ("all", "All")]

    def queryset(self, request, queryset):
        value = self.value() or self.default
        if value == "all":
            return queryset
        if value == services.SCHEDULED:
            return queryset.scheduled()
        if value in CaseStudy.Status.values:
            return queryset.filter(status=value)
        return queryset.none()

    def choices(self, changelist):
        current = self.value() or self.default
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


@admin.register(CaseStudy)
class CaseStudyAdmin(
    InvalidatesPageCache, WorkflowAdminMixin, EvidenceAdminMixin, LanguageAdminMixin, admin.ModelAdmin
):
    form = CaseStudyAdminForm
    list_display = ["reference", "title", "lead_council", "submitted_at", "status_label", "published_at"]
    list_display_links = ["reference", "title"]
    list_filter = [
        StatusQueueFilter,
        EvidenceFilter,
        LanguageFilter,
        "topics",
        "support_types",
        "lead_council__region",
        "lead_council__nation",
    ]
    list_select_related = ["lead_council"]
    search_fields = ["reference", "title", "slug", "summary", "lead_council__name", "submitter_email"]
    autocomplete_fields = ["lead_council"]
    filter_horizontal = ["topics", "support_types"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "reference",
        "status_label",
        "published_at",
        "submitted_at",
        "submitter_name",
        "submitter_email",
        "publication_consent",
        "created_at",
        "updated_at",
        "text_updated_at",
        "public_link",
        "evidence_claimed_panel",
        "evaluation_report_panel",
        "proposed_changes_panel",
        "evidence_confirmed_at",
    ]
    inlines = [OutcomeInline, AttachmentInline, ModerationEventInline]
    actions = [
        publish_selected,
        request_changes_selected,
        reject_selected,
        return_selected_to_draft,
        mark_reviewed_selected,
    ]
    ordering = ["-submitted_at", "-id"]
    fieldsets = [
        (
            "Status",
            {
                "fields": [
                    "reference",
                    "status_label",
                    "public_link",
                    "published_at",
                    "submitted_at",
                    "text_updated_at",
                ]
            },
        ),
        (None, {"fields": ["title", "slug", "lead_council", "partners", "summary"]}),
        ("The case study", {"fields": list(CaseStudy.SECTION_FIELDS)}),
        WELSH_FIELDSET,
        ("Contact (published)", {"fields": ["contact_name", "contact_role", "contact_email"]}),
        ("Classification", {"fields": ["topics", "support_types"]}),
        *EVIDENCE_FIELDSETS,
        (
            "Submitted by (never published)",
            {
                "fields": [
                    "submitter_name",
                    "submitter_email",
                    "publication_consent",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        ("Why you are saving", {"fields": ["change_reason"]}),
    ]
    change_form_template = "admin/casestudies/casestudy/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.published_at is not None:
            fields.append("slug")  # stable once published
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return (
            {}
            if obj is not None and obj.published_at is not None
            else super().get_prepopulated_fields(request, obj)
        )

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("casestudies.publish_casestudy")

    def has_reject_permission(self, request) -> bool:
        return request.user.has_perm("casestudies.reject_casestudy")

    @admin.display(description="page")
    def public_link(self, obj) -> str:
        if obj.pk is None:
            return "-"
        label = "View on the site" if obj.is_live else "Preview"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    @admin.display(description="status", ordering="status")
    def status_label(self, obj) -> str:
        if obj.is_scheduled:
            return f"Scheduled for {timezone.localtime(obj.published_at):%d %b %Y, %H:%M}"
        return obj.get_status_display()

    def save_model(self, request, obj, form, change):
        if set(form.changed_data) & {*CaseStudy.TEXT_FIELDS, *CaseStudy.WELSH_FIELDS}:
            obj.text_updated_at = timezone.now()
        super().save_model(request, obj, form, change)
        self.save_evidence(request, obj, form)

    def save_related(self, request, form, formsets, change):
        """Every save in the admin is a revision: who, when, and the reason given (or what changed)."""
        super().save_related(request, form, formsets, change)
        changed = [form.fields[name].label or name for name in form.changed_data if name != "change_reason"]
        changed += [
            str(formset.model._meta.verbose_name_plural) for formset in formsets if formset.has_changed()
        ]
        if change and not changed:
            return
        reason = form.cleaned_data.get("change_reason", "").strip()
        summary = f"Edited in the admin: {', '.join(changed)}" if change else "Added in the admin"
        save_revision(
            form.instance, comment=f"{reason} ({summary})" if reason else summary, user=request.user
        )

    def delete_model(self, request, obj):
        obj.attachments.all().delete_with_files()
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        Attachment.objects.filter(case_study__in=queryset).delete_with_files()
        super().delete_queryset(request, queryset)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="casestudies_casestudy_publish",
            ),
            path(
                "<int:pk>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="casestudies_casestudy_reject",
            ),
        ]
        return own + self.workflow_urls() + self.evidence_urls() + super().get_urls()

    def _change_url(self, pk: int) -> str:
        return reverse("admin:casestudies_casestudy_change", args=[pk])

    def _single(self, request, pk: int, *, allowed: bool, action, success: str, **kwargs):
        if request.method != "POST":
            return redirect(self._change_url(pk))
        if not allowed:
            raise PermissionDenied
        case_study = get_object_or_404(CaseStudy, pk=pk)
        if run_each(request, action, [case_study], **kwargs):
            messages.success(request, success)
        return redirect(self._change_url(pk))

    def publish_view(self, request, pk: int):
        return self._single(
            request,
            pk,
            allowed=self.has_publish_permission(request),
            action=services.publish_case_study,
            success="Published.",
        )

    def reject_view(self, request, pk: int):
        if not self.has_reject_permission(request):
            raise PermissionDenied
        case_study = get_object_or_404(CaseStudy, pk=pk)
        form = RejectForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if run_each(
                request, services.reject_case_study, [case_study], reason=form.cleaned_data["reason"]
            ):
                messages.success(request, "Rejected. The submitter has been emailed the reason.")
            return redirect(self._change_url(pk))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reject {case_study.reference or case_study.title}",
            "form": form,
            "case_studies": [case_study],
            "opts": self.model._meta,
            "single": True,
        }
        return TemplateResponse(request, "admin/casestudies/casestudy/reject.html", context)

    def _moderation_buttons(self, request, obj: CaseStudy) -> list[dict]:
        """The transitions this user may make from the case study's current status."""
        Action = ModerationEvent.Action
        candidates = [
            (Action.PUBLISHED, "Publish", "publish", self.has_publish_permission(request), "post"),
            (Action.SCHEDULED, "Schedule…", "schedule", self.has_publish_permission(request), "get"),
            (
                Action.CHANGES_REQUESTED,
                "Request changes…",
                "request_changes",
                self.has_publish_permission(request),
                "get",
            ),
            (Action.REJECTED, "Reject…", "reject", self.has_reject_permission(request), "get"),
            (
                Action.RETURNED_TO_DRAFT,
                "Return to draft…",
                "return_to_draft",
                self.has_publish_permission(request),
                "get",
            ),
        ]
        buttons = [
            {
                "label": label,
                "url": reverse(f"admin:casestudies_casestudy_{name}", args=[obj.pk]),
                "method": method,
            }
            for action, label, name, allowed, method in candidates
            if allowed and services.moderation_state(obj) in services.ALLOWED_TRANSITIONS[action]
        ]
        if obj.status == CaseStudy.Status.PUBLISHED and self.has_change_permission(request, obj):
            url = reverse("admin:casestudies_casestudy_mark_reviewed", args=[obj.pk])
            buttons.append({"label": "Mark as reviewed today", "url": url, "method": "post"})
        return buttons + self.proposal_buttons(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["moderation_buttons"] = self._moderation_buttons(request, obj) if obj is not None else []
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "case_study", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    list_select_related = ["case_study", "actor"]
    search_fields = ["case_study__title", "case_study__reference", "note"]
    readonly_fields = ["case_study", "action", "from_status", "to_status", "actor", "note", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
