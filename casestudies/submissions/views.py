"""The public submission form and its confirmation page."""

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casestudies.ops import ratelimit

from . import services
from .forms import SubmissionForm

REFERENCE_SALT = "casestudies.submission-reference"


def submit(request: HttpRequest) -> HttpResponse:
    """The public submission form. Every answer is kept on any error, including the rate limit."""
    if request.method == "POST":
        form = SubmissionForm(request.POST)
        if ratelimit.is_limited(request):
            context = {"form": form, "rate_limited": True, "minutes": ratelimit.minutes_until_reset()}
            return render(request, "casestudies/submit.html", context, status=429)
        if form.is_valid():
            case_study = services.submit_case_study(submission=form.to_submission())
            ratelimit.record(request)
            token = signing.dumps(case_study.reference, salt=REFERENCE_SALT)
            return redirect("casestudies:submit_done", token=token)
        return render(request, "casestudies/submit.html", {"form": form}, status=400 if form.is_spam else 200)
    return render(request, "casestudies/submit.html", {"form": SubmissionForm()})


def submit_done(request: HttpRequest, token: str) -> HttpResponse:
    try:
        reference = signing.loads(token, salt=REFERENCE_SALT, max_age=60 * 60 * 24 * 30)
    except signing.BadSignature:
        raise Http404("Unknown submission") from None
    return render(request, "casestudies/submit_done.html", {"reference": reference})
