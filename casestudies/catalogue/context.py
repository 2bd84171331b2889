"""One search, wherever it is used: the list, topic and council pages, feeds, exports and email alerts.

It binds the validated filters (``CaseStudyFilter``) to the page it belongs to and knows that page's URLs.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext

from casestudies.models import CaseStudy, Council, Topic

from . import selectors
from .filters import CaseStudyFilter


@dataclass(frozen=True)
class Spelling:
    """What the list says about the keyword's spelling: "Did you mean …?" or "Showing results for …"."""

    corrected: str
    corrected_url: str
    showing_corrected: bool
    typed: str = ""
    typed_url: str = ""


@dataclass
class SearchContext:
    filterset: CaseStudyFilter
    topic: Topic | None = None
    council: Council | None = None

    @classmethod
    def build(
        cls, data: QueryDict, *, topic: Topic | None = None, council: Council | None = None
    ) -> "SearchContext":
        filterset = CaseStudyFilter(
            data, queryset=selectors.public_case_studies(), fixed_topic=topic, fixed_council=council
        )
        return cls(filterset=filterset, topic=topic, council=council)

    @classmethod
    def from_request(
        cls, request: HttpRequest, *, slug: str | None = None, code: str | None = None
    ) -> "SearchContext":
        """Raises Http404 for an unknown topic slug or council code."""
        topic = council = None
        if slug is not None:
            topic = selectors.topic_by_slug(slug)
            if topic is None:
                raise Http404("No such topic")
        if code is not None:
            council = selectors.council_by_code(code)
            if council is None:
                raise Http404("No such council")
        return cls.build(request.GET, topic=topic, council=council)

    @classmethod
    def from_query(cls, query: str) -> "SearchContext":
        return cls.build(QueryDict(query))

    # What the search is about, in words.
    @property
    def heading(self) -> str:
        """In the active language, with the topic's or council's name in it (the pages' own headings' words)."""
        if self.topic:
            return gettext("%(topic)s case studies") % {"topic": self.topic.local_name}
        if self.council:
            return gettext("Case studies from %(council)s") % {"council": self.council.local_name}
        return gettext("Case studies")

    @property
    def description(self) -> str:
        parts = [f"{tag.group}: {tag.label}" for tag in self.filterset.active_filters()]
        return "; ".join(parts)

    # URLs
    @cached_property
    def list_path(self) -> str:
        if self.topic:
            return reverse("casestudies:topic", kwargs={"slug": self.topic.slug})
        if self.council:
            return reverse("casestudies:council", kwargs={"code": self.council.code})
        return reverse("casestudies:list")

    @cached_property
    def feed_path(self) -> str:
        if self.topic:
            return reverse("casestudies:topic_feed", kwargs={"slug": self.topic.slug})
        if self.council:
            return reverse("casestudies:council_feed", kwargs={"code": self.council.code})
        return reverse("casestudies:feed")

    @cached_property
    def params(self) -> list[tuple[str, str]]:
        return self.filterset.canonical_params()

    @cached_property
    def query_string(self) -> str:
        return urlencode(self.params)

    def _with_query(self, path: str) -> str:
        return f"{path}?{self.query_string}" if self.query_string else path

    @property
    def list_url_with_query(self) -> str:
        return self._with_query(self.list_path)

    @property
    def feed_url_with_query(self) -> str:
        return self._with_query(self.feed_path)

    @property
    def alert_params(self) -> list[tuple[str, str]]:
        """The search as list-page parameters, including the page's own topic or council."""
        params = list(self.params)
        if self.topic:
            params.insert(0, ("topic", self.topic.slug))
        if self.council:
            params.insert(0, ("council", self.council.code))
        return params

    def _keyword_url(self, keyword: str, *, as_typed: bool = False) -> str:
        """This search with another keyword (first, as in the canonical order)."""
        others = [(k, v) for k, v in self.params if k not in ("q", "as_typed")]
        params = [("q", keyword), *others, *([("as_typed", "1")] if as_typed else [])]
        return f"{self.list_path}?{urlencode(params)}"

    @property
    def spelling(self) -> Spelling | None:
        filterset = self.filterset
        if not filterset.keyword:
            return None
        if filterset.showing_corrected:
            return Spelling(
                corrected=filterset.searched_plan().text,
                corrected_url=self._keyword_url(filterset.searched_plan().text),
                showing_corrected=True,
                typed=filterset.keyword,
                typed_url=self._keyword_url(filterset.keyword, as_typed=True),
            )
        if filterset.did_you_mean:
            return Spelling(
                corrected=filterset.did_you_mean,
                corrected_url=self._keyword_url(filterset.did_you_mean),
                showing_corrected=False,
            )
        return None

    # Results
    def results(self):
        return self.filterset.qs

    def newest(self, limit: int) -> list[CaseStudy]:
        """The newest ``limit`` results, chosen from the catalogue index; only those rows are read."""
        filterset = self.filterset
        ids = filterset.index.page(filterset.mask(), order="newest", start=0, stop=limit)
        rows = (
            CaseStudy.objects.published()
            .select_related("lead_council")
            .prefetch_related("topics")
            .defer(*CaseStudy.SECTION_FIELDS, *CaseStudy.WELSH_SECTIONS)
            .in_bulk(ids)
        )
        return [rows[pk] for pk in ids if pk in rows]

    def published_since(self, since: datetime, *, limit: int = 50):
        return (
            self.filterset.qs.filter(published_at__gt=since)
            .order_by("-published_at", "-id")
            .select_related("lead_council")
            .defer(*CaseStudy.SECTION_FIELDS, *CaseStudy.WELSH_SECTIONS)[:limit]
        )
