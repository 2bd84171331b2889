"""The submission form, and the two ways back into it: a saved draft's link and an editor's request for changes.

Nothing typed is lost: a failed validation, the rate limit, an expired form and a CSRF failure all show the form
again with every answer (and every good file) kept.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casestudies.models import CaseStudy, SubmissionDraft, links
from casestudies.ops import ratelimit

from . import drafts, reviews, services
from .files import store_file
from .forms import SubmissionForm
from .welshforms import welsh_initial

REFERENCE_SALT = "casestudies.submission-reference"
TEMPLATE = "casestudies/submit.html"
# The new-submission form says how many more this connection may send once this few are left.
SAY_REMAINING_FROM = 2


def submit(request: HttpRequest) -> HttpResponse:
    """The public submission form."""
    if request.method == "POST":
        return _post(request, {"mode": "new"})
    return _show(request, SubmissionForm(), {"mode": "new"})


def draft(request: HttpRequest, token: str) -> HttpResponse:
    """A saved draft, opened from its emailed link: every answer and file as it was left."""
    found = _draft_or_problem(request, token)
    if isinstance(found, HttpResponse):
        return found
    context = {"mode": "draft", "draft": found, "token": token}
    if request.method == "POST":
        return _post(request, context, draft=found)
    initial = SubmissionForm.initial_from_draft(found.data)
    initial |= SubmissionForm.file_initial(list(found.attachments.all()))
    return _show(request, SubmissionForm(initial=initial, draft=found), context)


def changes(request: HttpRequest, token: str) -> HttpResponse:
    """A case study an editor sent back, opened from the emailed link: the same form, prefilled."""
    found = _changes_or_problem(request, token)
    if isinstance(found, HttpResponse):
        return found
    case_study, round_ = found
    context = {"mode": "changes", "case_study": case_study, "note": round_.note, "token": token}
    if request.method == "POST":
        return _post(request, context, case_study=case_study, round_id=round_.pk)
    return _show(request, SubmissionForm(initial=_initial(case_study), case_study=case_study), context)


def review_edit(request: HttpRequest, token: str) -> HttpResponse:
    """ "Something has changed" from a review reminder: the same form, prefilled with the published case study.
    What is sent waits for an editor (``reviews.propose_changes``); the page stays as it is until then."""
    found = _review_or_problem(request, token)
    if isinstance(found, HttpResponse):
        return found
    context = {"mode": "review", "case_study": found, "token": token}
    if request.method == "POST":
        return _post(request, context, case_study=found, review=True)
    initial = _initial(found) | {"submitter_name": found.contact_name, "submitter_email": found.contact_email}
    return _show(request, SubmissionForm(initial=initial, case_study=found), context)


def _initial(case_study: CaseStudy) -> dict:
    """A stored case study as the form's initial answers, with its files."""
    initial = {name: getattr(case_study, name) for name in CaseStudy.TEXT_FIELDS}
    initial |= {
        "lead_council": case_study.lead_council.code,
        "topics": [t.slug for t in case_study.topics.all()],
        "support_types": [s.slug for s in case_study.support_types.all()],
        "submitter_name": case_study.submitter_name,
        "submitter_email": case_study.submitter_email,
        "consent": case_study.publication_consent,
    }
    initial |= welsh_initial(case_study)
    initial |= SubmissionForm.evidence_initial(case_study)
    initial |= SubmissionForm.file_initial(list(case_study.attachments.all()))
    return initial


def _show(request, form: SubmissionForm, context: dict, status: int = 200) -> HttpResponse:
    context = {"form": form, "link_days": settings.SUBMISSION_LINK_DAYS, **context}
    if context["mode"] == "new" and not context.get("rate_limited"):
        left = ratelimit.remaining(request)
        if left <= SAY_REMAINING_FROM:
            context |= {"submissions_left": left, "minutes": ratelimit.minutes_until_reset()}
    return render(request, TEMPLATE, context, status=status)


def _limit_scope(*, saving: bool, draft, case_study) -> tuple[str | None, int | None]:
    """Which per-address limit a sending counts towards: saves have their own; only new submissions count
    towards the submissions limit. A resubmission after requested changes and a submission from a saved
    draft's link come through a signed link (a council office shares one address), so neither counts."""
    if saving:
        return "save", settings.DRAFT_SAVE_RATE_LIMIT
    if draft is None and case_study is None:
        return "submit", None
    return None, None


