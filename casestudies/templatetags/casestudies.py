from django import template
from django.core.paginator import Page
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def page_window(page: Page) -> list[int | None]:
    """Page numbers around the current page, with ``None`` where numbers are left out."""
    ellipsis = page.paginator.ELLIPSIS
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [None if number == ellipsis else number for number in numbers]


@register.filter
def paragraphs(text: str):
    """Plain text with blank lines between paragraphs, as escaped ``<p>`` elements."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return format_html_join("\n", "<p>{}</p>", ((part,) for part in parts))
