"""The page a review reminder links to: "Is this case study still accurate?" (issue 20).

A link we did not make, or for a case study no longer public, is a 404; an expired link a 410. Both say so
plainly. Nothing here needs a login: the signed link is the contact's permission.
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casestudies.models import links
from casestudies.ops import ratelimit

from . import reviews

TEMPLATE = "casestudies/review.html"


class ChangesForm(forms.Form):
    note = forms.CharField(
        label="What has changed?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For example: new figures for 2025, a new contact, or the work has stopped and why. An editor "
        "will read it and update the case study with you.",
        error_messages={
            "required": "Say what has changed",
            "max_length": "Keep it to 4,000 characters or fewer",
        },
    )


def review(request: HttpRequest, token: str) -> HttpResponse:
    try:
        case_study = reviews.find_for_review(token)
    except links.ExpiredLink:
        return _problem(
            request, 410, "This link has expired", f"Review links work for {links.REVIEW_LINK_DAYS} days."
        )
    except links.BadLink:
        return _problem(
            request, 404, "This link does not work", "Check that you copied the whole link from the email."
        )
    form = ChangesForm()
    if request.method == "POST":
        if ratelimit.is_limited(request, scope="review", limit=20):
            return _problem(request, 429, "Too many answers from this connection", "Try again in an hour.")
        ratelimit.record(request, scope="review")
        if request.POST.get("action") == "confirm":
            reviews.confirm_still_accurate(case_study=case_study)
            return redirect("casestudies:review_done", token=token, answer="confirmed")
        form = ChangesForm(request.POST)
        if form.is_valid():
            reviews.offer_changes(case_study=case_study, note=form.cleaned_data["note"])
            return redirect("casestudies:review_done", token=token, answer="changes")
    return render(request, TEMPLATE, {"case_study": case_study, "form": form, "token": token})


def review_done(request: HttpRequest, token: str, answer: str) -> HttpResponse:
    if answer not in ("confirmed", "changes"):
        return _problem(
            request, 404, "This page does not exist", "Check that you copied the whole link from the email."
        )
    try:
        case_study = reviews.find_for_review(token)
    except links.BadLink:
        return _problem(
            request, 404, "This link does not work", "Check that you copied the whole link from the email."
        )
    return render(request, "casestudies/review_done.html", {"case_study": case_study, "answer": answer})


def _problem(request: HttpRequest, status: int, heading: str, text: str) -> HttpResponse:
    context = {"heading": heading, "text": text, "kind": "review"}
    return render(request, "casestudies/link_problem.html", context, status=status)
