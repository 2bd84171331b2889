"""The app's URLs, all under the "casestudies" namespace. The submission URLs come first: a case study's slug
never shadows /case-studies/submit/."""

from .public import urls as public_urls
from .submissions import urls as submission_urls

app_name = "casestudies"

urlpatterns = [*submission_urls.urlpatterns, *public_urls.urlpatterns]
