"""A missing page under DEBUG (``make run``) shows the site's own 404 page, unless DEBUG_TECHNICAL_404 is set."""

import pytest

pytestmark = pytest.mark.django_db

OWN_PAGE = "<h1>Page not found</h1>"
TECHNICAL_PAGE = "Using the URLconf defined in"


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/case-studies/no-such-case-study/", "/case-studies/topics/no-such-topic/"]
)
def test_missing_page_with_debug_shows_own_page(client, settings, path):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = False

    response = client.get(path)

    assert response.status_code == 404
    assert response.templates[0].name == "404.html"
    assert OWN_PAGE in response.content.decode()
    assert TECHNICAL_PAGE not in response.content.decode()


def test_missing_page_with_debug_technical_404_shows_django_page(client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert TECHNICAL_PAGE in response.content.decode()


def test_missing_page_without_debug_shows_own_page(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert OWN_PAGE in response.content.decode()


def test_missing_trailing_slash_with_debug_still_redirects(client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = False

    response = client.get("/case-studies")

    assert (response.status_code, response["Location"]) == (301, "/case-studies/")


def test_existing_page_with_debug_is_untouched(client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = False

    response = client.get("/case-studies/")

    assert response.status_code == 200
    assert "<h1>Page not found</h1>" not in response.content.decode()
