"""Read-side helpers used by the public views."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from casestudies.models import Attachment, CaseStudy, Council, Topic

from . import index


def public_case_studies() -> QuerySet[CaseStudy]:
    """The starting point of every public view."""
    return CaseStudy.objects.published()


def can_preview(user) -> bool:
    """Editors (staff with the view permission) may open any case study's page, whatever its status."""
    return bool(user.is_active and user.is_staff and user.has_perm("casestudies.view_casestudy"))


def case_study_for_page(*, slug: str, preview: bool = False) -> CaseStudy | None:
    base = CaseStudy.objects.all() if preview else public_case_studies()
    return (
        base.select_related("lead_council")
        .prefetch_related("topics", "support_types")
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class PageFiles:
    lead_image: Attachment | None
    documents: list[Attachment]


def files_for_page(case_study: CaseStudy) -> PageFiles:
    """The lead image and the documents, in one query."""
    attachments = list(case_study.attachments.order_by("kind", "position", "id"))
    images = [a for a in attachments if a.kind == Attachment.Kind.IMAGE]
    documents = [a for a in attachments if a.kind == Attachment.Kind.DOCUMENT]
    return PageFiles(lead_image=images[0] if images else None, documents=documents)


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
    case_study: CaseStudy, *, limit: int = 3, catalogue: index.Catalogue | None = None
) -> list[CaseStudy]:
    """Published case studies sharing most topics with this one, newest first among equals."""
    topic_ids = [topic.pk for topic in case_study.topics.all()]
    catalogue = catalogue or index.current()
    ids = catalogue.related(case_study.pk, topic_ids, limit=limit) if topic_ids else []
    rows = (
        public_case_studies()
        .select_related("lead_council")
        .defer(*CaseStudy.SECTION_FIELDS, "partners")
        .in_bulk(ids)
    )
    return [rows[pk] for pk in ids if pk in rows]


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
