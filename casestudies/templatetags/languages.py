"""``{% load languages %}``: the page's language and the same page in the other one (casestudies/public/languages.py)."""

from django import template
from django.utils.html import format_html_join

from casestudies.public import languages

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The value for ``<html lang>``: ``en-GB`` or ``cy``."""
    return languages.html_lang()


@register.simple_tag(takes_context=True)
def other_language(context) -> languages.Counterpart | None:
    """``{% other_language as other %}``: ``other.url``, ``other.name``, ``other.lang`` (None without a request)."""
    request = context.get("request")
    return languages.other_language(request) if request is not None else None


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    """``<link rel="alternate" hreflang>`` for this page in English and in Welsh, and English as the x-default."""
    request = context.get("request")
    if request is None:
        return ""
    pages = languages.alternates(request)
    links = [(page.hreflang, page.absolute_url) for page in pages] + [("x-default", pages[0].absolute_url)]
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
