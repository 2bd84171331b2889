from django import template
from django.core.paginator import Page
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from casestudies.models import CaseStudy
from casestudies.ops import safejson

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


@register.simple_tag
def field_widget(field, css_class: str = ""):
    """Render a widget with its hint and error linked by ``aria-describedby`` and ``aria-invalid`` when wrong."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if css_class:
        attrs["class"] = css_class
    return field.as_widget(attrs=attrs)


@register.filter
def word_limit(field) -> int | None:
    return getattr(field.field, "max_words", None)


@register.simple_tag
def waiting_for_review() -> int:
    return CaseStudy.objects.filter(status=CaseStudy.Status.SUBMITTED).count()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def page_href(context, number: int) -> str:
    """A link to another page of the same search: the canonical query string plus ``page`` (never page=1)."""
    query = context.get("page_query") or ""
    parts = [query] if query else []
    if int(number) > 1:
        parts.append(f"page={int(number)}")
    return f"{context.get('list_url', '')}?{'&'.join(parts)}" if parts else context.get("list_url", "")


@register.filter
def ld_json(data) -> str:
    """JSON for a ``<script type="application/ld+json">`` block, safe against ``</script>`` in the data."""
    return mark_safe(safejson.dumps(data))
