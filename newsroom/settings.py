"""Settings for Newsroom, read from the environment.

Every value that differs between a laptop and production comes from an environment
variable. Development defaults exist only where they are harmless; a production
deployment (``DEBUG`` off) must name its own ``SECRET_KEY`` and ``ALLOWED_HOSTS``:
without either, start-up stops with a message that says which.
"""

import logging
import os
import re
import sys
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    """Read an environment variable; set but empty (or only spaces) counts as unset.

    ``NAME=`` is what an env file, a compose file or a shell line leaves when a
    value is meant to be cleared, so every setting reads it as "use the
    default": an empty MEDIA_ROOT had been the current folder (a backup of the
    whole checkout), an empty TIME_ZONE a 500 on every page.
    """
    value = os.environ.get(name, "").strip()
    return value or default


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name, default=False):
    """Read a yes/no environment variable, in any case; another word stops start-up.

    "1", "true", "yes" and "on" mean yes; "0", "false", "no" and "off" mean no.
    Anything else had meant no: ``SECURE_SSL_REDIRECT=ture`` or
    ``SESSION_COOKIE_SECURE=enabled`` turned a protection off without a word.
    """
    value = env_str(name)
    if not value:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be yes or no: 1, true, yes or on, or 0, false, no or off "
        f"(it is {value!r}); or leave it unset for the default ({'on' if default else 'off'})."
    )


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_origins(name):
    """Read a comma-separated list of origins; a host name alone means its HTTPS origin.

    Django wants each trusted origin with its scheme (``https://news.example``)
    and refuses to start on a bare host name. The site is HTTPS-only in
    production, so a host written alone, as in ``ALLOWED_HOSTS``, can only mean
    ``https://`` and that host; and ``.news.example``, ``ALLOWED_HOSTS``' way of
    saying "and every subdomain", means ``https://*.news.example``. An origin
    written with its scheme is kept as written.
    """
    origins = []
    for item in env_list(name):
        if "://" not in item:
            item = "https://" + (f"*{item}" if item.startswith(".") else item)
        origins.append(item)
    return origins


def env_number(name, default, kind=int):
    """Read a whole-number (``kind=int``) or decimal (``float``) environment variable.

    A value that is not a number stops start-up with a message naming the
    variable: "IMAGE_UPLOAD_MAX_BYTES=10MB" is an easy slip, and Python's own
    "invalid literal for int()" would not say which variable held it.
    """
    value = env_str(name)
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or number != number or number in (float("inf"), float("-inf")):
        unit = "a whole number" if kind is int else "a number"
        raise ImproperlyConfigured(
            f"{name} must be {unit} (it is {value!r}); write it as digits only, "
            f"or leave it unset for the default ({default})."
        )
    return number


def env_time_zone(name, default):
    """Read an IANA time zone name, checked now rather than on the first page.

    A name the time zone database does not hold ("Mars/Base", "Europe/Brusels")
    would otherwise stop start-up with Django's bare ValueError, or, written as
    a path ("/etc/localtime"), pass every check and make every page a 500.
    """
    value = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name} is not a time zone (it is {value!r}); write a name from the tz "
            f"database such as Europe/Brussels or UTC, or leave it unset for the default "
            f"({default})."
        ) from None
    return value


def env_locale(name, default):
    """Read a locale as Open Graph writes one (en_GB), checked now rather than on every page."""
    value = env_str(name, default)
    if not re.fullmatch(r"[a-z]{2,3}_[A-Z]{2}", value):
        raise ImproperlyConfigured(
            f"{name} is not a locale (it is {value!r}); write a language and a territory "
            f"as Open Graph does, such as en_GB, en_US or fr_CA, or leave it unset for the "
            f"default ({default})."
        )
    return value


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# Accepted too: Python's aliases (WARN, FATAL) and NOTSET, which a deployment
# may have been set up with before this check.
LOG_LEVEL_NAMES = frozenset(logging.getLevelNamesMapping())


