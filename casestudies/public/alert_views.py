"""The pages of email alerts: asking for an address, confirming, unsubscribing."""

from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from casestudies.catalogue.context import SearchContext
from casestudies.ops import ratelimit

from . import alerts


class AlertForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We will email you a link to confirm. We use the address only for these alerts."),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )


def alert_new(request: HttpRequest) -> HttpResponse:
    """Ask for an email address for alerts about the search in the query string."""
    search = SearchContext.from_request(request)
    query = urlencode(search.params)
    if request.method == "POST":
        form = AlertForm(request.POST)
        if ratelimit.is_limited(request, scope="alert"):
            return render(
                request,
                "casestudies/alert_new.html",
                {
                    "form": form,
                    "search": search,
                    "rate_limited": True,
                    "minutes": ratelimit.minutes_until_reset(),
                },
                status=429,
            )
        if form.is_valid():
            alerts.subscribe(
                email=form.cleaned_data["email"], query=query, language=translation.get_language()
            )
            ratelimit.record(request, scope="alert")
            return render(request, "casestudies/alert_sent.html", {"email": form.cleaned_data["email"]})
    else:
        form = AlertForm()
    return render(request, "casestudies/alert_new.html", {"form": form, "search": search})


def alert_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        alert = alerts.confirm(token=token)
    except alerts.BadAlertToken:
        return render(request, "casestudies/alert_bad_link.html", status=404)
    search_url = reverse("casestudies:list") + (f"?{alert.query}" if alert.query else "")
    context = {"alert": alert, "search_query": alert.query, "search_url": search_url}
    return render(request, "casestudies/alert_confirmed.html", context)


@csrf_exempt
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click (GET) or the mail client's one-click POST (RFC 8058); the signed token is the authority."""
    try:
        alerts.unsubscribe(token=token)
    except alerts.BadAlertToken:
        return render(request, "casestudies/alert_bad_link.html", status=404)
    return render(request, "casestudies/alert_unsubscribed.html")
