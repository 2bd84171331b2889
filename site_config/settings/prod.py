"""Production: secure defaults; refuses to start without its secrets."""

import dj_database_url

from .base import *  # noqa: F403
from .base import DATABASES, env, env_bool, env_list, require

SECRET_KEY = require("SECRET_KEY")
# Every canonical link, sitemap entry, feed and email is built from it: never the development default.
SITE_URL = require("SITE_URL").rstrip("/")
ALLOWED_HOSTS = [host.strip() for host in require("ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES["default"] = dj_database_url.parse(
    require("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
)
DEBUG = False
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP: the health checks answer there instead of redirecting.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
