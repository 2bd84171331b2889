"""The submission form in Welsh under /cy/ (issue 23): the page, its errors, what it stores, and the emails that
follow, written in the language the submitter used while an English submitter's stay English."""

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from casestudies.models import CaseStudy, SubmissionDraft
from casestudies.moderation import services as moderation
from tests.casestudies.submission_helpers import (
    TEXT_ANSWERS,
    make_editor,
    make_reference_data,
    make_submitted,
    valid_form_data,
    words,
)
from tests.factories import WELSH_VERSION, make_case_study
from tests.pages import page

pytestmark = pytest.mark.django_db

WELSH_URL = "/cy/case-studies/submit/"
REFERENCE = re.compile(r"CS-\d{4}-\d{5}")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ref():
    return make_reference_data()


def welsh_token(client) -> str:
    response = client.get(WELSH_URL)
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def error_summary(response) -> list[str]:
    return [li.text for li in page(response).find("div", class_="error-summary").find_all("li")]


def test_welsh_form_is_in_welsh(client, ref):
    response = client.get(WELSH_URL)

    assert response.status_code == 200
    doc = page(response)
    assert doc.find("html")["lang"] == "cy"
    assert doc.find("title").text == "Cyflwyno astudiaeth achos – Llyfrgell Astudiaethau Achos Cynghorau"
    assert doc.find("h1").text == "Cyflwyno astudiaeth achos"
    headings = [h2.text for h2 in doc.find("form").find_all("h2")]
    assert headings[:3] == ["Am yr astudiaeth achos", "Crynodeb", "Yr her"]
    assert "Effaith, cost a thystiolaeth (dewisol)" in headings
    assert "Llun a dogfennau (dewisol)" in headings
    assert doc.find("label", **{"for": "id_title"}).text == "Teitl"
    assert (
        doc.find("p", id="id_summary-hint").text == "Hyd at 100 gair. Beth a wnaed a pha wahaniaeth a wnaeth."
    )
    assert doc.find("button", value="submit").text == "Anfon yr astudiaeth achos i’w hadolygu"
    assert doc.find("button", value="save").text == "Cadw a dod yn ôl yn nes ymlaen"
    assert doc.find("form")["action"] == WELSH_URL


def test_welsh_form_loads_the_welsh_script_messages_before_its_scripts(client, ref):
    scripts = [
        script["src"] for script in page(client.get(WELSH_URL)).find_all("script") if "src" in script.attrs
    ]

    assert scripts[:2] == ["/cy/jsi18n/", "/static/js/word-count.js"]


def test_english_form_is_unchanged_and_loads_no_catalogue(client, ref):
    doc = page(client.get("/case-studies/submit/"))

    assert doc.find("h1").text == "Submit a case study"
    assert doc.find("button", value="submit").text == "Send case study for review"
    scripts = [script["src"] for script in doc.find_all("script") if "src" in script.attrs]
    assert not any("jsi18n" in src for src in scripts)


def test_welsh_post_with_errors_shows_welsh_errors_and_keeps_everything_typed(client, ref):
    data = valid_form_data(
        ref,
        form_token=welsh_token(client),
        title="",
        summary=words(101),
        cost_amount="lots",
        start_year="2022.5",
        consent="",
    )

    response = client.post(WELSH_URL, data)

    assert response.status_code == 200
    doc = page(response)
    assert doc.find("title").text.startswith("Gwall: Cyflwyno astudiaeth achos")
    assert doc.find("h2", id="error-summary-title").text == "Mae problem"
    assert error_summary(response) == [
        "Rhowch deitl",
        "Crynodeb: dim mwy na 100 gair (mae gennych 101)",
        "Cadarnhewch fod eich cyngor yn cytuno i’w chyhoeddi",
        "Rhowch yr union gost fel rhif, er enghraifft 45,000",
        "Rhowch y flwyddyn ddechrau fel pedwar digid, er enghraifft 2022",
    ]
    assert doc.find("p", id="id_title-error").text == "Gwall: Rhowch deitl"
    assert doc.find("textarea", name="summary").text == words(101)
    assert doc.find("input", name="cost_amount")["value"] == "lots"
    assert doc.find("input", name="contact_name")["value"] == TEXT_ANSWERS["contact_name"]
    assert CaseStudy.objects.count() == 0


def test_welsh_post_of_the_honeypot_is_refused_in_welsh(client, ref):
    response = client.post(WELSH_URL, valid_form_data(ref, form_token=welsh_token(client), website="x"))

    assert response.status_code == 400
    assert error_summary(response) == ["Nid oedd modd i ni dderbyn y ffurflen hon. Rhowch gynnig arall arni."]


def test_welsh_post_sent_too_quickly_is_refused_in_welsh(client, ref, settings):
    settings.SUBMISSION_MIN_SECONDS = 3

    response = client.post(WELSH_URL, valid_form_data(ref, form_token=welsh_token(client)))

    assert error_summary(response) == [
        "Cafodd hynny ei anfon yn rhy gyflym. Gwiriwch eich atebion ac anfonwch y ffurflen eto."
    ]


