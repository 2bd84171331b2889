"""Read-side helpers used by the public views."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from casestudies.models import CaseStudy, Council, Topic

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


def paginate(queryset: QuerySet, *, page: str | None, per_page: int) -> Page:
    """Non-numeric pages give the first page; pages past the end give the last."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(page)


def related_case_studies(case_study: CaseStudy, *, limit: int = 3) -> list[CaseStudy]:
    """Published case studies sharing most topics with this one, newest first among equals."""
    topic_ids = [topic.pk for topic in case_study.topics.all()]
    ids = index.current().related(case_study.pk, topic_ids, limit=limit) if topic_ids else []
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
    published = Q(case_studies__status=CaseStudy.Status.PUBLISHED, case_studies__published_at__isnull=False)
    return (
        Council.objects.annotate(num_case_studies=Count("case_studies", filter=published))
        .filter(num_case_studies__gt=0)
        .order_by("region", "name")
    )
