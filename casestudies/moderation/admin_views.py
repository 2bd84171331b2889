"""The case study admin's own pages: Request changes…, Schedule…, Return to draft…, and the revision history
with its diff and revert. A mixin for ``CaseStudyAdmin`` (moderation/admin.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from casestudies.models import CaseStudy
from casestudies.models.revisions import versions_of

from . import history, services
from .actions import run_each
from .forms import RequestChangesForm, ReturnToDraftForm, ScheduleForm

TEMPLATES = "admin/casestudies/casestudy"


class WorkflowAdminMixin:
    def workflow_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/request-changes/",
                view(self.request_changes_view),
                name="casestudies_casestudy_request_changes",
            ),
            path("<int:pk>/schedule/", view(self.schedule_view), name="casestudies_casestudy_schedule"),
            path(
                "<int:pk>/return-to-draft/",
                view(self.return_to_draft_view),
                name="casestudies_casestudy_return_to_draft",
            ),
            path("<int:pk>/compare/", view(self.compare_view), name="casestudies_casestudy_compare"),
            path(
                "<int:pk>/revert/<int:version_id>/",
                view(self.revert_view),
                name="casestudies_casestudy_revert",
            ),
        ]

    def _page(self, request, template: str, case_study: CaseStudy, title: str, **context) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "original": case_study,
            "case_study": case_study,
            **context,
        }
        return TemplateResponse(request, f"{TEMPLATES}/{template}", context)

    def _form_action(
        self, request, pk: int, *, form_class, field: str, service, title: str, done: str, **page
    ):
        """A moderation action that asks for one value first (a note, a time), then runs ``service`` with it."""
        if not self.has_publish_permission(request):
            raise PermissionDenied
        case_study = get_object_or_404(CaseStudy, pk=pk)
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if run_each(request, service, [case_study], **{field: form.cleaned_data[field]}):
                messages.success(request, done)
            return redirect(reverse("admin:casestudies_casestudy_change", args=[pk]))
        name = case_study.reference or case_study.title
        return self._page(
            request,
            "action_form.html",
            case_study,
            title.format(name),
            form=form,
            cancel_url=reverse("admin:casestudies_casestudy_change", args=[pk]),
            **page,
        )

    def request_changes_view(self, request, pk: int):
        return self._form_action(
            request,
            pk,
            form_class=RequestChangesForm,
            field="note",
            service=services.request_changes,
            title="Request changes to {}",
            intro="The note is emailed to the submitter with a link that opens the case study in the submission "
            "form, filled in. When they send it back it returns to the submitted queue. Every round is kept in "
            "the moderation history.",
            button="Send the request",
            done="Changes requested. The submitter has been emailed your note and a link to the form.",
        )

    def schedule_view(self, request, pk: int):
        return self._form_action(
            request,
            pk,
            form_class=ScheduleForm,
            field="publish_at",
            service=services.schedule_publication,
            title="Schedule {}",
            intro="The case study will appear on every public page, feed, sitemap, export and alert at this time. "
            "Until then only editors can see it.",
            button="Schedule",
            done="Scheduled. The submitter has been told the date.",
        )

    def return_to_draft_view(self, request, pk: int):
        if CaseStudy.objects.published().filter(pk=pk).exists():
            intro = (
                "This takes the case study off the public site at once: its page, the lists, feeds, sitemap and "
                "exports. It goes back to draft, where it can be edited and published again."
            )
        else:
            intro = "It goes back to draft, where it can be edited, then published, rejected or sent back."
        return self._form_action(
            request,
            pk,
            form_class=ReturnToDraftForm,
            field="note",
            service=services.return_to_draft,
            title="Return {} to draft",
            intro=f"{intro} The reason is emailed to the submitter and kept in the moderation history.",
            button="Return to draft",
            done="Returned to draft.",
        )

    # Revisions ----------------------------------------------------------------------------------------------
    def history_view(self, request, object_id, extra_context=None):
        case_study = get_object_or_404(CaseStudy, pk=object_id)
        if not self.has_view_or_change_permission(request, case_study):
            raise PermissionDenied
        versions = list(versions_of(case_study))
        events = list(case_study.moderation_events.select_related("actor"))
        return self._page(
            request,
            "history.html",
            case_study,
            f"History of {case_study.reference or case_study.title}",
            versions=versions,
            events=events,
            can_revert=self.has_change_permission(request, case_study),
        )

    def _version(self, case_study: CaseStudy, version_id) -> Version:
        try:
            return versions_of(case_study).get(pk=int(version_id))
        except (Version.DoesNotExist, TypeError, ValueError):
            raise Http404("No such version") from None

    def compare_view(self, request, pk: int):
        case_study = get_object_or_404(CaseStudy, pk=pk)
        if not self.has_view_or_change_permission(request, case_study):
            raise PermissionDenied
        chosen = sorted(
            (self._version(case_study, request.GET.get(name)) for name in ("from", "to")),
            key=lambda version: (version.revision.date_created, version.pk),
        )
        older, newer = chosen
        return self._page(
            request,
            "compare.html",
            case_study,
            f"Compare two versions of {case_study.reference or case_study.title}",
            older=older,
            newer=newer,
            diffs=history.compare(older, newer),
        )

    def revert_view(self, request, pk: int, version_id: int):
        case_study = get_object_or_404(CaseStudy, pk=pk)
        if not self.has_change_permission(request, case_study):
            raise PermissionDenied
        version = self._version(case_study, version_id)
        if request.method == "POST":
            try:
                history.revert_to_version(case_study=case_study, version=version, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Reverted. The revert is itself a version in the history.")
            return redirect(reverse("admin:casestudies_casestudy_history", args=[pk]))
        current = versions_of(case_study).first()
        return self._page(
            request,
            "revert.html",
            case_study,
            f"Revert {case_study.reference or case_study.title} to an earlier version",
            version=version,
            current=current,
            diffs=history.compare(version, current) if current else [],
        )
