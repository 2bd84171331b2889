"""Settings shared by every environment. The environment is read here and nowhere else."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def require(name: str) -> str:
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
# With DEBUG on, a missing page still shows the site's own 404 page unless this is set (Django's technical 404
# lists every URL pattern, which helps when writing URLs but is not what a person trying the site should see).
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    "axes",
    "reversion",
    "casestudies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "casestudies.ops.middleware.DatabaseUnavailableMiddleware",
    "casestudies.ops.dbrouter.PrimaryForWritersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "casestudies.ops.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "casestudies.ops.manyfields.KnownFieldsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "casestudies.ops.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "casestudies.ops.middleware.NotFoundPageMiddleware",
]

# Sign-in attempts are limited per account and per client address (django-axes, counted in the database).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5") or 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False
# The admin's address; set ADMIN_URL to something less guessable in production.
ADMIN_URL = (env("ADMIN_URL", "admin/") or "admin/").strip("/") + "/"

# Security headers on every response. No inline scripts or styles anywhere, so the policy needs no 'unsafe-*'.
# (JSON-LD data blocks are not executed, so script-src does not apply to them.)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "site_config.urls"
CSRF_FAILURE_VIEW = "casestudies.csrf.csrf_failure"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casestudies.public.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["casestudies.ops.dbrouter.PrimaryReplicaRouter"]
for _database in DATABASES.values():
    if _database["ENGINE"].endswith("postgresql"):
        # Fail fast when the database is unreachable rather than hanging the worker.
        _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English and Welsh (issue 23). English pages keep their URLs; Welsh ones are the same under /cy/. The language
# comes from the URL alone (casestudies.ops.middleware.LanguageMiddleware), never from Accept-Language or a cookie,
# so a page's URL is all a cache needs to know. Translations: locale/cy/LC_MESSAGES (docs/welsh-glossary.md).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the root of the site (/favicon.ico, /apple-touch-icon.png), served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
# Uploaded files (lead images, documents): a folder in the project by default; any S3-compatible store when
# S3_BUCKET is set (django-storages). They are only ever served through a view that checks who may see them
# (casestudies/public/files.py), never from a public media URL.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")) or BASE_DIR / "media")
MEDIA_URL = "/files/"
S3_BUCKET = env("S3_BUCKET")
if S3_BUCKET:
    DEFAULT_FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL"),
            "region_name": env("S3_REGION"),
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "location": env("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_FILE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered public list pages are cached this long (0 turns the cache off); publishing invalidates them.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300") or 0)
# Keyword searches are counted in each process's memory and written in one statement after a response, once this
# many have gathered or this many seconds have passed (and when the process exits): casestudies/catalogue/searchlog.py.
SEARCH_LOG_ENABLED = env_bool("SEARCH_LOG_ENABLED", True)
SEARCH_LOG_FLUSH_EVERY = int(env("SEARCH_LOG_FLUSH_EVERY", "200") or 200)
SEARCH_LOG_FLUSH_SECONDS = int(env("SEARCH_LOG_FLUSH_SECONDS", "60") or 60)

SITE_NAME = "Council Case Study Library"
SITE_NAME_CY = env("SITE_NAME_CY", "Llyfrgell Astudiaethau Achos Cynghorau")  # the name on Welsh pages
SITE_URL = (env("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
CASE_STUDIES_PER_PAGE = 20

# Email: the console by default; SMTP (or any backend) from the environment.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Council Case Study Library <no-reply@casestudies.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who hears about new submissions; when empty, the active users in the Editors group.
EDITOR_EMAILS = env_list("EDITOR_EMAILS")

# The submission form: minimum seconds between serving and posting, and submissions per client per window.
SUBMISSION_MIN_SECONDS = int(env("SUBMISSION_MIN_SECONDS", "3") or 3)
SUBMISSION_RATE_LIMIT = int(env("SUBMISSION_RATE_LIMIT", "5") or 5)
SUBMISSION_RATE_WINDOW = 3600
# "Save and come back later" emails a link each time, so it is limited too (saves per client per window).
DRAFT_SAVE_RATE_LIMIT = int(env("DRAFT_SAVE_RATE_LIMIT", "20") or 20)
# Request size limits: a full submission is about 25 KB of text (files are not counted in this limit).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# Files: one lead image, up to five documents and the evaluation report a request. Every upload spools to a temporary file and stops
# being stored as soon as it passes its limit (casestudies/ops/uploads.py), so a request never holds more than
# the limits on disk. The proxy in front should allow a body of about 135 MB (docs/deployment.md).
DATA_UPLOAD_MAX_NUMBER_FILES = 7
FILE_UPLOAD_HANDLERS = ["casestudies.ops.uploads.CheckedUploadHandler"]
IMAGE_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
IMAGE_MAX_PIXELS = 50_000_000  # decompression-bomb limit (Pillow's Image.MAX_IMAGE_PIXELS)
IMAGE_WIDTHS = (480, 960, 1600)  # the re-encoded sizes, served with srcset
# A saved draft of the submission form, and an editor's request for changes, are opened by signed links valid
# this many days; expired drafts are deleted by manage.py purge_drafts.
SUBMISSION_LINK_DAYS = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
