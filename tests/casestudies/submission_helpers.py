"""Helpers for the submission, email, moderation and import/export tests.

Plain functions: reference data for a submission, valid form data, a fresh signed ``form_token`` taken from the
served form, and users (editor, staff without the Editors group).
"""

import re
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from casestudies.models import CaseStudy, Council, SupportType, Topic
from casestudies.submissions.forms import SubmissionForm
from tests.factories import make_case_study, make_council, make_support_type, make_topic

SUBMIT_URL = "/case-studies/submit/"
PASSWORD = "correct horse battery staple"

TEXT_ANSWERS = {
    "title": "Wigan: warm homes for older residents",
    "partners": "Wigan and Leigh Housing, the local NHS trust",
    "summary": "The council insulated 400 homes of older residents and cut winter hospital admissions.",
    "challenge": "Cold homes were sending older residents to hospital every winter.",
    "solution": "A single team surveyed homes, arranged insulation and checked back after a month.",
    "impact": "Winter admissions among the residents helped fell by a quarter.",
    "sustainability": "The work is now funded from the core housing budget.",
    "lessons": "Start with the residents most at risk and measure from day one.",
    "contact_name": "Priya Patel",
    "contact_role": "Head of housing",
    "contact_email": "housing@wigan.example",
    "submitter_name": "Sam Jones",
    "submitter_email": "sam.jones@wigan.example",
}


@dataclass
class ReferenceData:
    council: Council  # current
    other_council: Council  # current
    former_council: Council  # no longer current
    topics: list[Topic]  # four, so that "too many topics" can be tried
    support_types: list[SupportType]  # two


# The Welsh version of the form's answers (issue 23), as a council writing in Welsh types it.
WELSH_ANSWERS = {
    "title_cy": "Wigan: cartrefi cynnes i bobl hŷn",
    "summary_cy": "Fe wnaeth y cyngor inswleiddio 400 o gartrefi pobl hŷn.",
    "challenge_cy": "Roedd cartrefi oer yn anfon pobl hŷn i’r ysbyty bob gaeaf.",
    "solution_cy": "Fe wnaeth un tîm archwilio cartrefi a threfnu inswleiddio.",
    "impact_cy": "Gostyngodd derbyniadau i’r ysbyty yn y gaeaf chwarter.",
    "sustainability_cy": "Mae’r gwaith yn cael ei ariannu o’r gyllideb dai graidd.",
    "lessons_cy": "Dechreuwch gyda’r bobl sydd fwyaf mewn perygl.",
}


def make_reference_data() -> ReferenceData:
    return ReferenceData(
        council=make_council("Wigan", code="WGN"),
        other_council=make_council("Leeds", code="LDS"),
        former_council=make_council("Christchurch", code="CHC", is_current=False),
        topics=[
            make_topic("Housing", slug="housing", order=1),
            make_topic("Health and care", slug="health-and-care", order=2),
            make_topic("Digital", slug="digital", order=3),
            make_topic("Climate", slug="climate", order=4),
        ],
        support_types=[
            make_support_type("Grant", slug="grant", order=1),
            make_support_type("Peer support", slug="peer-support", order=2),
        ],
    )


def words(count: int, word: str = "word") -> str:
    """``count`` words separated by spaces."""
    return " ".join([word] * count)


def signed_token(served_at: float | None = None) -> str:
    """A valid ``form_token`` as the form issues it, for a form served at ``served_at`` (default: now)."""
    return SubmissionForm(now=time.time() if served_at is None else served_at).fresh_token


def valid_form_data(ref: ReferenceData, **overrides) -> dict:
    """Answers that pass every check of the form, with a token served an hour ago."""
    data = {
        **TEXT_ANSWERS,
        "lead_council": ref.council.code,
        "topics": [ref.topics[0].slug, ref.topics[2].slug],
        "support_types": [ref.support_types[1].slug],
        "consent": "on",
        "website": "",
        "form_token": signed_token(time.time() - 3600),
    }
    data.update(overrides)
    return data


def form_token_from_page(client) -> str:
    """The signed token in the form as the site serves it."""
    response = client.get(SUBMIT_URL)
    assert response.status_code == 200
    found = re.findall(r'<input type="hidden" name="form_token" value="([^"]+)">', response.content.decode())
    assert len(found) == 1, found
    return found[0]


def valid_post_data(client, ref: ReferenceData, **overrides) -> dict:
    """Valid POST data with a fresh ``form_token`` from a GET of the form."""
    return valid_form_data(ref, form_token=form_token_from_page(client), **overrides)


def make_editor(username: str = "editor", *, email: str = "editor@casestudies.example", **extra):
    user = get_user_model().objects.create_user(
        username, email=email, password=PASSWORD, is_staff=True, **extra
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def make_staff(username: str = "staff", *, email: str = "staff@casestudies.example"):
    """A staff user in no group and without permissions."""
    return get_user_model().objects.create_user(username, email=email, password=PASSWORD, is_staff=True)


def make_submitted(title: str = "Submitted case study", **fields) -> CaseStudy:
    """A submitted case study with a reference and a submitter, as the form leaves it."""
    fields.setdefault("submitter_name", "Sam Jones")
    fields.setdefault("submitter_email", "sam.jones@wigan.example")
    fields.setdefault("publication_consent", True)
    fields.setdefault("submitted_at", timezone.now())
    case_study = make_case_study(title, status=fields.pop("status", CaseStudy.Status.SUBMITTED), **fields)
    case_study.reference = f"CS-2026-{case_study.pk:05d}"
    case_study.save(update_fields=["reference"])
    return case_study
