"""Tags for the map and insights pages."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def count_link(count: int, text: str, url: str, about: str = ""):
    """A number as a link to the list it counts (with words for screen readers), or a plain 0."""
    if not count:
        return "0"
    if about:
        return format_html('<a href="{}">{}<span class="visually-hidden"> {}</span></a>', url, text, about)
    return format_html('<a href="{}">{}</a>', url, text)
