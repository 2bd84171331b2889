"""Being found: the sitemap, robots.txt, canonical links, Open Graph tags and the article's JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.conf import settings

from casestudies.models import CaseStudy
from tests.factories import make_case_study, make_council, make_support_type, make_topic
from tests.pages import page

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def library():
    housing = make_topic("Housing", slug="housing", order=1)
    digital = make_topic("Digital", slug="digital", order=2)
    make_support_type("Grant", slug="grant")
    wigan = make_council("Wigan", code="WGN", official_name="Wigan Metropolitan Borough Council")
    leeds = make_council("Leeds", code="LDS")
    make_council("Fife", code="FIF")
    make_case_study(
        "Warm homes",
        slug="warm-homes",
        council=wigan,
        topics=[digital, housing],
        summary="Insulating 400 homes before winter.",
        published_at=datetime(2024, 3, 5, 10, 30, tzinfo=UTC),
    )
    make_case_study("Digital hub", slug="digital-hub", council=wigan, topics=[digital])
    for status in ["draft", "submitted", "rejected", "archived"]:
        make_case_study(
            f"Hidden {status}", slug=f"hidden-{status}", council=leeds, topics=[housing], status=status
        )
    undated = make_case_study("Hidden undated", slug="hidden-undated", council=leeds, topics=[housing])
    CaseStudy.objects.filter(pk=undated.pk).update(published_at=None)


# Sitemap and robots.txt


def test_sitemap_lists_pages_published_case_studies_topics_and_councils(client, library):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert root.tag == f"{SITEMAP}urlset"
    locations = [url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")]
    # Each page's Welsh version follows it (tests/site_config/test_welsh_feeds_and_sitemap.py).
    assert [loc for loc in locations if not loc.startswith("http://testserver/cy/")] == [
        "http://testserver/case-studies/",
        "http://testserver/case-studies/map/",
        "http://testserver/insights/",
        "http://testserver/councils/",
        "http://testserver/case-studies/submit/",
        "http://testserver/accessibility/",
        "http://testserver/case-studies/warm-homes/",
        "http://testserver/case-studies/digital-hub/",
        "http://testserver/case-studies/topics/housing/",
        "http://testserver/case-studies/topics/digital/",
        "http://testserver/councils/WGN/",
    ]


def test_sitemap_gives_each_case_study_its_last_change(client, library):
    case_study = CaseStudy.objects.get(slug="warm-homes")

    root = ET.fromstring(client.get("/sitemap.xml").content)

    entry = next(
        url
        for url in root.findall(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text.endswith("/warm-homes/")
    )
    assert entry.find(f"{SITEMAP}lastmod").text == case_study.updated_at.date().isoformat()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        "Sitemap: http://testserver/sitemap.xml"
    ]


# Canonical links and Open Graph tags on every kind of page

PAGES = [
    ("/case-studies/", "http://testserver/case-studies/", "website"),
    ("/case-studies/topics/housing/", "http://testserver/case-studies/topics/housing/", "website"),
    ("/case-studies/warm-homes/", "http://testserver/case-studies/warm-homes/", "article"),
    ("/councils/", "http://testserver/councils/", "website"),
    ("/councils/WGN/", "http://testserver/councils/WGN/", "website"),
    ("/case-studies/submit/", "http://testserver/case-studies/submit/", "website"),
    ("/accessibility/", "http://testserver/accessibility/", "website"),
    ("/open-data/", "http://testserver/open-data/", "website"),
    ("/alerts/new/", "http://testserver/alerts/new/", "website"),
]


@pytest.mark.parametrize(("path", "canonical", "og_type"), PAGES, ids=[p for p, _, _ in PAGES])
def test_every_page_has_one_canonical_link_and_open_graph_tags(client, library, path, canonical, og_type):
    response = client.get(path)
    doc = page(response)

    assert response.status_code == 200
    assert [link["href"] for link in doc.find_all("link", rel="canonical")] == [canonical]
    og = {meta["property"]: meta["content"] for meta in doc.find_all("meta", property=True)}
    assert og["og:url"] == canonical
    assert og["og:type"] == og_type
    assert og["og:title"] != ""
    assert og["og:description"] != ""
    assert og["og:site_name"] == "Council Case Study Library"


def test_case_study_open_graph_describes_the_article(client, library):
    doc = page(
        client.get("/case-studies/warm-homes/", headers={"referer": "http://testserver/case-studies/?page=2"})
    )

    og = {meta["property"]: meta["content"] for meta in doc.find_all("meta", property=True)}
    assert og == {
        "og:url": "http://testserver/case-studies/warm-homes/",
        "og:site_name": "Council Case Study Library",
        "og:title": "Warm homes",
        "og:type": "article",
        "og:description": "Insulating 400 homes before winter.",
        "article:published_time": "2024-03-05T10:30:00+00:00",
    }


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "/case-studies/"),
        ("page=1", "/case-studies/"),
        ("page=2", "/case-studies/?page=2"),
        ("page=abc", "/case-studies/"),
        ("page=999", "/case-studies/?page=2"),
        ("support_type=grant&topic=housing&page=1", "/case-studies/?topic=housing&support_type=grant"),
        ("support_type=grant&topic=digital&page=2", "/case-studies/?topic=digital&support_type=grant"),
        ("sort=newest&topic=nope&q=", "/case-studies/"),
        (
            "sort=title&year_to=2025&council=WGN&region=north-west&q=homes&council_type=unitary",
            "/case-studies/?q=homes&region=north-west&council_type=unitary&council=WGN&year_to=2025&sort=title",
        ),
        ("year_from=2025&year_to=2020", "/case-studies/?year_from=2020&year_to=2025"),
    ],
)
def test_list_canonical_drops_page_one_and_orders_parameters(client, library, query, canonical):
    for n in range(25):
        make_case_study(f"Digital {n}", topics=[CaseStudy.objects.get(slug="digital-hub").topics.get()])

    doc = page(client.get(f"/case-studies/?{query}"))

    assert doc.find("link", rel="canonical")["href"] == f"http://testserver{canonical}"


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        (
            "/case-studies/topics/housing/?topic=digital&page=1&support_type=grant",
            "/case-studies/topics/housing/?support_type=grant",
        ),
        ("/councils/WGN/?council=LDS&region=wales&topic=housing", "/councils/WGN/?topic=housing"),
        ("/case-studies/warm-homes/", "/case-studies/warm-homes/"),
        ("/councils/?utm_source=newsletter", "/councils/"),
    ],
)
def test_canonical_of_topic_council_and_case_study_pages(client, library, path, canonical):
    doc = page(client.get(path))

    assert [link["href"] for link in doc.find_all("link", rel="canonical")] == [
        f"http://testserver{canonical}"
    ]


# JSON-LD


def json_ld(response) -> list:
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), flags=re.S
    )
    return [json.loads(script) for script in scripts]


def test_case_study_has_article_json_ld(client, library):
    (data,) = json_ld(client.get("/case-studies/warm-homes/"))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "Warm homes",
        "description": "Insulating 400 homes before winter.",
        "url": "http://testserver/case-studies/warm-homes/",
        "mainEntityOfPage": "http://testserver/case-studies/warm-homes/",
        "datePublished": "2024-03-05T10:30:00+00:00",
        "dateModified": "2024-03-05T10:30:00+00:00",  # the text has not changed since publication
        "author": {"@type": "GovernmentOrganization", "name": "Wigan Metropolitan Borough Council"},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": "http://testserver/"},
        "about": [{"@type": "Thing", "name": "Housing"}, {"@type": "Thing", "name": "Digital"}],
        "inLanguage": "en-GB",
    }


@pytest.mark.parametrize(
    ("fields", "extra"),
    [
        (
            {"start_year": 2021, "end_year": 2024, "evaluation_url": "https://wigan.example/evaluation"},
            {"temporalCoverage": "2021/2024", "citation": "https://wigan.example/evaluation"},
        ),
        ({"start_year": 2023}, {"temporalCoverage": "2023/.."}),
        ({"cost_band": "under_10k", "stage": "pilot"}, {}),
    ],
)
def test_json_ld_carries_the_years_and_the_evaluation_report(client, library, fields, extra):
    make_case_study("Evidence", slug="evidence", **fields)

    (data,) = json_ld(client.get("/case-studies/evidence/"))

    assert {key: data[key] for key in ("temporalCoverage", "citation") if key in data} == extra


def test_json_ld_cannot_be_broken_out_of_by_a_title_or_summary(client, library):
    make_case_study(
        'Bad </script><script>alert("x")</script> & <!-- title',
        slug="bad-title",
        summary="Ends early </SCRIPT> and <b>bold</b> & more.",
    )

    response = client.get("/case-studies/bad-title/")
    html = response.content.decode()
    (data,) = json_ld(response)

    assert data["headline"] == 'Bad </script><script>alert("x")</script> & <!-- title'
    assert data["description"] == "Ends early </SCRIPT> and <b>bold</b> & more."
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert" in html
    assert "\\u003c/SCRIPT\\u003e" in html
    # The JSON-LD is the one inline script; the others are the page's own files.
    scripts = re.findall(r"<script[^>]*>", html, flags=re.I)
    assert [tag for tag in scripts if 'src="/static/js/' not in tag] == [
        '<script type="application/ld+json">'
    ]
    assert html.lower().count("</script>") == len(scripts) == 3


def test_long_title_is_cut_to_110_characters_in_json_ld(client, library):
    make_case_study("A" * 150, slug="long-title")

    (data,) = json_ld(client.get("/case-studies/long-title/"))

    assert data["headline"] == "A" * 110


@pytest.mark.parametrize(
    "path", ["/case-studies/", "/councils/", "/councils/WGN/", "/case-studies/topics/housing/"]
)
def test_list_pages_have_no_article_json_ld(client, library, path):
    assert json_ld(client.get(path)) == []