def env_log_level(name, default):
    """Read a logging level name, in any case; another word stops start-up saying which."""
    value = env_str(name, default)
    if value.upper() not in LOG_LEVEL_NAMES:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(LOG_LEVELS)} (it is {value!r}), "
            f"or leave it unset for the default ({default})."
        )
    return value.upper()


DEBUG = env_bool("DEBUG", default=False)
TESTING = len(sys.argv) > 1 and sys.argv[1] == "test"

# Read as written, not through env_str: spaces around a key are part of it, and
# trimming them would sign everyone out. Empty (or only spaces) counts as unset.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY.strip():
    if DEBUG or TESTING:
        # Good only for a laptop: anyone can read it here.
        SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
if not ALLOWED_HOSTS and not (DEBUG or TESTING):
    # Without it every page answers 400 while the health check, answered before
    # host validation, tells the load balancer all is well.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set the ALLOWED_HOSTS environment variable to the "
        "site's host names, comma-separated (or DEBUG=1 for local development)."
    )
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
# Hosts besides this site's that an old address may redirect to (the podcast's,
# the shop's): editors may not send readers anywhere else (newsroom/admin_redirects.py).
REDIRECT_HOSTS = env_list("REDIRECT_HOSTS")
# A refused form says why and how to send it again, in the site's words.
CSRF_FAILURE_VIEW = "newsroom.csrf.csrf_failure"

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
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "ckeditor",
    "ckeditor_uploader",
    "reversion",
    "csp",
    "axes",
    "sections",
    "authors",
    "sources",
    "articles",
    "pages",
]

MIDDLEWARE = [
    # First of all: /healthz, answered whatever the Host header (load balancers
    # probe by address), never redirected to HTTPS and never cached.
    "newsroom.health.HealthCheckMiddleware",
    # Next: a page cache hit for an anonymous reader is answered before any
    # other middleware runs (no session, query or template). Pages are stored
    # with the headers the rest of the stack added, security headers included
    # (articles/middleware.py, docs/decisions/0014-page-cache.md).
    "articles.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Strict Content-Security-Policy on the public site, CKEditor's needs on /admin/.
    "newsroom.security.PathCSPMiddleware",
    # Django's RedirectFallbackMiddleware, also for links with a query string
    # (?fbclid=, ?utm_source=, ?page=), which it passes on to the new address.
    "newsroom.middleware.QueryTolerantRedirectMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
    # A database error in a view becomes the styled 503 with Retry-After.
    "newsroom.middleware.DatabaseUnavailableMiddleware",
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
            # The lockout page's words (templates/admin/lockout.html).
            "libraries": {"lockout": "newsroom.lockout"},
        },
    },
]



