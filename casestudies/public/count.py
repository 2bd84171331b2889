"""``/case-studies/count.json?<the finder's query>``: how many case studies a search gives, as JSON, for the
"Show N results" button of the filters on small screens (static/js/finder.js updates N as boxes are ticked).

It counts from the catalogue index (one bit count, no page of results is read) and shares the page cache of the
list pages. ``in_topic`` and ``in_council`` aim it at a topic or council page's fixed scope (an unknown one is a 404,
as that page is). Any other input gives a 200 with a number: a bad value counts as the list would (the list page
explains what it ignored).
"""

from django.http import Http404, HttpRequest, JsonResponse

from casestudies.catalogue import selectors
from casestudies.catalogue.context import SearchContext
from casestudies.ops.pagecache import cached_public_page
from casestudies.ops.safejson import json_response

SCOPES = ("in_topic", "in_council")


@cached_public_page
def result_count(request: HttpRequest) -> JsonResponse:
    params = request.GET.copy()
    slug, code = (params.pop(name, [""])[-1] for name in SCOPES)
    topic = selectors.topic_by_slug(slug) if slug and "\x00" not in slug else None
    council = selectors.council_by_code(code) if code else None
    if (slug and topic is None) or (code and council is None):
        raise Http404("No such topic or council")
    search = SearchContext.build(params, topic=topic, council=council)
    response = json_response({"count": search.filterset.results().count()})
    response.cacheable = True
    response.cache_until = search.filterset.index.next_change
    return response
