"""The admin's bulk moderation actions, and the helper that runs a moderation service for each case study."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from . import services
from .forms import RequestChangesForm, ReturnToDraftForm


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (sent to the submitter)",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
    )


def run_each(request, action, case_studies, **kwargs) -> int:
    """Call a service for each case study; report refusals as messages. Returns how many succeeded."""
    done = 0
    for case_study in case_studies:
        try:
            action(case_study=case_study, actor=request.user, **kwargs)
            done += 1
        except ValidationError as error:
            messages.error(request, f"{case_study.reference or case_study.title}: {' '.join(error.messages)}")
    return done


@admin.action(description="Publish selected case studies", permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    done = run_each(request, services.publish_case_study, queryset)
    if done:
        messages.success(request, f"Published {done} case stud{'y' if done == 1 else 'ies'}.")


def ask_then_run(modeladmin, request, queryset, *, form_class, field: str, service, done: str, **page):
    """A bulk action that asks for one value first (a reason, a note): the form, then the service for each
    selected case study with that value. ``done`` is the message, with ``{}`` for "N case studies"."""
    form = form_class(request.POST if field in request.POST else None)
    if form.is_bound and form.is_valid():
        count = run_each(request, service, queryset, **{field: form.cleaned_data[field]})
        if count:
            messages.success(request, done.format(f"{count} case stud{'y' if count == 1 else 'ies'}"))
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "form": form,
        "case_studies": queryset,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        **page,
    }
    return TemplateResponse(request, "admin/casestudies/casestudy/reject.html", context)


@admin.action(
    description="Request changes to selected case studies (asks for a note)", permissions=["publish"]
)
def request_changes_selected(modeladmin, request, queryset):
    return ask_then_run(
        modeladmin,
        request,
        queryset,
        form_class=RequestChangesForm,
        field="note",
        service=services.request_changes,
        done="Asked for changes to {}.",
        title="Request changes",
        action_name="request_changes_selected",
        intro="The note is emailed to each submitter with a link to their case study in the submission form.",
        button="Request changes",
    )


@admin.action(description="Reject selected case studies (asks for a reason)", permissions=["reject"])
def reject_selected(modeladmin, request, queryset):
    return ask_then_run(
        modeladmin,
        request,
        queryset,
        form_class=RejectForm,
        field="reason",
        service=services.reject_case_study,
        done="Rejected {}.",
        title="Reject case studies",
    )


@admin.action(
    description="Return selected case studies to draft (asks for a reason)", permissions=["publish"]
)
def return_selected_to_draft(modeladmin, request, queryset):
    return ask_then_run(
        modeladmin,
        request,
        queryset,
        form_class=ReturnToDraftForm,
        field="note",
        service=services.return_to_draft,
        done="Returned {} to draft.",
        title="Return case studies to draft",
        action_name="return_selected_to_draft",
        intro="Published case studies among them come off the public site at once. The reason is emailed to "
        "each submitter and kept in the moderation history.",
        button="Return to draft",
    )