def database_from_url(variable, url):
    """The database ``url`` names, or an error that names ``variable`` and says what to write."""
    try:
        database = dj_database_url.parse(
            url, conn_max_age=env_number("CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError as error:
        # "Scheme 'foo://' is unknown. Did you forget…": its first sentence. The
        # address itself is not repeated: it may hold a password.
        database = {"error": str(error).split(". ")[0]}
    if not database.get("ENGINE"):
        raise ImproperlyConfigured(
            f"{variable} is not a database address ({database.get('error', 'no engine')}). "
            "Write it as postgres://user:password@host:5432/name, or leave it unset for the "
            "SQLite default."
        )
    return database


# The embedded default is a SQLite file in the checkout; production and CI set
# DATABASE_URL (postgres://user:pass@host:5432/name). Set but empty counts as unset.
DATABASES = {
    "default": database_from_url(
        "DATABASE_URL",
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    )
}
# No worker waits for ever: a database that does not answer within
# DB_CONNECT_TIMEOUT seconds is an error, and so is any statement running past
# DB_STATEMENT_TIMEOUT milliseconds (0 turns the limit off, e.g. for a long
# one-off migration: DB_STATEMENT_TIMEOUT=0 manage.py migrate).
DB_CONNECT_TIMEOUT = env_number("DB_CONNECT_TIMEOUT", 5)
DB_STATEMENT_TIMEOUT = env_number("DB_STATEMENT_TIMEOUT", 30000)
# PostgreSQL's JIT compiler pays off for long analytical queries; for a web
# request it is a pause of 0.1-0.7 s whenever the planner overestimates a
# query's cost (a writer's admin list, a rare search phrase). Off unless DB_JIT=1.
DB_JIT = env_bool("DB_JIT", default=False)


def with_timeouts(database):
    """Return ``database`` with the connect and statement timeouts for its engine."""
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.postgresql":
        options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
        server_settings = f"-c statement_timeout={DB_STATEMENT_TIMEOUT}"
        if not DB_JIT:
            server_settings += " -c jit=off"
        options.setdefault("options", server_settings)
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        # How long a writer waits for SQLite's lock before giving up, in seconds.
        options.setdefault("timeout", DB_CONNECT_TIMEOUT)
        # A transaction takes the write lock when it begins. Begun as a reader,
        # two of them (an editor publishing while a writer saves) each wait for
        # the other to finish reading before writing, and SQLite refuses one at
        # once with "database is locked", whatever the timeout: a 503.
        options.setdefault("transaction_mode", "IMMEDIATE")
    return database


with_timeouts(DATABASES["default"])

# A read replica, when there is one: reads go there, writes and anything inside a
# transaction go to the primary (newsroom/db_router.py). Tests mirror it onto the
# primary so they see one database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
# For this long after a change, the page cache renders pages from the primary:
# a lagging replica's copy would otherwise be stored as the new page (a story
# taken down, shown again for the page's whole lifetime). Above the lag you see.
REPLICA_LAG_SECONDS = env_number("REPLICA_LAG_SECONDS", 5, kind=float)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = with_timeouts(
        database_from_url("DATABASE_REPLICA_URL", DATABASE_REPLICA_URL)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.PrimaryReplicaRouter"]
    # Before anything that reads (sessions, users): staff requests stay on the primary.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "newsroom.db_router.PrimaryForStaffMiddleware",
    )
    # Once the user is known: anyone signed in, on the public site too.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "newsroom.db_router.PrimaryForSignedInMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Passwords are hashed with Django's default (PBKDF2, a million rounds: a third of
# a second on a small machine, as it should be). The test suite hashes hundreds of
# them, making users and signing in through the admin's form, so under
# `manage.py test` alone it uses the fast hasher Django's testing docs advise.
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
# Staff pages name the time zone with every time (newsroom/formats/en/formats.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = env_time_zone("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", BASE_DIR / "media"))

# Media (uploaded photos and renditions) lives on the local disk unless an
# S3-compatible bucket is named; then every app server shares the bucket.
# Credentials come from boto3's usual sources (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or an instance role), never from this file.
MEDIA_BUCKET = env_str("MEDIA_BUCKET")
if MEDIA_BUCKET:
    # The host readers load media from (a CDN, or the bucket's public host): it
    # makes MEDIA_URL and is the one other origin the CSP lets images come from.
    MEDIA_CUSTOM_DOMAIN = env_str("MEDIA_CUSTOM_DOMAIN")
    if not MEDIA_CUSTOM_DOMAIN:
        raise ImproperlyConfigured(
            "MEDIA_BUCKET is set but MEDIA_CUSTOM_DOMAIN is not: name the host that "
            "serves the bucket's files (e.g. media.news.example)."
        )
    MEDIA_URL = f"https://{MEDIA_CUSTOM_DOMAIN}/"
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env_str("MEDIA_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_REGION") or None,
            # Served from a CDN or public bucket host: plain, cacheable URLs.
            "custom_domain": MEDIA_CUSTOM_DOMAIN,
            "querystring_auth": False,
            "default_acl": None,
            # Upload names are random already; never replace another file.
            "file_overwrite": False,
            # A month, not a year and "immutable": renditions keep their names
            # when `manage.py make_renditions --force` makes them again, and a
            # CDN or browser would keep the old ones. The same as nginx gives
            # uploads on local disk (deploy/nginx.conf, location /media/).
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE,
    # Hashed names and far-future caching in production; tests use plain storage
    # so they do not need collectstatic to have run.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            # whitenoise's, which also writes nginx's "unavailable" page.
            else "newsroom.static_storage.StaticStorage"
        )
    },
}
# Development and tests serve static files straight from the app folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Uploads: images only, see articles/images.py for the rules.
IMAGE_UPLOAD_MAX_BYTES = env_number("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_number("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000)
# Wire copy imported as text (articles/import_service.py): larger files are refused.
IMPORT_MAX_BYTES = env_number("IMPORT_MAX_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# Caches: Redis when REDIS_URL is set (shared by every app server, so an
# invalidation reaches them all), this process's memory otherwise. A cache that
# cannot be reached is never fatal: pages are then served from the database.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, reusing its client object (articles/cache.py).
            "BACKEND": "articles.cache.RedisPageCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The page cache for anonymous readers (articles/cache.py). Off while testing so
# the pinned query counts measure the pages themselves; its own tests turn it on.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=not TESTING)
PAGE_CACHE_ALIAS = "default"
# How long a page is served from the cache (never past the next scheduled story).
PAGE_CACHE_SECONDS = env_number("PAGE_CACHE_SECONDS", 300)
# The same when the cache is this process's memory (no REDIS_URL): each worker
# then has its own pages and its own invalidation counter, so a publish or a
# takedown made through one worker reaches the others only when their copies
# expire. Kept short; production should set REDIS_URL (check articles.W001).
PAGE_CACHE_LOCAL_SECONDS = env_number("PAGE_CACHE_LOCAL_SECONDS", 5)
# How long after that a copy is kept for readers while the database is down
# (shared cache only, and never a copy from before the last takedown:
# articles.cache.may_serve_stale); also the stale-if-error CDNs are allowed.
PAGE_CACHE_STALE_SECONDS = env_number("PAGE_CACHE_STALE_SECONDS", 86400)
# Query parameters that only say where a link was shared (campaign tags and
# the click ids ad and social networks append): no page reads them, so the
# page cache keeps and serves a tagged link's page as the page itself. A name
# ending in "*" covers every name it starts. deploy/nginx.conf leaves the same
# names out of its cache key (tests/test_deploy_nginx.py keeps the two lists
# equal). Any other unknown parameter still bypasses the page cache.
PAGE_CACHE_IGNORED_PARAMS = env_list(
    "PAGE_CACHE_IGNORED_PARAMS",
    "utm_*,fbclid,gclid,gclsrc,dclid,gbraid,wbraid,msclkid,twclid,ttclid,li_fat_id,"
    "igshid,igsh,mc_cid,mc_eid,_hsenc,_hsmi,mkt_tok,yclid,ref_src,ref_url,_ga,_gl",
)
# Caches in front of us (CDN, nginx) told which paths changed, after commit:
# a dotted path to a callable taking a list of paths, or a URL that receives
# one PURGE request per path. Neither is set by default: nothing is called.
CACHE_PURGE_CALLABLE = env_str("CACHE_PURGE_CALLABLE")
CACHE_PURGE_URL = env_str("CACHE_PURGE_URL")
CACHE_PURGE_TIMEOUT = env_number("CACHE_PURGE_TIMEOUT", 2, kind=float)
# GET instead of PURGE asks for a refresh: nginx's refresh listener
# (deploy/nginx.conf) re-fetches each path and replaces its copy. The Host and
# X-Forwarded-Proto readers' requests carry, so the copy lands under their key.
CACHE_PURGE_METHOD = env_str("CACHE_PURGE_METHOD", "PURGE")
CACHE_PURGE_HOST = env_str("CACHE_PURGE_HOST")
CACHE_PURGE_PROTO = env_str("CACHE_PURGE_PROTO")

# The publication, as named in feeds, sitemaps and structured data.
NEWSROOM_NAME = env_str("NEWSROOM_NAME", "Newsroom")
# The public domain (host[:port]) feeds and sitemaps link to; ``migrate`` writes it
# to the sites framework. Unset, the Site row is left as it is.
NEWSROOM_DOMAIN = env_str("NEWSROOM_DOMAIN")
NEWSROOM_TAGLINE = env_str("NEWSROOM_TAGLINE", "World news, checked and sourced")
# The desk's English (or other language) as a share card names it: the
# language of LANGUAGE_CODE with the territory whose spelling the copy keeps
# (docs/decisions/0038-the-desks-locale.md). LANGUAGE_CODE stays a bare
# language: every story's language is compared with it.
NEWSROOM_LOCALE = env_locale("NEWSROOM_LOCALE", "en_GB")

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
        # Pasted and dropped images go through the same checked upload view
        # (newsroom/urls.py); without it CKEditor would keep them as data: URLs,
        # which the sanitiser strips, and the picture would be lost on save.
        "uploadUrl": "/ckeditor/upload/",
        "height": 420,
        "width": "100%",
        "toolbar": "News",
        "toolbar_News": [
            ["Format"],
            ["Bold", "Italic", "Superscript", "Subscript", "RemoveFormat"],
            ["Link", "Unlink"],
            ["Blockquote", "BulletedList", "NumberedList"],
            ["Image", "Table"],
            ["Undo", "Redo"],
        ],
        "format_tags": "p;h2;h3;h4",
        # elementspath: the "body p" trail under the editor, links of 18px on a
        # phone, side by side, that writers do not need.
        "removePlugins": "iframe,forms,flash,sourcearea,exportpdf,elementspath",
        "removeButtons": "Source",
        # The Table button brings the table plugin's own content rules (border,
        # cellpadding, alignment, summary, ids and classes on its Advanced tab), all
        # of which the sanitiser drops on save. Refusing them here keeps them out of
        # pasted tables too, and CKEditor hides every dialog field (and the Advanced
        # tab) whose markup is refused: the table and cell dialogs offer rows,
        # columns, header cells, caption, row and column spans, which is what is kept.
        # A link's target goes the same way ("New Window", in the picture dialog too).
        "disallowedContent": (
            "script; iframe; object; embed; form; input; *[on*]; *{*}; "
            "table[align,border,cellpadding,cellspacing,summary,id,dir](*); tr td[scope]; "
            "a[target]"
        ),
        "entities": False,
        # The link dialog's Upload tab would send any file to the pictures'
        # upload view, which takes pictures only: a link names an address. The
        # picture dialog's Advanced tab writes ids, classes, a long description
        # and a direction, all dropped on save (its title and language are rarely
        # wanted on a picture, whose alt text is on the first tab).
        "removeDialogTabs": "link:upload;image:advanced",
        # A link opens where readers are: the sanitiser drops a target ("New
        # Window") and the Advanced tab's ids, classes, names, access keys and
        # the rest, so neither is offered. The link types it refuses or that
        # lead nowhere (a phone number, an anchor) go too: editor-dialogs.js.
        "linkShowTargetTab": False,
        "linkShowAdvancedTab": False,
        # An address typed without its scheme ("example.com/report"): most sites
        # answer https only, or send http on to it.
        "linkDefaultProtocol": "https://",
    }
}