def _post(
    request: HttpRequest,
    context: dict,
    *,
    draft: SubmissionDraft | None = None,
    case_study: CaseStudy | None = None,
    round_id: int | None = None,
    review: bool = False,
) -> HttpResponse:
    saving = request.POST.get("action") == "save" and case_study is None
    form = SubmissionForm(
        request.POST,
        request.FILES,
        saving=saving,
        draft=draft,
        case_study=case_study,
        dropped=getattr(request, "dropped_fields", ()),
    )
    scope, limit = _limit_scope(saving=saving, draft=draft, case_study=case_study)
    limited = scope is not None and ratelimit.is_limited(request, scope=scope, limit=limit)
    valid = form.is_valid()
    if limited or not valid:
        form.keep_good_files(store_file)
        if limited:
            context = {
                **context,
                "rate_limited": True,
                "saving": saving,
                "minutes": ratelimit.minutes_until_reset(),
            }
            return _show(request, form, context, status=429)
        return _show(request, form, context, status=400 if form.is_spam else 200)
    if scope is not None:
        ratelimit.record(request, scope=scope)
    if saving:
        email = form.cleaned_data.get("submitter_email") or ""
        saved = drafts.save_draft(
            draft=draft,
            data=form.draft_data(),
            files=form.file_answers,
            email=email if _is_email(email) else "",
            language=translation.get_language(),
        )
        token = links.draft_token(saved.pk)
        return redirect("casestudies:draft_saved" if saved.email else "casestudies:draft_email", token=token)
    if review and case_study is not None:
        reviews.propose_changes(case_study=case_study, submission=form.to_submission())
        return redirect("casestudies:review_done", token=context["token"], answer="changes")
    if case_study is not None and round_id is not None:
        try:
            done = services.resubmit_case_study(
                case_study=case_study, round_id=round_id, submission=form.to_submission()
            )
        except services.ChangesClosed:
            return _problem(request, "closed")
        return redirect("casestudies:submit_done", token=_reference_token(done, resubmitted=True))
    created = services.submit_case_study(submission=form.to_submission(), draft=draft)
    return redirect("casestudies:submit_done", token=_reference_token(created))


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _reference_token(case_study: CaseStudy, *, resubmitted: bool = False) -> str:
    return signing.dumps([case_study.reference, resubmitted], salt=REFERENCE_SALT)


def submit_done(request: HttpRequest, token: str) -> HttpResponse:
    try:
        value = signing.loads(token, salt=REFERENCE_SALT, max_age=60 * 60 * 24 * 30)
    except signing.BadSignature:
        raise Http404("Unknown submission") from None
    reference, resubmitted = value if isinstance(value, list) else (value, False)
    return render(
        request, "casestudies/submit_done.html", {"reference": reference, "resubmitted": bool(resubmitted)}
    )


# Links that do not open -----------------------------------------------------------------------------------
PROBLEMS = {
    "bad": (
        404,
        gettext_lazy("This link does not work"),
        gettext_lazy("Check that you copied the whole link from the email."),
    ),
    "expired": (
        410,
        gettext_lazy("This link has expired"),
        gettext_lazy("Links to saved answers and to requested changes work for %(days)s days."),
    ),
    "review_expired": (
        410,
        gettext_lazy("This link has expired"),
        gettext_lazy("Review links work for %(days)s days."),
    ),
    "closed": (
        410,
        gettext_lazy("These changes have already been sent"),
        gettext_lazy(
            "This case study is back with the editors, so this link no longer opens it. They will email you."
        ),
    ),
}
PROBLEM_DAYS = {"expired": settings.SUBMISSION_LINK_DAYS, "review_expired": links.REVIEW_LINK_DAYS}


def _problem(request: HttpRequest, kind: str) -> HttpResponse:
    status, heading, text = PROBLEMS[kind]
    if kind in PROBLEM_DAYS:
        text = str(text) % {"days": PROBLEM_DAYS[kind]}
    context = {"heading": heading, "text": text, "kind": kind}
    return render(request, "casestudies/link_problem.html", context, status=status)


