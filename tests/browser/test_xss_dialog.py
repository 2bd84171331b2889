"""Submitted markup never runs: a published case study full of script payloads opens no dialog in a real
browser, on its page, in the list, in search results and on its council page."""

import pytest

from tests.factories import make_case_study, make_council, make_topic

pytestmark = pytest.mark.browser
PAYLOAD = (
    "<script>alert('xss')</script> <img src=x onerror=\"alert('img')\"> "
    "<a href=\"javascript:alert('link')\">click</a> \"><svg onload=alert('svg')> zeppelin"
)


def test_script_payloads_open_no_dialog(page, live_server):
    topic = make_topic("Digital", slug="digital")
    case_study = make_case_study(
        "<script>alert('title')</script> Zeppelin",
        slug="zeppelin-payload",
        council=make_council("Wigan", code="WGN"),
        topics=[topic],
        summary=PAYLOAD,
        challenge=PAYLOAD,
        partners=PAYLOAD,
        contact_name="<b onmouseover=alert('name')>Sam</b>",
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    for path in (
        case_study.get_absolute_url(),
        "/case-studies/",
        "/case-studies/?q=zeppelin",
        "/case-studies/topics/digital/",
        "/councils/WGN/",
    ):
        page.goto(live_server.url + path)
        page.mouse.move(200, 300)
        page.wait_for_timeout(100)
        assert page.locator("text=<script>alert('title')</script> Zeppelin").first.is_visible()

    assert dialogs == []
