from .base import *  # noqa: F403
from .base import DEFAULT_FILE_STORAGE, env, env_bool

DEBUG = env_bool("DEBUG", True)
# Links in pages, feeds and emails follow the port `make run` serves on (PORT=8001 make run).
SITE_URL = (env("SITE_URL") or f"http://127.0.0.1:{env('PORT', '8000')}").rstrip("/")
STORAGES = {
    "default": DEFAULT_FILE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
