"""Small factory functions for tests: explicit arguments, sensible defaults, no magic."""

import itertools
from datetime import datetime

from django.utils import timezone

from casestudies.models import CaseStudy, Council, SupportType, Topic

_counter = itertools.count(1)


def make_topic(
    name: str | None = None, *, slug: str | None = None, order: int = 0, description: str = ""
) -> Topic:
    n = next(_counter)
    name = name or f"Topic {n}"
    return Topic.objects.create(name=name, slug=slug or f"topic-{n}", order=order, description=description)


def make_support_type(name: str | None = None, *, slug: str | None = None, order: int = 0) -> SupportType:
    n = next(_counter)
    name = name or f"Support {n}"
    return SupportType.objects.create(name=name, slug=slug or f"support-{n}", order=order)


def make_council(
    name: str | None = None, *, code: str | None = None, region: str = "North West", **extra
) -> Council:
    n = next(_counter)
    values = {
        "name": name or f"Council {n}",
        "official_name": f"{name or f'Council {n}'} Council",
        "gss_code": f"E0{n:07d}"[:9],
        "nation": "England",
        "region": region,
        "authority_type": "Unitary authority",
        "is_current": True,
    }
    values.update(extra)
    return Council.objects.create(code=code or f"C{n:04d}", **values)


def make_case_study(
    title: str | None = None,
    *,
    council: Council | None = None,
    topics: list[Topic] | None = None,
    support_types: list[SupportType] | None = None,
    status: str = CaseStudy.Status.PUBLISHED,
    published_at: datetime | None = None,
    **fields,
) -> CaseStudy:
    n = next(_counter)
    title = title or f"Case study {n}"
    values = {
        "slug": f"case-study-{n}",
        "summary": f"Summary of case study {n}.",
        "challenge": "The challenge text.",
        "solution": "The solution text.",
        "impact": "The impact text.",
        "sustainability": "How it is sustained.",
        "lessons": "Lessons learned.",
        "contact_name": "Alex Example",
        "contact_role": "Programme lead",
        "contact_email": "alex.example@council.example",
    }
    values.update(fields)
    if published_at is None and status == CaseStudy.Status.PUBLISHED:
        published_at = timezone.now()
    case_study = CaseStudy.objects.create(
        title=title,
        lead_council=council or make_council(),
        status=status,
        published_at=published_at,
        **values,
    )
    case_study.topics.set(topics if topics is not None else [make_topic()])
    case_study.support_types.set(support_types or [])
    return case_study


# A whole Welsh version (issue 23): every Welsh field, short.
WELSH_VERSION = {
    "title_cy": "Cartrefi cynnes",
    "summary_cy": "Crynodeb.",
    "challenge_cy": "Yr her.",
    "solution_cy": "Yr ateb.",
    "impact_cy": "Yr effaith.",
    "sustainability_cy": "Sut mae’n parhau.",
    "lessons_cy": "Gwersi.",
}


def welsh_only(version: dict[str, str] = WELSH_VERSION) -> dict[str, str]:
    """The fields of a case study written in Welsh only, as the submission form stores it: its English fields hold
    its Welsh ``version`` too."""
    return version | {english: version[welsh] for english, welsh in CaseStudy.WELSH.items()}
