"""Read-side helpers used by the public views."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import CaseStudy, Topic


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
    if not topic_ids:
        return []
    through = CaseStudy.topics.through
    shared = through.objects.filter(casestudy_id=OuterRef("pk"), topic_id__in=topic_ids)
    return list(
        public_case_studies()
        .filter(Exists(shared))
        .exclude(pk=case_study.pk)
        .annotate(shared_topics=Count("topics", filter=Q(topics__in=topic_ids)))
        .select_related("lead_council")
        .defer(*CaseStudy.SECTION_FIELDS, "partners", "search_vector")
        .order_by("-shared_topics", "-published_at", "-id")[:limit]
    )


def topic_by_slug(slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()