# CKEditor 4 is past its end of life; we keep it deliberately and compensate
# (docs/decisions/0002-ckeditor-4.md). An operator may silence others whose
# warning does not fit the deployment (newsroom.W001 with no proxy in front).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001", *env_list("SILENCED_SYSTEM_CHECKS")]

LOGIN_URL = "admin:login"
# Where a sign-in lands when its ``next`` is missing or refused (another site's
# address): the admin, not Django's default /accounts/profile/, a 404 here.
LOGIN_REDIRECT_URL = "admin:index"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_log_level("LOG_LEVEL", "WARNING")},
    # Tests ask for many 404s on purpose; their warnings would bury real failures.
    "loggers": {
        # Django's own console handler (DEBUG only) would print each of its
        # messages a second time beside the root's: they reach the root's alone.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR" if TESTING else "WARNING"},
        # Every failed sign-in is a warning in production; the lockout tests make dozens.
        "axes": {"level": "ERROR" if TESTING else "WARNING"},
    },
}

# --- Security: the production profile (manage.py check --deploy --fail-level WARNING
# passes with DEBUG off; tests/test_security.py runs it). Tests and development
# talk plain HTTP, so HTTPS-only behaviour is on by default only in production.
PRODUCTION = not (DEBUG or TESTING)
if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (deploy/ and
    # docs/deployment.md: the proxy must overwrite the header, never pass on a
    # client's; behind a load balancer, nginx passes on the balancer's alone).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not TESTING)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not TESTING)
# Load balancers probe /healthz over plain HTTP on the private network: it is
# answered before SecurityMiddleware (newsroom.health.HealthCheckMiddleware).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# A year of HSTS, subdomains and preload in production; a first rollout can start
# lower (SECURE_HSTS_SECONDS=300) and raise it once HTTPS is known to work.
SECURE_HSTS_SECONDS = env_number("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Only staff sign in. Their sessions end when the browser closes and after
# SESSION_COOKIE_AGE seconds (a working day) at most, whatever they do.
SESSION_COOKIE_AGE = env_number("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp; docs/decisions/0012-content-security-policy.md). The public
# site runs no inline script and loads nothing from other hosts. The one hash is
# the inline <style> of the error pages rendered without static files (500, 503,
# 403_csrf: templates/errors/standalone.html); tests/test_csp.py recomputes it,
# so an edit there fails loudly.
SERVER_ERROR_STYLE_HASH = "'sha256-r+cLbQx1kwjLbcYa8kGXJQcb1/ONWO6gOLbQ4snTA2U='"
MEDIA_ORIGIN = f"https://{MEDIA_CUSTOM_DOMAIN}" if MEDIA_BUCKET else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", SERVER_ERROR_STYLE_HASH],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# What the admin adds: CKEditor 4 writes its toolbar with inline event handlers
# (onclick="CKEDITOR.tools.callFunction(...)") and inline styles, and previews
# pasted images as blob: URLs. Its editing area is an about:blank frame, which
# default-src 'self' already allows. Only signed-in staff ever load these pages.
CONTENT_SECURITY_POLICY_STAFF = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
}

# Sign-in lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for AXES_COOLOFF_TIME hours.
# The lockout answer is the same whether or not the username exists, because
# attempts are counted by the name typed, not by the account.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend's rules; a staff user's permissions come with their user row.
    "newsroom.auth_backends.OneQueryPermissionsBackend",
]
# Off while testing by default: Django's test client signs in without a request,
# which django-axes refuses. tests/test_login_lockout.py turns it on.
AXES_ENABLED = env_bool("AXES_ENABLED", default=not TESTING)
AXES_FAILURE_LIMIT = env_number("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_number("AXES_COOLOFF_HOURS", 1, kind=float)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The page a locked-out sign-in gets (still a 429): the sign-in page's look, how
# long the pause lasts, and that an administrator can lift it sooner.
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# Proxies of our own in front of the app (nginx, a load balancer): see
# newsroom/security.py for how the client address is read through them.
TRUSTED_PROXY_COUNT = env_number("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
