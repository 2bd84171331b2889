"""The parts of the list pages repeated per filter option and per result, written as Python.

Django's template language costs a few microseconds per node and per variable lookup. The filter panel (45 options
of about fifteen nodes each) and twenty result cards took over half of a list page's server time (see
bench/RESULTS.md, issue 22); built here with ``str.join`` they take a tenth of that. Every value is escaped with
``html.escape`` exactly as the template language escapes it (``excerpts`` are already escaped HTML), and
``tests/casestudies/public/test_components.py`` pins the markup. Everything else stays in templates.
"""

import functools
from collections.abc import Callable, Iterable
from html import escape
from urllib.parse import quote

from django.core.paginator import Page
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from casestudies.catalogue.cards import Card
from casestudies.catalogue.results import FacetGroup
from casestudies.ops.languages import is_welsh, localised
from casestudies.search.keyword import Excerpt

from .glance import CARD_SEPARATOR, card_parts

_PLACEHOLDER = "0placeholder0"
_SEPARATOR = escape(CARD_SEPARATOR)


def url_maker(name: str, argument: str) -> Callable[[str], str]:
    """``reverse(name, kwargs={argument: value})`` for many values at the cost of one ``reverse`` per process and
    language (``fixed_url``)."""
    before, after = fixed_url(name, argument).split(_PLACEHOLDER)
    return lambda value: f"{before}{quote(str(value), safe='')}{after}"


_FIXED_URLS: dict[tuple, str] = {}


def fixed_url(name: str, argument: str = "") -> str:
    """``reverse(name)`` (or with ``argument`` set to a placeholder), kept per language, script prefix and URLconf:
    a list page shows about fifteen links to the same few pages, and each reversal takes tens of microseconds."""
    key = (get_language(), get_script_prefix(), get_urlconf(), name, argument)
    found = _FIXED_URLS.get(key)
    if found is None:
        found = _FIXED_URLS[key] = reverse(name, kwargs={argument: _PLACEHOLDER} if argument else None)
    return found


class _Words:
    """The panel's, the cards' and the pagination's words in one language, looked up once per process: a list page
    needs a few dozen of them, and every translation lookup goes through the active language's thread-local state
    and a chain of catalogues. The counted ones are kept per count (a page has a hundred options and few distinct
    counts), at most ``COUNTS`` of each."""

    COUNTS = 1000

    def __init__(self):
        self.no_matches = escape(gettext(": no matches with your other choices"))
        self.matching_text = escape(gettext("Matching text:"))
        # The topic's name goes in by replacement (it is escaped in the loop).
        self.view_all = escape(gettext("View all %(topic)s case studies")).replace("%(topic)s", _PLACEHOLDER)
        self.months = {number: str(name) for number, name in MONTHS.items()}  # as date:"F" names them
        # Whole phrases (the hidden words included), so that a language can put them in its own order.
        self.previous = gettext('Previous<span class="visually-hidden"> page</span>')
        self.following = gettext('Next<span class="visually-hidden"> page</span>')
        self.page = escape(gettext("Page"))
        self.pagination = escape(gettext("Pagination"))
        self._nouns: dict[int, str] = {}
        self._selected: dict[int, str] = {}

    def noun(self, count: int) -> str:
        """The noun after a count: the number is shown before it (visibly), so the message holds only the noun, in
        the form the number takes."""
        found = self._nouns.get(count)
        if found is None:
            found = escape(ngettext("case study", "case studies", count))
            self._keep(self._nouns, count, found)
        return found

    def selected(self, count: int) -> str:
        """ "3 selected", escaped."""
        found = self._selected.get(count)
        if found is None:
            found = escape(ngettext("%(count)d selected", "%(count)d selected", count) % {"count": count})
            self._keep(self._selected, count, found)
        return found

    def _keep(self, kept: dict[int, str], count: int, text: str) -> None:
        if len(kept) >= self.COUNTS:
            kept.clear()
        kept[count] = text


@functools.cache
def _words_in(language: str | None) -> _Words:
    return _Words()


def words() -> _Words:
    """The words in the active language."""
    return _words_in(get_language())


def filter_groups(groups: Iterable[FacetGroup]) -> SafeString:
    """Each facet group as a folding group of checkboxes (radio buttons for a one-choice group) with their counts."""
    found = words()
    return mark_safe("\n".join(_filter_group(group, found) for group in groups))


def _filter_group(group: FacetGroup, words: _Words) -> str:
    name, label = escape(group.name), escape(group.label)
    kind = "radio" if group.kind == "radio" else "checkbox"
    chosen = group.selected_count
    options = []
    for number, option in enumerate(group.options):
        count = option.count
        empty = " checkbox--empty" if not count and not option.selected else ""
        noun = words.noun(count)
        why = "" if count else words.no_matches
        option_id = f"id_{name}_{number}"
        options.append(
            f'<div class="checkbox{empty}">'
            f'<input type="{kind}" name="{name}" value="{escape(option.value)}" id="{option_id}"'
            f"{' checked' if option.selected else ''}>"
            f'<label for="{option_id}">{escape(option.label)} <span class="facet-count">({count}'
            f'<span class="visually-hidden"> {noun}{why}</span>)</span></label></div>'
        )
    summary = f'<span class="filter-group__chosen">, {words.selected(chosen)}</span>' if chosen else ""
    return (
        f'<details class="filter-group" id="filter-{name}-group"{" open" if chosen else ""}>'
        f'<summary class="filter-group__summary">{label}{summary}</summary>'
        f'<fieldset class="checkbox-group" id="filter-{name}"><legend class="visually-hidden">{label}</legend>'
        + "\n".join(options)
        + "</fieldset></details>"
    )