def _draft_or_problem(request: HttpRequest, token: str) -> SubmissionDraft | HttpResponse:
    try:
        return drafts.find_draft(token)
    except links.ExpiredLink:
        return _problem(request, "expired")
    except links.BadLink:
        return _problem(request, "bad")


def _changes_or_problem(request: HttpRequest, token: str):
    try:
        return services.changes_round(token=token)
    except links.ExpiredLink:
        return _problem(request, "expired")
    except links.BadLink:
        return _problem(request, "bad")
    except services.ChangesClosed:
        return _problem(request, "closed")


def _review_or_problem(request: HttpRequest, token: str) -> CaseStudy | HttpResponse:
    try:
        return reviews.find_for_review(token)
    except links.ExpiredLink:
        return _problem(request, "review_expired")
    except links.BadLink:
        return _problem(request, "bad")


# After saving a draft -------------------------------------------------------------------------------------
def draft_email(request: HttpRequest, token: str) -> HttpResponse:
    """The answers are saved; where should the link go? (Only asked when the form had no email address.)"""
    found = _draft_or_problem(request, token)
    if isinstance(found, HttpResponse):
        return found
    form = drafts.DraftEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if ratelimit.is_limited(request, scope="save", limit=settings.DRAFT_SAVE_RATE_LIMIT):
            form.add_error(
                None,
                _("You have saved several times in the last hour. Try again in about %(minutes)s minutes.")
                % {"minutes": ratelimit.minutes_until_reset()},
            )
        else:
            ratelimit.record(request, scope="save")
            drafts.set_draft_email(
                draft=found, email=form.cleaned_data["email"], language=translation.get_language()
            )
            return redirect("casestudies:draft_saved", token=token)
    return render(request, "casestudies/draft_email.html", {"form": form, "draft": found, "token": token})


def draft_saved(request: HttpRequest, token: str) -> HttpResponse:
    found = _draft_or_problem(request, token)
    if isinstance(found, HttpResponse):
        return found
    if not found.email:
        return redirect("casestudies:draft_email", token=token)
    files = found.attachments.count()
    return render(request, "casestudies/draft_saved.html", {"draft": found, "token": token, "files": files})


# CSRF failures: the form again, as typed --------------------------------------------------------------------
def form_after_csrf_failure(request: HttpRequest, reason: str = "", token: str | None = None) -> HttpResponse:
    """Called by ``casestudies.csrf`` when the form was refused for its CSRF token (usually an expired
    session): the answers come back as typed, with a new token, and nothing is stored."""
    context: dict = {"mode": "new", "csrf_failed": True}
    draft = case_study = None
    url_name = request.resolver_match.url_name if request.resolver_match else "submit"
    if token is not None and url_name == "draft":
        found = _draft_or_problem(request, token)
        if isinstance(found, HttpResponse):
            return found
        draft = found
        context |= {"mode": "draft", "draft": draft, "token": token}
    elif token is not None and url_name == "changes":
        found = _changes_or_problem(request, token)
        if isinstance(found, HttpResponse):
            return found
        case_study, round_ = found
        context |= {"mode": "changes", "case_study": case_study, "note": round_.note, "token": token}
    elif token is not None and url_name == "review_edit":
        found = _review_or_problem(request, token)
        if isinstance(found, HttpResponse):
            return found
        case_study = found
        context |= {"mode": "review", "case_study": case_study, "token": token}
    initial = {}
    for name in SubmissionForm(draft=draft, case_study=case_study).fields:
        if name in SubmissionForm.MULTIPLE:
            initial[name] = request.POST.getlist(name)
        elif name in request.POST:
            initial[name] = request.POST.get(name)
    form = SubmissionForm(initial=initial, draft=draft, case_study=case_study)
    return _show(request, form, context, status=403)


def known_fields() -> dict[str, int]:
    """The names the form's views read from a post, each with how many values it may carry: anything else is
    left out before parsing finishes (``ops.manyfields``), so a post with thousands of outcome rows gets the
    form back with its error instead of Django's 400 for too many fields."""
    names = {name: 1 for name in SubmissionForm().fields} | {"action": 1}
    return names | {name: 20 for name in SubmissionForm.MULTIPLE}


for _view in (submit, draft, changes, review_edit):
    _view.csrf_failure = form_after_csrf_failure
    _view.known_fields = known_fields
