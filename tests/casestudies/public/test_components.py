from datetime import UTC, datetime

from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from casestudies.catalogue.cards import Card
from casestudies.catalogue.results import FacetGroup, FacetOption
from casestudies.models import Topic
from casestudies.public.components import filter_groups, pagination, result_cards, url_maker
from casestudies.search.keyword import Excerpt

HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"


def test_filter_groups_markup_for_chosen_empty_and_single_options():
    group = FacetGroup(
        name="topic",
        label="Topic",
        options=[
            FacetOption(value="housing", label="Housing", count=1, selected=True),
            FacetOption(value="waste", label="Waste & recycling", count=0, selected=False),
            FacetOption(value="roads", label="Roads", count=0, selected=True),
        ],
    )

    html = filter_groups([group])

    assert isinstance(html, SafeString)
    assert html == (
        '<details class="filter-group" id="filter-topic-group" open>'
        '<summary class="filter-group__summary">Topic<span class="filter-group__chosen">, 2 selected</span></summary>'
        '<fieldset class="checkbox-group" id="filter-topic"><legend class="visually-hidden">Topic</legend>'
        '<div class="checkbox"><input type="checkbox" name="topic" value="housing" id="id_topic_0" checked>'
        '<label for="id_topic_0">Housing <span class="facet-count">(1<span class="visually-hidden"> case study'
        "</span>)</span></label></div>\n"
        '<div class="checkbox checkbox--empty"><input type="checkbox" name="topic" value="waste" id="id_topic_1">'
        '<label for="id_topic_1">Waste &amp; recycling <span class="facet-count">(0<span class="visually-hidden"> '
        "case studies: no matches with your other choices</span>)</span></label></div>\n"
        '<div class="checkbox"><input type="checkbox" name="topic" value="roads" id="id_topic_2" checked>'
        '<label for="id_topic_2">Roads <span class="facet-count">(0<span class="visually-hidden"> case studies: '
        "no matches with your other choices</span>)</span></label></div></fieldset></details>"
    )


def test_filter_groups_closed_when_nothing_chosen():
    group = FacetGroup(
        name="region",
        label="Region",
        options=[FacetOption(value="wales", label="Wales", count=7, selected=False)],
    )

    html = filter_groups([group])

    assert html.startswith('<details class="filter-group" id="filter-region-group">')
    assert '<summary class="filter-group__summary">Region</summary>' in html
    assert '(7<span class="visually-hidden"> case studies</span>)' in html


def test_filter_groups_escape_values_and_labels_like_the_template_language():
    group = FacetGroup(
        name="topic",
        label=HOSTILE,
        options=[FacetOption(value=HOSTILE, label=HOSTILE, count=2, selected=False)],
    )
    escaped = Template("{{ value }}").render(Context({"value": HOSTILE}))

    html = filter_groups([group])

    assert "<script>" not in html
    assert html.count(escaped) == 4  # summary, legend, value, label


def _card(**changes) -> Card:
    values = {
        "pk": 7,
        "title": "Warm homes",
        "slug": "warm-homes",
        "summary": "Insulating 400 homes.",
        "published_at": datetime(2024, 6, 30, 23, 30, tzinfo=UTC),  # 1 July in London
        "council_code": "WGN",
        "council_name": "Wigan",
        "topic": Topic(pk=3, name="Housing", slug="housing"),
    }
    return Card(**(values | changes))


def test_result_cards_markup_with_local_date_and_first_topic():
    html = result_cards([_card()], {})

    assert html == (
        '<li><article class="card"><h2 class="card__title"><a href="/case-studies/warm-homes/">Warm homes</a></h2>'
        '<p class="card__meta"><a href="/councils/WGN/">Wigan</a> · <time datetime="2024-07-01">1 July 2024</time>'
        '</p><p class="card__summary">Insulating 400 homes.</p><p class="card__topic">'
        '<a href="/case-studies/topics/housing/">View all Housing case studies</a></p></article></li>'
    )


def test_result_cards_excerpt_from_sections_comes_before_the_summary():
    excerpt = mark_safe("the <mark>boiler</mark> scheme")

    html = result_cards([_card(topic=None)], {7: ("sections", excerpt)})

    assert (
        '<p class="card__excerpt"><span class="visually-hidden">Matching text: </span>the <mark>boiler</mark> '
        'scheme</p><p class="card__summary">Insulating 400 homes.</p></article></li>'
    ) in html
    assert "card__topic" not in html


def test_result_cards_summary_excerpt_replaces_the_summary():
    html = result_cards([_card()], {7: ("summary", mark_safe("Insulating 400 <mark>homes</mark>."))})

    assert '<p class="card__summary">Insulating 400 <mark>homes</mark>.</p>' in html
    assert "card__excerpt" not in html


