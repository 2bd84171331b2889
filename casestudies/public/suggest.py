"""``/case-studies/suggest/?q=``: suggestions as you type (case study titles, topics, councils) as JSON, for the
keyword box's autocomplete (static/js/suggest.js). Any input gives a 200 with a list, perhaps empty.

Under ``/cy/`` the suggestions are in Welsh where they can be (issue 23); one whose label is English carries
``"lang": "en"``, for the script to mark it. The key is left out where the label is in the page's language."""

from dataclasses import asdict

from django import forms
from django.http import HttpRequest, JsonResponse

from casestudies.ops.pagecache import cached_public_page
from casestudies.ops.safejson import json_response
from casestudies.search.typeahead import Suggestion
from casestudies.search.typeahead import suggest as suggestions_for


class SuggestForm(forms.Form):
    q = forms.CharField(max_length=100, required=False)


@cached_public_page
def suggest(request: HttpRequest) -> JsonResponse:
    form = SuggestForm(request.GET)
    typed = form.cleaned_data["q"] if form.is_valid() else ""
    found, good_until = suggestions_for(typed)
    response = json_response({"query": typed, "suggestions": [_as_json(s) for s in found]})
    response.cacheable = True
    response.cache_until = good_until
    return response


def _as_json(suggestion: Suggestion) -> dict:
    fields = asdict(suggestion)
    if not fields["lang"]:
        del fields["lang"]
    return fields
