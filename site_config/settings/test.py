from .base import *  # noqa: F403
from .base import DEFAULT_FILE_STORAGE

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": DEFAULT_FILE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SUBMISSION_MIN_SECONDS = 0
SITE_URL = "http://testserver"
PAGE_CACHE_SECONDS = 0  # tests that exercise the page cache turn it on
# Search counts stay in memory unless a test writes them (``searchlog.flush()``) or lowers these.
SEARCH_LOG_FLUSH_EVERY = 10**9
SEARCH_LOG_FLUSH_SECONDS = None
