"""System checks for the page cache and the public domain (``manage.py check --deploy``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning
from django.utils.module_loading import import_string

from articles.cache import PER_PROCESS_BACKENDS


def check_page_cache_is_shared(app_configs, **kwargs):
    """Warn when production keeps its pages in each worker's own memory.

    Every worker then has its own pages and its own invalidation counter, so a
    publish or a legal takedown saved through one worker reaches the others only
    when their copies expire (``PAGE_CACHE_LOCAL_SECONDS``). Readers may see
    different versions of a page from one request to the next, and a page that
    had to come down stays up a few seconds longer. Redis is shared by every
    worker and every server: one increment reaches them all.
    """
    if settings.DEBUG or not settings.PAGE_CACHE_ENABLED:
        return []
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]
    try:
        backend_class = import_string(backend)
    except ImportError:
        return []  # Django's own cache checks report a backend that cannot be imported.
    if not issubclass(backend_class, PER_PROCESS_BACKENDS):
        return []
    return [
        Warning(
            "The page cache is kept in each worker's own memory, so a publish or a "
            "takedown reaches other workers only when their copies expire "
            f"(PAGE_CACHE_LOCAL_SECONDS = {settings.PAGE_CACHE_LOCAL_SECONDS}).",
            hint="Set REDIS_URL so every worker and server shares one page cache.",
            id="articles.W001",
        )
    ]


PURGE_METHODS = ("PURGE", "GET")


def check_purge_method(app_configs, **kwargs):
    """``CACHE_PURGE_METHOD`` is one the purge hook knows (see ``articles.cache.purge``)."""
    if settings.CACHE_PURGE_METHOD.upper() in PURGE_METHODS:
        return []
    return [
        Error(
            f"CACHE_PURGE_METHOD is {settings.CACHE_PURGE_METHOD!r}.",
            hint="Use PURGE (Varnish, CDNs) or GET (nginx's refresh listener, "
            "deploy/nginx.conf).",
            id="articles.E001",
        )
    ]


# The sites framework's own default, and the other names RFC 2606 reserves for
# examples, tests and local use: the three second-level domains and four whole
# top-level domains (the docs' own newsroom.example among them). No deployment
# serves readers there, nor under them.
PLACEHOLDER_DOMAINS = (
    "example.com",
    "example.net",
    "example.org",
    "example",
    "test",
    "invalid",
    "localhost",
)


def is_placeholder_domain(domain):
    """Is ``domain`` (host[:port]) one of ``PLACEHOLDER_DOMAINS`` or a name under one?"""
    host = (urlsplit(f"//{domain}").hostname or "").rstrip(".")
    return host in PLACEHOLDER_DOMAINS or host.endswith(
        tuple(f".{placeholder}" for placeholder in PLACEHOLDER_DOMAINS)
    )


def check_site_domain(app_configs, **kwargs):
    """Warn when robots.txt, the sitemaps and the feeds would link to example.com.

    They build absolute links from the current ``Site``, not from the request.
    Unset, pages' canonical links and cards follow the request's host instead
    (``newsroom.addresses``), so a wrong domain goes unnoticed in the
    browser, and every host name the site answers on calls itself canonical.
    ``migrate`` writes ``NEWSROOM_DOMAIN`` to the Site
    row (``articles.apps.sync_site_after_migrate``); unset, the row keeps
    whatever it holds, which on a fresh database is Django's ``example.com``.
    The setting is read rather than the row: checks run before ``migrate`` and
    may have no database, and the row follows the setting on the next
    ``migrate``.
    """
    domain = settings.NEWSROOM_DOMAIN.strip()
    if not domain:
        message = (
            "NEWSROOM_DOMAIN is not set: robots.txt, the sitemaps and the feeds link "
            "to the sites framework's domain, example.com on a fresh database."
        )
    elif "/" in domain:
        message = (
            f"NEWSROOM_DOMAIN is {domain!r}: it takes a host name, not an address, "
            "or links read https://https://..."
        )
    elif is_placeholder_domain(domain):
        message = (
            f"NEWSROOM_DOMAIN is {domain!r}: robots.txt, the sitemaps and the feeds "
            "would send readers and crawlers to a placeholder domain."
        )
    else:
        return []
    return [
        Warning(
            message,
            hint="Set NEWSROOM_DOMAIN to the host name readers use (host[:port], no "
            "https://); migrate writes it to the sites framework.",
            id="articles.W002",
        )
    ]