def test_welsh_submission_stores_welsh_and_confirms_in_welsh(client, ref, django_capture_on_commit_callbacks):
    make_editor()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WELSH_URL, valid_form_data(ref, form_token=welsh_token(client)))

    assert response.status_code == 302
    assert response["Location"].startswith("/cy/case-studies/submit/received/")
    case_study = CaseStudy.objects.get()
    assert case_study.contact_language == "cy"
    done = page(client.get(response["Location"]))
    assert done.find("h1").text == "Astudiaeth achos wedi dod i law"
    assert (
        done.find("div", class_="panel-confirmation").find("p").text
        == f"Eich cyfeirnod yw {case_study.reference}"
    )
    confirmation, editors = mail.outbox
    assert confirmation.subject == f"Rydym wedi cael eich astudiaeth achos ({case_study.reference})"
    assert confirmation.body == (
        "Annwyl Sam Jones,\n\n"
        'Diolch am anfon "Wigan: warm homes for older residents" at Llyfrgell Astudiaethau Achos Cynghorau.\n\n'
        f"Eich cyfeirnod yw {case_study.reference}. Rhowch y cyfeirnod hwn os byddwch yn cysylltu â ni.\n\n"
        "Beth sy’n digwydd nesaf: bydd golygydd yn darllen eich astudiaeth achos, fel arfer o fewn 10 diwrnod "
        "gwaith. Efallai y bydd yn anfon e-bost atoch gyda chwestiynau neu awgrymiadau am newidiadau. Nid oes dim "
        "yn cael ei gyhoeddi nes bydd golygydd yn ei gymeradwyo, a byddwn yn anfon e-bost atoch pan fydd hynny’n "
        "digwydd.\n\n"
        "Llyfrgell Astudiaethau Achos Cynghorau\n"
        "http://testserver\n\n"
    )
    assert editors.subject == f"New case study to review: {case_study.reference}"  # the editors read English


def test_english_submission_stores_english(client, ref, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/case-studies/submit/", valid_form_data(ref))

    case_study = CaseStudy.objects.get()
    assert case_study.contact_language == "en-gb"
    assert mail.outbox[0].subject == f"We have received your case study ({case_study.reference})"


def test_a_later_email_is_in_the_language_the_submitter_used(django_capture_on_commit_callbacks):
    welsh = make_submitted("Cartrefi cynnes", contact_language="cy")
    english = make_submitted("Warm homes")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.publish_case_study(case_study=welsh, actor=None)
        moderation.publish_case_study(case_study=english, actor=None)

    to_welsh, to_english = mail.outbox
    assert to_welsh.subject == f"Mae eich astudiaeth achos wedi’i chyhoeddi ({welsh.reference})"
    assert to_welsh.body.startswith(
        f'Annwyl Sam Jones,\n\nMae eich astudiaeth achos "Cartrefi cynnes" ({welsh.reference}) wedi’i chyhoeddi:\n\n'
        f"http://testserver/cy/case-studies/{welsh.slug}/\n\n"
        "Diolch am rannu gwaith eich cyngor.\n\n"
        "Llyfrgell Astudiaethau Achos Cynghorau\n"
    )
    assert to_english.subject == f"Your case study is published ({english.reference})"
    assert f"http://testserver/case-studies/{english.slug}/\n" in to_english.body
    assert "Thank you for sharing your council's work.\n\nCouncil Case Study Library\n" in to_english.body


def test_a_welsh_request_for_changes_links_to_the_welsh_form(client, django_capture_on_commit_callbacks):
    welsh = make_submitted("Cartrefi cynnes", contact_language="cy")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.request_changes(case_study=welsh, actor=None, note="Ychwanegwch ffigurau.")

    [message] = mail.outbox
    assert message.subject == f"Newidiadau sydd eu hangen i’ch astudiaeth achos ({welsh.reference})"
    link = re.search(r"http://testserver(/cy/case-studies/submit/changes/[^\s]+/)", message.body).group(1)
    response = client.get(link)
    assert page(response).find("h1").text == "Gwnewch y newidiadau y gofynnodd y golygyddion amdanynt"
    assert page(response).find("button", value="submit").text == "Anfon y newidiadau at y golygyddion"


def test_a_welsh_draft_is_saved_in_welsh_and_its_link_leads_back_in_welsh(
    client, ref, django_capture_on_commit_callbacks
):
    data = valid_form_data(ref, form_token=welsh_token(client), action="save")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WELSH_URL, data, follow=True)

    draft = SubmissionDraft.objects.get()
    assert draft.contact_language == "cy"
    assert page(response).find("h1").text == "Mae eich atebion wedi’u cadw"
    [message] = mail.outbox
    assert message.subject == "Eich astudiaeth achos wedi’i chadw: y ddolen i ddod yn ôl ati"
    assert message.body.startswith(
        "Helo,\n\nGwnaethoch gadw eich atebion i ffurflen yr astudiaeth achos "
        '("Wigan: warm homes for older residents") ar Llyfrgell Astudiaethau Achos Cynghorau.\n\n'
    )
    link = re.search(r"http://testserver(/cy/case-studies/submit/draft/[^\s/]+/)", message.body).group(1)
    reopened = page(client.get(link))
    assert reopened.find("h1").text == "Cyflwyno astudiaeth achos"
    assert reopened.find("input", name="title")["value"] == TEXT_ANSWERS["title"]


