"""The messages our scripts show or say (word counts, the council picker's and the suggestions' announcements, copy
link), in the page's language: Django's JavaScript catalogue of ``locale/<lang>/LC_MESSAGES/djangojs.po``, served
from our own site (the CSP's ``script-src 'self'``) at ``/jsi18n/`` and ``/cy/jsi18n/`` (issue 23).

Only our catalogue (not Django's admin messages), and only where a script needs it: Welsh pages load it before
their scripts; English pages do not load it at all, and each script falls back to its English text. It changes only
with a release, so browsers and proxies may keep it for a day (revalidated by ``Last-Modified``)."""

from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

STARTED = timezone.now().replace(microsecond=0)  # a release restarts the processes

catalogue = cache_control(public=True, max_age=24 * 3600)(
    last_modified(lambda request: STARTED)(JavaScriptCatalog.as_view(packages=["casestudies"]))
)
