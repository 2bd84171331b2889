from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from casestudies.models import CaseStudy
from casestudies.ops import safejson
from casestudies.public import components

register = template.Library()


@register.filter
def paragraphs(text: str):
    """Plain text with blank lines between paragraphs, as escaped ``<p>`` elements."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return format_html_join("\n", "<p>{}</p>", ((part,) for part in parts))


@register.filter
def marked_title(case_study: CaseStudy):
    """A case study's title in the page's language, in a ``<span lang>`` when it is in the other one (issue 23)."""
    if lang := case_study.text_lang():
        return format_html('<span lang="{}">{}</span>', lang, case_study.local_title)
    return conditional_escape(case_study.local_title)


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


@register.filter
def ld_json(data) -> str:
    """JSON for a ``<script type="application/ld+json">`` block, safe against ``</script>`` in the data."""
    return mark_safe(safejson.dumps(data))


@register.simple_tag
def fixed_url(name: str, **argument) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once per process and language; with one keyword
    argument (``{% fixed_url 'casestudies:detail' slug=item.slug %}``), that reversal with the value put in its
    place, quoted (``components.url_maker``): for slugs and codes, what ``{% url %}`` gives."""
    if not argument:
        return components.fixed_url(name)
    ((key, value),) = argument.items()
    return components.url_maker(name, key)(value)


@register.simple_tag
def filter_groups(groups):
    return components.filter_groups(groups)


@register.simple_tag
def result_cards(cards, excerpts):
    return components.result_cards(cards, excerpts or {})


@register.simple_tag(takes_context=True)
def pagination(context, page):
    return components.pagination(
        page, list_url=context.get("list_url", ""), query=context.get("page_query") or ""
    )