def test_result_cards_escape_every_value():
    card = _card(
        title=HOSTILE, summary=HOSTILE, council_name=HOSTILE, topic=Topic(pk=1, name=HOSTILE, slug="t")
    )

    html = result_cards([card], {})

    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quotes&#x27;") == 4


def test_url_maker_quotes_the_value():
    council_url = url_maker("casestudies:council", "code")

    assert council_url("WGN") == "/councils/WGN/"
    assert council_url("A/B?c") == "/councils/A%2FB%3Fc/"


def test_pagination_markup_keeps_the_search_and_marks_gaps():
    page = Paginator(range(200), 10).page(5)

    html = pagination(page, list_url="/case-studies/", query="q=bins&topic=waste")

    def link(number: int, extra: str = "") -> str:
        href = "/case-studies/?q=bins&amp;topic=waste" + (f"&amp;page={number}" if number > 1 else "")
        return f'<li><a href="{href}"{extra}><span class="visually-hidden">Page </span>{number}</a></li>'

    assert html == (
        '<nav class="pagination" aria-label="Pagination"><ul>'
        '<li><a href="/case-studies/?q=bins&amp;topic=waste&amp;page=4" rel="prev">Previous'
        '<span class="visually-hidden"> page</span></a></li>'
        + link(1)
        + link(2)
        + link(3)
        + link(4)
        + link(5, ' aria-current="page"')
        + link(6)
        + link(7)
        + '<li class="pagination__gap" aria-hidden="true">…</li>'
        + link(20)
        + '<li><a href="/case-studies/?q=bins&amp;topic=waste&amp;page=6" rel="next">Next'
        '<span class="visually-hidden"> page</span></a></li></ul></nav>'
    )


def test_pagination_first_page_without_a_search_links_to_the_bare_list():
    html = pagination(Paginator(range(30), 10).page(1), list_url="/case-studies/", query="")

    assert "Previous" not in html
    assert '<a href="/case-studies/" aria-current="page">' in html
    assert '<a href="/case-studies/?page=2" rel="next">' in html


def test_pagination_of_a_single_page_is_empty():
    assert pagination(Paginator(range(3), 10).page(1), list_url="/case-studies/", query="") == ""


def test_result_cards_on_a_welsh_page_mark_an_english_excerpt_english_and_not_a_welsh_one():
    english = Excerpt("sections", mark_safe("the <mark>boiler</mark> scheme"))
    welsh = Excerpt("sections", mark_safe("y cynllun <mark>boeler</mark>"), "cy")

    with translation.override("cy"):
        html = result_cards([_card(pk=7, topic=None), _card(pk=8, topic=None)], {7: english, 8: welsh})

    assert (
        '<p class="card__excerpt" lang="en"><span class="visually-hidden" lang="cy">Testun sy’n cyfateb: </span>'
        "the <mark>boiler</mark> scheme</p>"
    ) in html
    assert (
        '<p class="card__excerpt"><span class="visually-hidden">Testun sy’n cyfateb: </span>'
        "y cynllun <mark>boeler</mark></p>"
    ) in html


def test_result_cards_on_a_welsh_page_mark_the_welsh_summary_only_from_the_welsh_text():
    summary = Excerpt("summary", mark_safe("Insulating 400 <mark>homes</mark>."))
    welsh_summary = Excerpt("summary", mark_safe("Inswleiddio 400 o <mark>gartrefi</mark>."), "cy")

    with translation.override("cy"):
        kept = result_cards([_card(summary="Inswleiddio 400 o gartrefi.")], {7: summary})
        marked = result_cards([_card(summary="Inswleiddio 400 o gartrefi.")], {7: welsh_summary})

    assert '<p class="card__summary">Inswleiddio 400 o gartrefi.</p>' in kept
    assert '<p class="card__summary">Inswleiddio 400 o <mark>gartrefi</mark>.</p>' in marked


def test_fixed_url_tag_gives_what_the_url_tag_gives_in_either_language():
    fixed = Template(
        "{% load casestudies %}{% fixed_url 'casestudies:list' %} {% fixed_url 'casestudies:detail' slug=slug %} "
        "{% fixed_url 'casestudies:council' code=code %} {% fixed_url 'casestudies:jsi18n' %}"
    )
    reversed_each_time = Template(
        "{% url 'casestudies:list' %} {% url 'casestudies:detail' slug %} {% url 'casestudies:council' code=code %} "
        "{% url 'casestudies:jsi18n' %}"
    )
    values = Context({"slug": "warm-homes-2", "code": "W06000001"})

    for language in ("en-gb", "cy"):
        with translation.override(language):
            assert fixed.render(values) == reversed_each_time.render(values)
    with translation.override("cy"):
        assert fixed.render(values) == (
            "/cy/case-studies/ /cy/case-studies/warm-homes-2/ /cy/councils/W06000001/ /cy/jsi18n/"
        )
