"""Read-side helpers used by the public views."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from casestudies.models import Attachment, CaseStudy, Council, Outcome, SupportType, Topic

from . import index
from .cards import Card, cards


def public_case_studies() -> QuerySet[CaseStudy]:
    """The starting point of every public view."""
    return CaseStudy.objects.published()


def can_preview(user) -> bool:
    """Editors (staff with the view permission) may open any case study's page, whatever its status."""
    return bool(user.is_active and user.is_staff and user.has_perm("casestudies.view_casestudy"))


def case_study_for_page(*, slug: str, preview: bool = False) -> CaseStudy | None:
    """The case study with its lead council, ``has_files`` and ``has_outcomes`` (so that one without files or
    outcomes costs no query for them). Its topics and support types: ``tags_for_page``."""
    base = CaseStudy.objects.all() if preview else public_case_studies()
    files = Attachment.objects.filter(case_study=OuterRef("pk"))
    outcomes = Outcome.objects.filter(case_study=OuterRef("pk"))
    return (
        base.select_related("lead_council")
        .annotate(has_files=Exists(files), has_outcomes=Exists(outcomes))
        .filter(slug=slug)
        .first()
    )


def outcomes_for_page(case_study: CaseStudy) -> list[Outcome]:
    """The measured outcomes in their order: one query, none when ``has_outcomes`` says there are none."""
    if getattr(case_study, "has_outcomes", True) is False:
        return []
    return list(case_study.outcomes.all())


def tags_for_page(
    case_study: CaseStudy, *, catalogue: index.Catalogue
) -> tuple[list[Topic], list[SupportType]]:
    """Topics and support types from the catalogue index when it has the case study (a published one), else from
    the database (an editor's preview)."""
    found = catalogue.tags_of(case_study.pk)
    if found is not None:
        return found
    return list(case_study.topics.all()), list(case_study.support_types.all())


@dataclass(frozen=True)
class PageFiles:
    lead_image: Attachment | None
    documents: list[Attachment]
    evaluation_report: Attachment | None = None


def files_for_page(case_study: CaseStudy) -> PageFiles:
    """The lead image, the documents and the evaluation report, in one query (none when ``has_files`` says there
    are none)."""
    if getattr(case_study, "has_files", True) is False:
        return PageFiles(lead_image=None, documents=[])
    attachments = list(case_study.attachments.order_by("kind", "position", "id"))
    images = [a for a in attachments if a.kind == Attachment.Kind.IMAGE]
    documents = [a for a in attachments if a.kind == Attachment.Kind.DOCUMENT]
    reports = [a for a in attachments if a.kind == Attachment.Kind.EVALUATION]
    return PageFiles(
        lead_image=images[0] if images else None,
        documents=documents,
        evaluation_report=reports[0] if reports else None,
    )


def attachment_for_download(*, key: str, preview: bool) -> Attachment | None:
    """A file whose case study the public may see, or any case study's file for an editor; never a draft's."""
    found = Attachment.objects.select_related("case_study").filter(key=key, case_study__isnull=False).first()
    if found is None:
        return None
    if not preview and not found.case_study.is_live:
        return None
    return found


def paginate(queryset: QuerySet, *, page: str | None, per_page: int) -> Page:
    """Non-numeric pages give the first page; pages past the end give the last."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page)


def related_case_studies(
    case_study: CaseStudy, topic_ids: list[int], *, limit: int = 3, catalogue: index.Catalogue | None = None
) -> list[Card]:
    """Published case studies sharing most of ``topic_ids`` (the case study's topics) with this one, newest first
    among equals, as cards (one narrow query)."""
    catalogue = catalogue or index.current()
    ids = catalogue.related(case_study.pk, topic_ids, limit=limit) if topic_ids else []
    return cards(ids, catalogue=catalogue)


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def council_by_code(code: str) -> Council | None:
    if "\x00" in code:  # PostgreSQL text cannot hold NUL: no council has such a code
        return None
    return Council.objects.filter(code=code).first()


def councils_with_case_studies() -> QuerySet[Council]:
    """Councils leading at least one published case study, with ``num_case_studies``, by region then name."""
    published = Q(
        case_studies__status=CaseStudy.Status.PUBLISHED, case_studies__published_at__lte=timezone.now()
    )
    return (
        Council.objects.annotate(num_case_studies=Count("case_studies", filter=published))
        .filter(num_case_studies__gt=0)
        .order_by("region", "name")
    )
