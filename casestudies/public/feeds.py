"""Atom feeds of any search: the newest 50 case studies matching the list page's parameters, in the language of
the URL (``/cy/…/feed/`` is Welsh, its links to Welsh pages)."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext

from casestudies.catalogue.context import SearchContext
from casestudies.models import CaseStudy

from . import glance, versions
from .languages import is_welsh

FEED_SIZE = 50
# Characters XML 1.0 cannot carry; submitted text or a keyword containing one must not break the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def site_name() -> str:
    return settings.SITE_NAME_CY if is_welsh() else settings.SITE_NAME


class _TitleInLanguage:
    """The feed writer's handler, adding ``xml:lang`` to an entry's title (its only element in one language)."""

    def __init__(self, handler, lang: str):
        self.handler, self.lang = handler, lang

    def addQuickElement(self, name, contents=None, attrs=None):
        if name == "title":
            attrs = {**(attrs or {}), "xml:lang": self.lang}
        return self.handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self.handler, name)


class LanguageAtomFeed(Atom1Feed):
    """Atom with each entry's title marked ``xml:lang`` when it is not in the feed's language (issue 23: an English
    case study in a Welsh feed, a Welsh-only one in an English feed)."""

    def add_item_elements(self, handler, item):
        lang = item.get("lang")
        super().add_item_elements(_TitleInLanguage(handler, lang) if lang else handler, item)


class CaseStudyFeed(Feed):
    feed_type = LanguageAtomFeed

    def get_object(self, request: HttpRequest, **kwargs) -> SearchContext:
        return SearchContext.from_request(request, **kwargs)

    def title(self, obj: SearchContext) -> str:
        return xml_safe(f"{obj.heading} – {site_name()}")

    def subtitle(self, obj: SearchContext) -> str:
        return xml_safe(obj.description or gettext("The newest case studies of council innovation."))

    def link(self, obj: SearchContext) -> str:
        return obj.list_url_with_query

    def feed_url(self, obj: SearchContext) -> str:
        return obj.feed_url_with_query

    def items(self, obj: SearchContext) -> list[CaseStudy]:
        return list(obj.newest(FEED_SIZE))

    def item_title(self, item: CaseStudy) -> str:
        return xml_safe(item.local_title)  # the Welsh version in a Welsh feed, when there is one

    def item_description(self, item: CaseStudy) -> str:
        """HTML, as Atom's ``type="html"`` says: the summary (marked when in the other language) and the glance line,
        each escaped, so a ``<`` a council typed is text in every feed reader."""
        shown = versions.shown(item)
        summary = (
            format_html('<p lang="{}">{}</p>', shown.lang, shown.summary)
            if shown.lang
            else format_html("<p>{}</p>", shown.summary)
        )
        return xml_safe(format_html("{}<p>{}</p>", summary, glance.feed_line(item)))

    def item_extra_kwargs(self, item: CaseStudy) -> dict:
        return {"lang": item.text_lang()}

    def item_link(self, item: CaseStudy) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: CaseStudy):
        return item.published_at

    def item_updateddate(self, item: CaseStudy):
        return item.updated_at

    def item_author_name(self, item: CaseStudy) -> str:
        return xml_safe(item.lead_council.local_name)

    def item_categories(self, item: CaseStudy) -> list[str]:
        return [xml_safe(topic.local_name) for topic in item.topics.all()]
