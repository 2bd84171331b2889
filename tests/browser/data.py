"""A small library for the browser tests, made with the shared factories (tests/factories.py).

Small on purpose: every browser test runs on a transactional database, so this is created for each test.
The texts are realistic and a little awkward (long words, a long email address, several paragraphs) so that
reflow and text-spacing checks have something to bite on.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from casestudies.models import (
    Attachment,
    CaseStudy,
    Council,
    ModerationEvent,
    Outcome,
    SubmissionDraft,
    SupportType,
    Topic,
    links,
)
from casestudies.models.files import FOLDER
from casestudies.ops import uploads
from tests.casestudies.file_helpers import docx_bytes, image_bytes, pdf_bytes, upload
from tests.factories import make_case_study, make_council, make_support_type, make_topic

LONG_EMAIL = "digital.transformation.programme@brighton-and-hove.example"


@dataclass
class Library:
    topics: dict[str, Topic]
    support_types: dict[str, SupportType]
    councils: dict[str, Council]
    published: list[CaseStudy]
    unpublished: CaseStudy

    @property
    def featured(self) -> CaseStudy:
        """The richest case study: two topics, support, partners, related case studies."""
        return self.published[0]


def make_library() -> Library:
    now = timezone.now()
    topics = {
        "housing": make_topic(
            "Housing", slug="housing", order=1, description="Homes, homelessness and housing."
        ),
        "health": make_topic("Health and care", slug="health-and-care", order=2),
        "digital": make_topic("Digital", slug="digital", order=3),
    }
    support_types = {
        "grant": make_support_type("Grant funding", slug="grant", order=1),
        "peer": make_support_type("Peer support", slug="peer-support", order=2),
    }
    councils = {
        "wigan": make_council("Wigan", code="WGN", latitude=53.54, longitude=-2.59),
        "leeds": make_council(
            "Leeds", code="LDS", region="Yorkshire and The Humber", latitude=53.80, longitude=-1.55
        ),
        "brighton": make_council(
            "Brighton and Hove", code="BNH", region="South East", latitude=50.85, longitude=-0.14
        ),
        "shetland": make_council(
            "Shetland Islands", code="ZET", region="Scotland", latitude=60.39, longitude=-1.25
        ),
        "belfast": make_council(
            "Belfast", code="BFS", region="Northern Ireland", latitude=54.60, longitude=-5.94
        ),
    }
    published = [
        make_case_study(
            "Wigan: warm homes for older residents",
            slug="wigan-warm-homes",
            council=councils["wigan"],
            topics=[topics["housing"], topics["health"]],
            support_types=[support_types["grant"]],
            published_at=now - timedelta(days=1),
            partners="Wigan and Leigh Housing, the local NHS trust",
            summary="The council insulated 400 homes of older residents and cut winter hospital admissions.",
            challenge="Cold homes were sending older residents to hospital every winter.\n\n"
            "Referrals came from five different teams, none of which could arrange the work.",
            solution="A single team surveyed homes, arranged insulation and checked back after a month.",
            impact="Winter admissions among the residents helped fell by a quarter.",
            contact_email=LONG_EMAIL,
        ),
        make_case_study(
            "Leeds: a digital front door for council tax",
            slug="leeds-digital-front-door",
            council=councils["leeds"],
            topics=[topics["digital"]],
            support_types=[support_types["peer"]],
            published_at=now - timedelta(days=2),
        ),
        make_case_study(
            "Brighton and Hove: interdepartmental homelessness prevention partnership",
            slug="brighton-homelessness-prevention",
            council=councils["brighton"],
            topics=[topics["housing"]],
            published_at=now - timedelta(days=3),
        ),
        make_case_study(
            "Wigan: community health checks in libraries",
            slug="wigan-health-checks",
            council=councils["wigan"],
            topics=[topics["health"]],
            support_types=[support_types["grant"], support_types["peer"]],
            published_at=now - timedelta(days=4),
        ),
        make_case_study(
            "Leeds: tenants design the repairs service",
            slug="leeds-repairs",
            council=councils["leeds"],
            topics=[topics["housing"], topics["digital"]],
            published_at=now - timedelta(days=5),
        ),
    ]
    unpublished = make_case_study(
        "Leeds: school streets pilot",
        slug="leeds-school-streets",
        council=councils["leeds"],
        topics=[topics["health"]],
        status=CaseStudy.Status.SUBMITTED,
        reference="CS-2026-00042",
    )
    return Library(topics, support_types, councils, published, unpublished)


def add_published(library: Library, count: int) -> None:
    """More published case studies (older than the library's), enough to paginate."""
    start = timezone.now() - timedelta(days=30)
    for n in range(count):
        make_case_study(
            f"Extra case study {n + 1}",
            council=library.councils["brighton"],
            topics=[library.topics["digital"]],
            published_at=start - timedelta(hours=n),
        )


def make_editor(username: str = "editor"):
    """A staff user in the Editors group. The group comes from a migration, which a transactional test's
    flush removes, so it is made again here with the permission the preview needs."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="casestudies", codename__in=["view_casestudy", "change_casestudy"]
        )
    )
    user = get_user_model().objects.create_user(username, f"{username}@council.example", is_staff=True)
    user.groups.add(group)
    return user


def add_files(case_study: CaseStudy) -> None:
    """A lead image, two documents and an evaluation report, checked and stored as the form would."""
    for name, content, kind, title, position in [
        (
            "photo.jpg",
            image_bytes("JPEG", (1600, 900), colour=(120, 90, 60)),
            "image",
            "Fitting loft insulation",
            0,
        ),
        ("report.pdf", pdf_bytes(), "document", "Evaluation report, March 2025", 1),
        ("costs.docx", docx_bytes(), "document", "Costs and savings", 2),
        ("evaluation.pdf", pdf_bytes("Independent evaluation"), "evaluation", "Evaluation report", 0),
    ]:
        checked = uploads.check_upload(upload(name, content), kind="image" if kind == "image" else "document")
        stored = uploads.store(checked, folder=FOLDER)
        Attachment.objects.create(
            **asdict(stored), kind=kind, title=title, position=position, case_study=case_study
        )


def add_evidence(case_study: CaseStudy) -> None:
    """Impact, cost and evidence with every answer given (an editor changed the level) and three outcomes with
    long words, so that the outcomes table is wider than a phone."""
    CaseStudy.objects.filter(pk=case_study.pk).update(
        cost_band="10k_50k",
        cost_amount=38000,
        cost_covers="Two surveyors and the insulation of the first forty homes",
        savings_per_year=120000,
        savings_method="Fewer winter hospital admissions, at the NHS trust's cost per admission",
        evidence_level_claimed=4,
        evidence_level_confirmed=2,
        stage="stopped",
        start_year=2019,
        end_year=2022,
        stopped_reason="The grant ended and the housing association took the work on.",
        last_reviewed=date(2025, 3, 5),
        evaluation_url="https://evaluation.example/wigan-warm-homes",
    )
    for position, (measure, before, after, unit, period, source) in enumerate(
        [
            ("Winter hospital admissions", "120", "90", "a year", "2019 to 2022", "Wrightington NHS trust"),
            ("Homes insulated", None, "400", "homes", "3 years", "Council housing register"),
            ("Residents' average heating bills", "1450", "1120", "£", "a winter", "Residents' survey"),
        ]
    ):
        Outcome.objects.create(
            case_study=case_study,
            position=position,
            measure=measure,
            before=Decimal(before) if before else None,
            after=Decimal(after),
            unit=unit,
            period=period,
            source=source,
        )


def save_draft(library: Library, *, expired: bool = False) -> str:
    """A saved draft (as "Save and come back later" leaves it); returns the path its link opens."""
    now = timezone.now()
    draft = SubmissionDraft.objects.create(
        data={"title": "Leeds: a half-written case study", "lead_council": "LDS", "topics": ["digital"]},
        email="sam.jones@leeds.example",
        expires_at=now - timedelta(days=1) if expired else now + timedelta(days=30),
    )
    return f"/case-studies/submit/draft/{links.draft_token(draft.pk)}/"


def request_changes(case_study: CaseStudy) -> str:
    """The case study sent back for changes with a note; returns the path the emailed link opens."""
    case_study.status = CaseStudy.Status.CHANGES_REQUESTED
    case_study.submitter_name, case_study.submitter_email = "Sam Jones", "sam.jones@leeds.example"
    case_study.save()
    round_ = ModerationEvent.objects.create(
        case_study=case_study,
        action=ModerationEvent.Action.CHANGES_REQUESTED,
        from_status=CaseStudy.Status.SUBMITTED,
        to_status=CaseStudy.Status.CHANGES_REQUESTED,
        note="Please say how many pupils walk to school now, and add the evaluation report.",
    )
    return f"/case-studies/submit/changes/{links.changes_token(case_study_id=case_study.pk, round_id=round_.pk)}/"


def review_link(case_study: CaseStudy, *, edit: bool = False) -> str:
    """The path a review reminder's link opens (or its "Edit the case study" form)."""
    path = f"/case-studies/review/{links.review_token(case_study_id=case_study.pk)}/"
    return f"{path}edit/" if edit else path
