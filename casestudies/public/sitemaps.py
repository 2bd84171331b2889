"""The sitemap: every public page in English and in Welsh (issue 23), each entry naming both versions and English as
the x-default with ``xhtml:link rel="alternate" hreflang`` (Django's ``i18n`` and ``alternates``: the location is
reversed once per language, so ``/cy/`` comes from ``i18n_patterns``)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from casestudies.catalogue import selectors
from casestudies.models import CaseStudy, Council, Topic


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class CaseStudySitemap(BilingualSitemap):
    changefreq = "monthly"
    limit = 20000  # 10,000 case studies, each in English and in Welsh

    def items(self):
        return selectors.public_case_studies().only("slug", "updated_at").order_by("id")

    def lastmod(self, item: CaseStudy):
        return item.updated_at


class TopicSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.all()


class CouncilSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.councils_with_case_studies()

    def location(self, item: Council) -> str:
        return reverse("casestudies:council", kwargs={"code": item.code})


class StaticSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "casestudies:list",
            "casestudies:map",
            "casestudies:insights",
            "casestudies:councils",
            "casestudies:submit",
            "accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": StaticSitemap,
    "case-studies": CaseStudySitemap,
    "topics": TopicSitemap,
    "councils": CouncilSitemap,
}
