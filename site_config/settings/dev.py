from .base import *  # noqa: F403
from .base import DEFAULT_FILE_STORAGE, env_bool

DEBUG = env_bool("DEBUG", True)
STORAGES = {
    "default": DEFAULT_FILE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