def test_a_broken_welsh_link_says_so_in_welsh(client):
    response = client.get("/cy/case-studies/submit/draft/not-a-token/")

    assert response.status_code == 404
    doc = page(response)
    assert doc.find("h1").text == "Nid yw’r ddolen hon yn gweithio"
    assert doc.find("main").find_all("p")[0].text == "Gwiriwch eich bod wedi copïo’r ddolen gyfan o’r e-bost."


def test_a_welsh_file_error_is_in_welsh(client, ref):
    gif = SimpleUploadedFile("llun.jpg", b"GIF89a" + b"\x00" * 64, content_type="image/jpeg")
    data = valid_form_data(ref, form_token=welsh_token(client), lead_image=gif, lead_image_alt="Llun")

    response = client.post(WELSH_URL, data)

    assert page(response).find("p", id="id_lead_image-error").text == (
        "Gwall: Rhaid i’r brif ddelwedd fod yn ddelwedd JPEG, PNG neu WebP. Mae’r ffeil hon yn ddelwedd GIF, "
        "beth bynnag mae ei henw’n ei ddweud."
    )


def test_an_english_file_error_is_unchanged(client, ref):
    gif = SimpleUploadedFile("photo.jpg", b"GIF89a" + b"\x00" * 64, content_type="image/jpeg")
    data = valid_form_data(ref, lead_image=gif, lead_image_alt="Photo")

    response = client.post("/case-studies/submit/", data)

    assert page(response).find("p", id="id_lead_image-error").text == (
        "Error: The lead image must be a JPEG, PNG or WebP image. This file is a GIF image, whatever its name says."
    )


def test_a_welsh_review_reminder_leads_to_the_welsh_review_page(client):
    now = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
    case_study = make_case_study(
        "Cartrefi cynnes", published_at=now - timedelta(days=3 * 365), contact_language="cy"
    )

    with time_machine.travel(now, tick=False):
        call_command("review_reminders", stdout=StringIO())
        [message] = mail.outbox
        link = re.search(r"http://testserver(/cy/case-studies/review/[^/\s]+/)", message.body).group(1)
        opened = page(client.get(link))
        done = page(client.get(client.post(link, {"action": "confirm"})["Location"]))

    assert message.subject == "Ydy eich astudiaeth achos yn dal yn gywir? “Cartrefi cynnes”"
    assert f"http://testserver/cy/case-studies/{case_study.slug}/\n" in message.body
    assert opened.find("h1").text == "Ydy’r astudiaeth achos hon yn dal yn gywir?"
    assert opened.find("button", value="confirm").text == "Ydy, mae’n dal yn gywir"
    assert done.find("h1").text == "Diolch"


@pytest.mark.parametrize(
    ("welsh", "subject_title", "lead_title"),
    [
        (WELSH_VERSION, "Cartrefi cynnes", '<a href="{url}">Cartrefi cynnes</a>'),
        ({}, "Warm homes", '<a href="{url}"><span lang="en">Warm homes</span></a>'),
    ],
)
def test_a_welsh_review_reminder_names_the_case_study_in_welsh_when_it_can(
    client, welsh, subject_title, lead_title
):
    now = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
    case_study = make_case_study(
        "Warm homes", published_at=now - timedelta(days=3 * 365), contact_language="cy", **welsh
    )

    with time_machine.travel(now, tick=False):
        call_command("review_reminders", stdout=StringIO())
        [message] = mail.outbox
        link = re.search(r"http://testserver(/cy/case-studies/review/[^/\s]+/)", message.body).group(1)
        lead = client.get(link).content.decode()

    assert message.subject == f"Ydy eich astudiaeth achos yn dal yn gywir? “{subject_title}”"
    assert f"“{lead_title.format(url=f'/cy/case-studies/{case_study.slug}/')}”, cyhoeddwyd" in lead


def test_a_welsh_publication_email_names_the_welsh_title(django_capture_on_commit_callbacks):
    case_study = make_submitted("Warm homes", contact_language="cy")
    CaseStudy.objects.filter(pk=case_study.pk).update(**WELSH_VERSION)
    case_study.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.publish_case_study(case_study=case_study, actor=None)

    [message] = mail.outbox
    assert (
        f'Mae eich astudiaeth achos "Cartrefi cynnes" ({case_study.reference}) wedi’i chyhoeddi'
        in message.body
    )
