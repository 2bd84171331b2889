from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from casestudies.catalogue import selectors
from casestudies.models import CaseStudy, Council, Topic


class CaseStudySitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return selectors.public_case_studies().only("slug", "updated_at").order_by("id")

    def lastmod(self, item: CaseStudy):
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.all()


class CouncilSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.councils_with_case_studies()

    def location(self, item: Council) -> str:
        return reverse("casestudies:council", kwargs={"code": item.code})


class StaticSitemap(Sitemap):
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
