"""The favicon, app icons and web app manifest: linked from every page, served, and the sizes they claim."""

import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def head_links(html: str) -> dict[str, str]:
    return {rel: href for rel, href in re.findall(r'<link rel="([^"]+)" href="([^"]+)"', html)}


def test_every_page_head_links_icons_and_manifest(client):
    html = client.get("/case-studies/").content.decode()

    links = head_links(html)

    assert links["icon"] in {"/favicon.ico", "/static/icons/icon.svg"}
    assert re.findall(r'<link rel="icon" href="([^"]+)"', html) == ["/favicon.ico", "/static/icons/icon.svg"]
    assert links["apple-touch-icon"] == "/apple-touch-icon.png"
    assert links["manifest"] == "/static/manifest.webmanifest"
    assert '<meta name="theme-color" content="#12355b">' in html


@pytest.mark.parametrize(
    ("path", "content_type", "sizes"),
    [
        ("/favicon.ico", "image/x-icon", {(16, 16), (32, 32), (48, 48)}),
        ("/apple-touch-icon.png", "image/png", {(180, 180)}),
    ],
)
def test_root_icons_served_with_their_sizes(client, path, content_type, sizes):
    response = client.get(path)

    assert (response.status_code, response["Content-Type"]) == (200, content_type)
    image = Image.open(io.BytesIO(body(response)))
    assert set(image.info.get("sizes", {image.size})) == sizes


def test_manifest_icons_exist_with_claimed_sizes():
    manifest = json.loads(Path(finders.find("manifest.webmanifest")).read_text(encoding="utf-8"))

    assert (manifest["short_name"], manifest["start_url"], manifest["theme_color"]) == (
        "Case studies",
        "/case-studies/",
        "#12355b",
    )
    checked = []
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            width, height = Image.open(path).size
            assert icon["sizes"] == f"{width}x{height}"
        else:
            assert Path(path).read_text(encoding="utf-8").startswith("<svg")
        checked.append(icon["sizes"])
    assert checked == ["any", "192x192", "512x512"]


def test_manifest_served_as_web_app_manifest(settings):
    """Whitenoise serves the manifest in production; Python's own table would not know the type everywhere."""
    from whitenoise.media_types import MediaTypes

    types = MediaTypes(extra_types=settings.WHITENOISE_MIMETYPES)

    assert types.get_type("manifest.4f2a.webmanifest") == "application/manifest+json"