def result_cards(cards: Iterable[Card], excerpts: dict[int, Excerpt]) -> SafeString:
    """The results' cards, each in its list item. ``excerpts``: (``"sections"`` or ``"summary"``, HTML, and the
    text's language, English unless given)."""
    case_study_url = url_maker("casestudies:detail", "slug")
    council_url = url_maker("casestudies:council", "code")
    topic_url = url_maker("casestudies:topic", "slug")
    found = words()
    months, matching_text, view_all = found.months, found.matching_text, found.view_all
    # A Welsh page (issue 23): an excerpt of the English text is marked English (its label stays Welsh); one of the
    # Welsh version is in the page's language. A card without a Welsh version is marked English.
    page_language = get_language()  # asked once: it costs a lookup in a context-local store
    welsh_page = is_welsh(page_language)
    english_lang, label_lang = (' lang="en"', ' lang="cy"') if welsh_page else ("", "")
    items = []
    for card in cards:
        found = excerpts.get(card.pk)
        where, excerpt, language = Excerpt(*found) if found else ("", "", "")
        if welsh_page and where == "summary" and not card.lang and language != "cy":
            where = ""  # the Welsh summary stays
        excerpt_lang, excerpt_label_lang = (english_lang, label_lang) if language != "cy" else ("", "")
        in_english = f' lang="{card.lang}"' if card.lang else ""
        published = timezone.localtime(card.published_at)
        # An excerpt of the English fields is Welsh when a case study written in Welsh only fills them with its Welsh.
        text_lang, words_lang = excerpt_lang, excerpt_label_lang
        if card.english_is_welsh and language != "cy":
            text_lang, words_lang = ("", "") if welsh_page else (' lang="cy"', ' lang="en"')
        matching = (
            f'<p class="card__excerpt"{text_lang}><span class="visually-hidden"{words_lang}>{matching_text} </span>'
            f"{excerpt}</p>"
            if where == "sections"
            else ""
        )
        summary = excerpt if where == "summary" else escape(card.summary)
        topic = (
            f'<p class="card__topic"><a href="{topic_url(card.topic.slug)}">'
            f"{view_all.replace(_PLACEHOLDER, escape(localised(card.topic.name, card.topic.name_cy, page_language)))}</a></p>"
            if card.topic
            else ""
        )
        facts, outcome = card_parts(card, page_language)
        parts = [escape(fact) for fact in facts]
        if outcome:
            parts.append(f'<span lang="en">{escape(outcome)}</span>' if welsh_page else escape(outcome))
        glance = f'<p class="card__glance">{_SEPARATOR.join(parts)}</p>' if parts else ""
        items.append(
            f'<li><article class="card"><h2 class="card__title"{in_english}><a href="{case_study_url(card.slug)}">'
            f"{escape(card.title)}</a></h2>"
            f'<p class="card__meta"><a href="{council_url(card.council_code)}">{escape(card.council_name)}</a> · '
            f'<time datetime="{published:%Y-%m-%d}">{published.day} {months[published.month]} {published.year}</time></p>'
            f'{matching}<p class="card__summary"{in_english}>{summary}</p>{glance}{topic}</article></li>'
        )
    return mark_safe("\n".join(items))


def pagination(page: Page, *, list_url: str, query: str) -> SafeString:
    """Previous, numbered pages around this one (with gaps), next; links keep the search (``query``)."""
    if page.paginator.num_pages <= 1:
        return mark_safe("")

    def href(number: int) -> str:
        parts = [query] if query else []
        if number > 1:
            parts.append(f"page={number}")
        return escape(f"{list_url}?{'&'.join(parts)}" if parts else list_url)

    found = words()
    previous, following, page_label = found.previous, found.following, found.page
    items = []
    if page.has_previous():
        items.append(f'<li><a href="{href(page.previous_page_number())}" rel="prev">{previous}</a></li>')
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if not isinstance(
            number, int
        ):  # the paginator's ELLIPSIS, a lazy string: not compared, not translated
            items.append('<li class="pagination__gap" aria-hidden="true">…</li>')
        else:
            current = ' aria-current="page"' if number == page.number else ""
            items.append(
                f'<li><a href="{href(number)}"{current}>'
                f'<span class="visually-hidden">{page_label} </span>{number}</a></li>'
            )
    if page.has_next():
        items.append(f'<li><a href="{href(page.next_page_number())}" rel="next">{following}</a></li>')
    return mark_safe(
        f'<nav class="pagination" aria-label="{found.pagination}"><ul>{"".join(items)}</ul></nav>'
    )
