"""System checks for the page cache (``manage.py check --deploy``)."""

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
