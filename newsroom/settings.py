"""Settings for Newsroom, read from the environment.

Every value that differs between a laptop and production comes from an environment
variable. Development defaults exist only where they are harmless; a production
deployment (``DEBUG`` off) must name its own ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
TESTING = len(sys.argv) > 1 and sys.argv[1] == "test"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        # Good only for a laptop: anyone can read it here.
        SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "ckeditor",
    "ckeditor_uploader",
    "reversion",
    "sections",
    "authors",
    "sources",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
SITE_ID = 1

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
                "sections.context_processors.navigation",
            ],
        },
    },
]

# The embedded default is a SQLite file in the checkout; production and CI set
# DATABASE_URL (postgres://user:pass@host:5432/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and far-future caching in production; tests use plain storage
    # so they do not need collectstatic to have run.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Development and tests serve static files straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Uploads: images only, see articles/images.py for the rules.
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
IMAGE_UPLOAD_MAX_PIXELS = int(os.environ.get("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000))
# Wire copy imported as text (articles/import_service.py): larger files are refused.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# The publication, as named in feeds, sitemaps and structured data.
NEWSROOM_NAME = os.environ.get("NEWSROOM_NAME", "Newsroom")
# The public domain (host[:port]) feeds and sitemaps link to; ``migrate`` writes it
# to the sites framework. Unset, the Site row is left as it is.
NEWSROOM_DOMAIN = os.environ.get("NEWSROOM_DOMAIN", "")
NEWSROOM_TAGLINE = os.environ.get("NEWSROOM_TAGLINE", "World news, checked and sourced")

# CKEditor 4, configured for news copy. The editor is for staff only and every
# body is sanitised on the server (articles/sanitiser.py); see
# docs/decisions/0002-ckeditor-4.md for why we keep it and how we leave it.
# Images uploaded from the editor are stored under uploads/<yyyy>/<mm>/ by
# articles/upload_views.py, which replaces django-ckeditor's own upload view
# and drops its server browser (the "Browse Server" button is off below).
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_CONFIGS = {
    "default": {
        "versionCheck": False,
        # Upload with XHR, the only way that carries Django's CSRF token
        # (articles/static/articles/ckeditor-upload-csrf.js); no server browsing.
        "filebrowserUploadMethod": "xhr",
        "filebrowserBrowseUrl": "",
        "height": 420,
        "width": "100%",
        "toolbar": "News",
        "toolbar_News": [
            ["Format"],
            ["Bold", "Italic", "RemoveFormat"],
            ["Link", "Unlink"],
            ["Blockquote", "BulletedList", "NumberedList"],
            ["Image"],
            ["Undo", "Redo"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": "iframe,forms,flash,sourcearea,exportpdf",
        "removeButtons": "Source",
        "disallowedContent": "script; iframe; object; embed; form; input; *[on*]; *{*}",
        "entities": False,
    }
}

# CKEditor 4 is past its end of life; we keep it deliberately and compensate
# (docs/decisions/0002-ckeditor-4.md). This is the only silenced check.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Tests ask for many 404s on purpose; their warnings would bury real failures.
    "loggers": {"django.request": {"level": "ERROR" if TESTING else "WARNING"}},
}

if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not TESTING)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not TESTING)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
