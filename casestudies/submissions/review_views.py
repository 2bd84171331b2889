"""The page a review reminder links to: "Is this case study still accurate?" (issue 20).

A link we did not make, or for a case study no longer public, is a 404; an expired link a 410. Both say so
plainly. "Something has changed" opens the submission form (``views.review_edit``). Nothing here needs a login: the signed link is the contact's permission.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casestudies.models import links
from casestudies.ops import ratelimit

from . import reviews

TEMPLATE = "casestudies/review.html"


def review(request: HttpRequest, token: str) -> HttpResponse:
    try:
        case_study = reviews.find_for_review(token)
    except links.ExpiredLink:
        return _problem(
            request,
            410,
            _("This link has expired"),
            _("Review links work for %(days)s days.") % {"days": links.REVIEW_LINK_DAYS},
        )
    except links.BadLink:
        return _problem(
            request,
            404,
            _("This link does not work"),
            _("Check that you copied the whole link from the email."),
        )
    if request.method == "POST":
        if ratelimit.is_limited(request, scope="review", limit=20):
            return _problem(
                request, 429, _("Too many answers from this connection"), _("Try again in an hour.")
            )
        ratelimit.record(request, scope="review")
        if request.POST.get("action") == "confirm":
            reviews.confirm_still_accurate(case_study=case_study)
            return redirect("casestudies:review_done", token=token, answer="confirmed")
        return redirect("casestudies:review", token=token)
    return render(request, TEMPLATE, {"case_study": case_study, "token": token})


def review_done(request: HttpRequest, token: str, answer: str) -> HttpResponse:
    if answer not in ("confirmed", "changes"):
        return _problem(
            request,
            404,
            _("This page does not exist"),
            _("Check that you copied the whole link from the email."),
        )
    try:
        case_study = reviews.find_for_review(token)
    except links.BadLink:
        return _problem(
            request,
            404,
            _("This link does not work"),
            _("Check that you copied the whole link from the email."),
        )
    return render(request, "casestudies/review_done.html", {"case_study": case_study, "answer": answer})


def _problem(request: HttpRequest, status: int, heading: str, text: str) -> HttpResponse:
    context = {"heading": heading, "text": text, "kind": "review"}
    return render(request, "casestudies/link_problem.html", context, status=status)
