"""The page cache for anonymous readers, and the HTTP caching rules of public pages.

How a request flows (``articles.middleware.PageCacheMiddleware`` drives it):

1. A GET or HEAD without a session cookie asks :func:`lookup` for its page. One
   cache round trip fetches the current *generation*, the cached time of the next
   scheduled story, and the stored page. A stored page is *fresh* when it was
   stored under the current generation and its lifetime has not run out; a fresh
   page is answered from memory: no database, no session, no template.
2. Otherwise the view runs. A 200 from a public route with no cookie and nothing
   private about it is stored by :func:`store` for ``PAGE_CACHE_SECONDS``, but
   never past the moment the next scheduled story goes public, so that story
   appears on time. The entry is kept a while longer (``PAGE_CACHE_STALE_SECONDS``)
   only to be served if the database is down, and then only if no story has been
   taken down since it was stored (see :func:`may_serve_stale`).

Invalidation is one counter: every change readers could see (a story published,
edited, corrected, unpublished or archived; its bylines or sources; a section,
author or source) bumps the generation *after the transaction commits*, which
makes every stored page stale at once. A whole-site flush is correct by
construction (the navigation, bylines and source names appear on many pages)
and cheap: one ``incr``; pages refill on their next request. The same moment
calls the purge hook (``CACHE_PURGE_CALLABLE`` or ``CACHE_PURGE_URL``) with the
paths a CDN should drop: the pages a story was on before the change as well as
after it. See docs/decisions/0014-page-cache.md.
"""

import functools
import hashlib
import logging
import math
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

from newsroom.db_router import REPLICA_DB_ALIAS

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
NEXT_SCHEDULED_KEY = "pagecache:next-scheduled"
# The generation a story last left public view under (archived, unpublished,
# rescheduled, deleted): no page stored before it stands in for the database.
TAKEDOWN_KEY = "pagecache:last-takedown"
# When the generation last moved on: for REPLICA_LAG_SECONDS after it, pages
# are rendered from the primary (see ``replica_may_lag``).
CHANGED_AT_KEY = "pagecache:changed-at"
# The entry format is part of the key, so pages stored by a release that kept
# another format are never read by this one (they expire on their own).
PAGE_KEY_PREFIX = "pagecache:page:v3:"

# Routes whose pages are the same for every anonymous reader, each with the
# page parameters it reads: a page stored for "?page=2" of a list is that
# list's second page, where "?page=2" on a story or the home page is the same
# page again. Search is left out: every query would be an entry and push out
# the story pages, which are what the cache is for.
PUBLIC_ROUTES = {
    "articles:home": frozenset(),
    "articles:detail": frozenset(),
    "sections:detail": frozenset({"page"}),
    "authors:index": frozenset({"page"}),
    "authors:detail": frozenset({"page"}),
    "sources:index": frozenset({"page"}),
    "sources:detail": frozenset({"page", "cited_page"}),
    "feeds:index": frozenset(),
    "feeds:rss": frozenset(),
    "feeds:atom": frozenset(),
    "feeds:section_rss": frozenset(),
    "feeds:section_atom": frozenset(),
    "feeds:author_rss": frozenset(),
    "feeds:author_atom": frozenset(),
    "feeds:source_rss": frozenset(),
    "feeds:source_atom": frozenset(),
    "workflow:corrections": frozenset({"page"}),
    "workflow:corrections_feed": frozenset(),
    "workflow:corrections_atom": frozenset(),
    "sitemap-index": frozenset(),
    "sitemap-section": frozenset({"p"}),
    "news-sitemap": frozenset(),
    "robots-txt": frozenset(),
    "pages:about": frozenset(),
    "pages:page": frozenset(),
}

# The only query parameters public pages read (pagination). The tracking tags
# of PAGE_CACHE_IGNORED_PARAMS (?utm_source=, ?fbclid=) are left out of the
# key: they only say where a link was shared, and the page is the same page.
# A request with any other parameter (junk) bypasses the page cache rather
# than multiplying its entries.
QUERY_PARAMETERS = frozenset().union(*PUBLIC_ROUTES.values())
# Of the query once its tracking tags are left out.
MAX_QUERY_STRING = 64
# Of the query as sent. A shared link's tags take a few hundred characters at
# most; a longer query is not parsed on the way in (nor can it reach Django's
# 1,000-field limit, which would turn a story into a 400).
MAX_TAGGED_QUERY_STRING = 1024
# 2 to 99,999: page 1 is the address without a number.
_PAGE_NUMBER = re.compile(r"[2-9]|[1-9][0-9]{1,4}")

# Browsers revalidate after a minute; shared caches keep the page as long as we do.
BROWSER_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 30



class MovedPermanently(HttpResponsePermanentRedirect):
    """A 301 for an address that moved (a renamed story, section, author or source).

    With no lifetime of its own, a browser keeps a 301 for good. A move can be
    undone (the slug changed back), and the new address then redirects to the
    old: a reader whose browser still held the first 301 went round in a loop
    ("too many redirects"). So it is kept as long as a page is.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}"


# Set on every answer, so never stored.
UNSTORED_HEADERS = frozenset({"cache-control", "expires", "x-page-cache"})
# A request carrying none of these cannot be answered with a 304 or a 412.
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)

# A path ending in "*" asks the purge hook to drop everything under it.
SITE_WIDE = "/*"


def page_cache():
    """The cache that holds pages (Redis when ``REDIS_URL`` is set, local memory otherwise)."""
    return caches[settings.PAGE_CACHE_ALIAS]


def is_enabled():
    """Are anonymous readers' pages stored (``PAGE_CACHE_ENABLED``; off under tests)?"""
    return settings.PAGE_CACHE_ENABLED


# Backends whose entries live in one process only.
PER_PROCESS_BACKENDS = (LocMemCache,)


def is_per_process(cache):
    """Does ``cache`` live in this process only (so other workers never see its entries)?

    Each worker then has its own pages *and* its own generation counter: an
    invalidation reaches only the worker that saved the change, so pages are kept
    there for ``PAGE_CACHE_LOCAL_SECONDS`` only (see ``articles.checks``).
    """
    return isinstance(cache, PER_PROCESS_BACKENDS)


# The Redis backend ---------------------------------------------------------------------


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache operation. Its
    constructor fills a table of some 170 response callbacks, which on a page
    cache hit cost more CPU than the round trip to Redis. The object is only a
    front for its connection pool and is safe to share; Django keeps one cache
    backend, hence one of these, per thread in any case.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisPageCache(RedisCache):
    """Django's ``RedisCache`` with a client object reused across operations.

    Name it as the backend (``articles.cache.RedisPageCache``); everything else,
    options included, is Django's.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


# Lookup ------------------------------------------------------------------------------


class StoredPage(NamedTuple):
    """A page as kept in the cache: what a hit needs, ready to send.

    The validators are kept beside the headers so a hit never hashes the body
    or parses a date; ``last_modified`` is a timestamp (or None).
    ``scheduled_at`` is when the next scheduled story goes public, as known
    when the page was stored (a timestamp, or None): no copy of the page
    may be served past it, by us or by a CDN (``public_cache_control``).
    """

    generation: int
    fresh_until: float
    status: int
    headers: tuple
    content: bytes
    etag: str
    last_modified: int | None
    scheduled_at: float | None


@dataclass
class Lookup:
    """What one round trip to the cache found for a request."""

    key: str
    generation: int | None
    next_scheduled: tuple | None
    entry: StoredPage | None
    last_takedown: int | None = None
    changed_at: float | None = None
    # False when the cache could not be asked: nothing is stored then either.
    reachable: bool = True

    def is_fresh(self, now):
        entry = self.entry
        return (
            entry is not None
            and self.generation is not None
            and entry.generation == self.generation
            and now < entry.fresh_until
        )


def file_prefixes():
    """The paths of static files and uploads (an empty ``MEDIA_URL`` would match everything)."""
    return tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix)


def request_is_cacheable(request):
    """May this request be answered from, or stored in, the page cache?

    Only anonymous GET/HEAD: a request carrying a session cookie belongs to
    someone signed in (an editor), who must see fresh pages and whose pages must
    never be served to readers. Static files and uploads are left to the
    middleware after us (WhiteNoise) without a round trip to the cache.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(file_prefixes()):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    query_string = request.META.get("QUERY_STRING", "")
    if query_string:
        if len(query_string) > MAX_TAGGED_QUERY_STRING:
            return False
        query = page_query(request)
        if len(query) > MAX_QUERY_STRING:
            return False
        parameters = page_parameters(request)
        if not set(parameters) <= QUERY_PARAMETERS:
            return False
        # A page number as our own links write it ("?page=2"), once: "?page=02",
        # "?page=abc" or "?page=-5" show a page stored under another address
        # already, and made-up values would each take an entry of their own.
        if not all(
            len(values) == 1 and _PAGE_NUMBER.fullmatch(values[0])
            for values in parameters.values()
        ):
            return False
    return True


@functools.cache
def _ignored_names(names):
    """``PAGE_CACHE_IGNORED_PARAMS`` split into exact names and prefixes (``utm_*``)."""
    exact = frozenset(name for name in names if not name.endswith("*"))
    prefixes = tuple(name[:-1] for name in names if name.endswith("*"))
    return exact, prefixes


def is_ignored_parameter(name):
    """Is ``name`` a tracking tag (``PAGE_CACHE_IGNORED_PARAMS``) that no page reads?"""
    exact, prefixes = _ignored_names(tuple(settings.PAGE_CACHE_IGNORED_PARAMS))
    return name in exact or (bool(prefixes) and name.startswith(prefixes))


def page_parameters(request):
    """The query parameters a page may read, ``{name: [values]}``: tracking tags left out."""
    return {
        name: values
        for name, values in request.GET.lists()
        if not is_ignored_parameter(name)
    }


def page_query(request):
    """The request's query as the page cache keys it: sorted, tracking tags left out.

    ``?fbclid=…``, ``?utm_source=…&utm_medium=…`` and no query at all are one
    page: the pages read no such parameter, and their links and canonical
    addresses never repeat them (``articles.views._page_url``). Empty when
    there is nothing else.
    """
    if not request.META.get("QUERY_STRING"):
        return ""
    pairs = [
        (name, value)
        for name, values in page_parameters(request).items()
        for value in values
    ]
    return urllib.parse.urlencode(sorted(pairs))


def page_key(request):
    """The cache key of a page: scheme, host, path and :func:`page_query`, hashed.

    GET and HEAD share it. The scheme is part of it so a page stored for HTTPS
    (with its HSTS header) is never the answer to a plain-HTTP request, which
    must be redirected instead. The host is part of it because pages carry
    absolute canonical links; ``get_host()`` refuses hosts outside
    ``ALLOWED_HOSTS``, so a forged Host header cannot create entries.
    """
    address = f"{request.scheme}://{request.get_host()}{request.path}?{page_query(request)}"
    return PAGE_KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def lookup(request):
    """Fetch the generation, the next-scheduled time, the last takedown and the page
    in one round trip.

    A cache that cannot be reached is treated as empty: readers get pages from
    the database, slower but correct.
    """
    key = page_key(request)
    try:
        found = page_cache().get_many(
            [GENERATION_KEY, NEXT_SCHEDULED_KEY, TAKEDOWN_KEY, CHANGED_AT_KEY, key]
        )
    except Exception:
        logger.warning("Page cache unreachable; serving from the database.", exc_info=True)
        return Lookup(key, None, None, None, reachable=False)
    return Lookup(
        key,
        found.get(GENERATION_KEY),
        found.get(NEXT_SCHEDULED_KEY),
        found.get(key),
        found.get(TAKEDOWN_KEY),
        found.get(CHANGED_AT_KEY),
    )


def replica_may_lag(found, now):
    """Might a read replica still hold the rows as they were before the last change?

    A page rendered from a lagging replica just after a change would be stored
    under the new generation, and served for its whole lifetime (and during an
    outage), even if the change was a takedown. So for
    ``REPLICA_LAG_SECONDS`` after a change, and whenever the time of the last
    change is unknown, the middleware renders pages from the primary. Without
    a replica nothing changes, nor while the cache cannot be reached: nothing
    is stored then, and the primary is spared the readers' load.

    An unknown time (first start, eviction) is recorded as now, so the window
    ends on time even if no page can be rendered in it.
    """
    if REPLICA_DB_ALIAS not in connections.settings or not found.reachable:
        return False
    if found.changed_at is None:
        try:
            page_cache().add(CHANGED_AT_KEY, now, None)
        except Exception:
            logger.warning("Page cache unreachable; time of the last change not kept.")
        return True
    return now - found.changed_at < settings.REPLICA_LAG_SECONDS


def may_serve_stale(found, now):
    """May the stored page stand in for one the database cannot render now?

    Not if it was stored before the last takedown: it may show a story that has
    left the site, on its own page or in a list (home, section, author, feeds,
    another story's related links), and serving that again is the harm a
    takedown prevents. Not if the takedown marker is missing (first start,
    eviction) either: nobody knows then when the last takedown was. A
    per-process cache never hears of a takedown saved through another worker,
    so its pages stand in only until their own lifetime ends, as long as they
    would be served anyway.
    """
    entry = found.entry
    if entry is None or found.last_takedown is None:
        return False
    if entry.generation < found.last_takedown:
        return False
    return now < entry.fresh_until or not is_per_process(page_cache())


def now_timestamp():
    """Seconds since the epoch, read through ``timezone.now`` so tests can move the clock."""
    return timezone.now().timestamp()


# Lifetimes --------------------------------------------------------------------------


def seconds_until_next_story(found, now):
    """Seconds until the next scheduled story goes public, or None if none is scheduled.

    The time is cached next to the generation it was read under, so the query
    runs once per generation (and again once that story is public), not per miss.
    """
    cached = found.next_scheduled
    if cached is not None and cached[0] == found.generation and found.generation is not None:
        at = cached[1]
        if at is None or at > now:
            return None if at is None else at - now
    from articles.services import next_scheduled_at

    when = next_scheduled_at()
    at = when.timestamp() if when is not None else None
    if found.generation is not None:
        try:
            page_cache().set(NEXT_SCHEDULED_KEY, (found.generation, at), None)
        except Exception:
            logger.warning("Page cache unreachable; next scheduled time not kept.", exc_info=True)
    return None if at is None else max(0.0, at - now)


def page_lifetime(until_next):
    """How long a page rendered now may be served.

    ``PAGE_CACHE_SECONDS``; no more than ``PAGE_CACHE_LOCAL_SECONDS`` when the
    cache is this process's own (another worker's publish or takedown cannot
    reach it); and less when a scheduled story goes public sooner, in
    ``until_next`` seconds (``seconds_until_next_story``).
    """
    lifetime = settings.PAGE_CACHE_SECONDS
    if is_per_process(page_cache()):
        lifetime = min(lifetime, settings.PAGE_CACHE_LOCAL_SECONDS)
    if until_next is not None:
        lifetime = min(lifetime, math.floor(until_next))
    return max(0, int(lifetime))


# Storing and answering ---------------------------------------------------------------


def response_is_storable(response):
    """A 200 with a body that is the same for every anonymous reader."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Cache-Control"):
        directives = response["Cache-Control"].lower()
        if any(word in directives for word in ("private", "no-store", "no-cache")):
            return False
    return True


def route_of(request):
    """The name of the route ``request`` was answered by ("articles:detail"), or None."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else None


def ensure_generation(found):
    """The current generation, creating one if the cache has none (first start, eviction).

    A new generation is taken from the clock, never restarted at 1, so pages
    stored before the counter was lost can never match it again.
    """
    if found.generation is not None:
        return found.generation
    cache = page_cache()
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def ensure_takedown_marker(found, generation):
    """Put back a missing takedown marker (first start, eviction) at ``generation``.

    Not knowing when the last takedown was, assume it was just now: pages stored
    before this generation never stand in for the database, pages stored from
    now on may. ``add`` never lowers a marker a takedown has just written.
    """
    if found.last_takedown is None:
        page_cache().add(TAKEDOWN_KEY, generation, None)


def store(request, response, found):
    """Keep ``response`` for later readers if its route and headers allow it.

    Sets the public caching headers (``Cache-Control``, ``ETag``,
    ``Last-Modified``) on every public response, stored or not, and returns the
    lifetime it used, or None for a response that is not public. The page is
    stored as the middleware outermost in the stack sends it, so every header
    the others add (security headers, CSP, ``Content-Length``) is kept with it.
    """
    route = route_of(request)
    if route not in PUBLIC_ROUTES or not response_is_storable(response):
        return None
    if not set(page_parameters(request)) <= PUBLIC_ROUTES[route]:
        # "?p=2" … "?p=201" on a story are the story 200 times: stored, each
        # would take an entry (kept a day for outages) and push out real pages.
        return None
    now = now_timestamp()
    try:
        generation = found.generation = ensure_generation(found)
        ensure_takedown_marker(found, generation)
    except Exception:
        logger.warning("Page cache unreachable; page not stored.", exc_info=True)
        generation = None
    # Asked even when the page is not stored: it bounds what a CDN may keep.
    until_next = seconds_until_next_story(found, now)
    lifetime = page_lifetime(until_next) if generation is not None else 0
    scheduled_at = None if until_next is None else now + until_next
    add_validators(response, now)
    response["Cache-Control"] = public_cache_control(
        lifetime, stale_while_revalidate(now + lifetime, scheduled_at)
    )
    if generation is None or lifetime <= 0:
        return lifetime
    entry = StoredPage(
        generation=generation,
        fresh_until=now + lifetime,
        status=response.status_code,
        headers=tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ),
        content=response.content,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        scheduled_at=scheduled_at,
    )
    cache = page_cache()
    # Kept past its lifetime for a database outage; a per-process copy never
    # stands in past it (see may_serve_stale), so it is not kept longer.
    keep = lifetime if is_per_process(cache) else lifetime + settings.PAGE_CACHE_STALE_SECONDS
    try:
        cache.set(found.key, entry, keep)
    except Exception:
        logger.warning("Page cache unreachable; page not stored.", exc_info=True)
    return lifetime


def add_validators(response, now):
    """An ``ETag`` from the body and a ``Last-Modified`` of when it was rendered.

    Rendered, not the view's own: Django's feeds and sitemaps send their
    newest item's date, which a takedown, a writer's rename or a section's new
    slug leave as it was while the body changes. A reader or crawler asking
    "If-Modified-Since" that date was answered 304, keeping the old copy.
    """
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date(now)


def public_cache_control(lifetime, stale_while_revalidate=STALE_WHILE_REVALIDATE):
    """``Cache-Control`` of a public page with ``lifetime`` seconds left.

    ``stale-if-error`` lets a CDN keep serving a page while we are down;
    ``stale-while-revalidate`` hides the cost of a refresh from readers (see
    the function of that name). Written out rather than built with
    ``patch_cache_control``: it is sent on every hit.
    """
    return (
        f"public, max-age={min(BROWSER_MAX_AGE, lifetime)}, s-maxage={lifetime}, "
        f"stale-while-revalidate={stale_while_revalidate}, "
        f"stale-if-error={settings.PAGE_CACHE_STALE_SECONDS}"
    )


def stale_while_revalidate(fresh_until, scheduled_at):
    """Seconds a CDN may go on answering with a copy fresh until ``fresh_until`` while
    it fetches a new one: ``STALE_WHILE_REVALIDATE``, never past ``scheduled_at``.

    ``scheduled_at`` is when the next scheduled story goes public (a
    timestamp, None when none is scheduled). A page's lifetime stops there so
    the story appears on time; 30 more seconds of stale copies would show the
    pages without it for as long again. So it is what is left between the two
    moments, in whole seconds: 0 when the lifetime runs up to the story's time.

    ``stale-if-error`` is not cut: it applies only while we cannot answer,
    when nobody can show the new story and our own cache serves its old
    copies too (``may_serve_stale``); an old page beats an error page.
    """
    if scheduled_at is None:
        return STALE_WHILE_REVALIDATE
    return max(0, min(STALE_WHILE_REVALIDATE, math.floor(scheduled_at - fresh_until)))


def set_private_headers(response):
    """A page for a signed-in editor: never kept by a shared cache, always revalidated."""
    if "no-store" not in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True, no_cache=True, max_age=0)


def response_from(entry, request, now, *, stale=False):
    """Answer with a stored page, or a 304 when the reader's copy is current."""
    response = HttpResponse(entry.content, status=entry.status, headers=entry.headers)
    if stale:
        # The database is down: shared caches may keep this copy briefly only.
        response["Cache-Control"] = public_cache_control(
            0, stale_while_revalidate(now, entry.scheduled_at)
        )
        response["X-Page-Cache"] = "stale"
    else:
        response["Cache-Control"] = public_cache_control(
            max(0, int(entry.fresh_until - now)),
            stale_while_revalidate(entry.fresh_until, entry.scheduled_at),
        )
        response["X-Page-Cache"] = "hit"
    return conditional(request, response, entry.etag, entry.last_modified)


def conditional(request, response, etag=None, last_modified=None):
    """A 304 when the reader's copy (``If-None-Match``, ``If-Modified-Since``) is current.

    ``etag`` and ``last_modified`` (a timestamp) are read from the response when
    not given.
    """
    if response.status_code != 200:
        return response
    meta = request.META
    if not any(header in meta for header in CONDITIONAL_HEADERS):
        return response
    if etag is None:
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if etag is None:
        return response
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


# Invalidation --------------------------------------------------------------------------


def bump_generation():
    """Make every stored page stale: one atomic increment. Returns the new generation."""
    cache = page_cache()
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        # No counter (first start, or evicted): a new one from the clock can
        # never equal the generation of a page stored before.
        generation = time.time_ns()
        cache.set(GENERATION_KEY, generation, None)
        return generation


class PendingInvalidation:
    """The pages to drop when the current transaction commits.

    One per transaction: many rows saved together (a story, its bylines, its
    sources) make one increment and one purge call. ``takedown`` is set when a
    story left public view in it.
    """

    def __init__(self):
        self.paths = set()
        self.takedown = False
        self.done = False

    def __call__(self):
        self.done = True
        batch = _request_batch.get()
        if batch is None:
            invalidate(self.paths, takedown=self.takedown)
        else:
            batch.paths.update(self.paths)
            batch.takedown |= self.takedown
            batch.pending = True


@dataclass
class _Batch:
    paths: set
    takedown: bool = False
    pending: bool = False


# Set while one request runs (``one_invalidation_per_request``).
_request_batch = ContextVar("page_cache_request_batch", default=None)


@contextmanager
def one_invalidation_per_request():
    """Gather the invalidations of the transactions committed inside into one, run at the end.

    The admin saves a story's form, then moves it through the workflow in a
    savepoint of its own: two callbacks, which dropped every page twice and
    sent the CDN each path twice (38 refreshes for a publish, not 19). A
    savepoint's callback cannot safely join one registered outside it (Django
    drops it alone when that savepoint rolls back), so the request gathers
    them instead, after each has committed. The middleware wraps each request
    that may write (``articles.middleware.PageCacheMiddleware``).
    """
    batch = _Batch(paths=set())
    token = _request_batch.set(batch)
    try:
        yield
    finally:
        _request_batch.reset(token)
        if batch.pending:
            invalidate(batch.paths, takedown=batch.takedown)


def invalidate_on_commit(paths, using=None, *, takedown=False):
    """Drop cached pages (and tell the CDN about ``paths``) once the transaction commits.

    Never before: a reader arriving between the bump and the commit would
    otherwise store the old page again under the new generation. With
    ``takedown`` (a story left public view) no page stored before stands in
    for the database during an outage.
    """
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        # Join a callback registered at this same savepoint, if any. Django keeps
        # them as (savepoint ids, callable, robust) and drops them when that
        # savepoint rolls back, which is exactly when these changes are undone.
        savepoints = set(connection.savepoint_ids)
        for registered in connection.run_on_commit:
            pending = registered[1]
            if (
                registered[0] == savepoints
                and isinstance(pending, PendingInvalidation)
                and not pending.done
            ):
                pending.paths.update(paths)
                pending.takedown |= takedown
                return
    pending = PendingInvalidation()
    pending.paths.update(paths)
    pending.takedown = takedown
    transaction.on_commit(pending, using=using, robust=True)


def invalidate(paths=(), *, takedown=False):
    """Drop every cached page now and call the purge hook with ``paths``.

    With ``takedown`` the new generation is also the last takedown's: pages
    stored before it are never served again, not even while the database is
    down; and the purge hook is asked to drop everything (``SITE_WIDE``), for
    the story may be among any other story's related stories, which no list
    of paths can name. Errors are logged, not raised: the change is saved
    whatever the cache says, and a stale page lives at most ``PAGE_CACHE_SECONDS``.
    """
    if takedown:
        paths = {*paths, SITE_WIDE}
    try:
        # The time first: a reader who sees the new generation must also see
        # that it is new, or a lagging replica's page would be stored under it.
        page_cache().set(CHANGED_AT_KEY, now_timestamp(), None)
        generation = bump_generation()
        if takedown:
            page_cache().set(TAKEDOWN_KEY, generation, None)
    except Exception:
        logger.error(
            "Page cache unreachable; cached pages may be stale%s.",
            ", and may show a story taken down while the database is down" if takedown else "",
            exc_info=True,
        )
    purge(paths)


def purge_is_configured():
    """Is a cache in front of us to be told of changed paths (``CACHE_PURGE_*``)?"""
    return bool(settings.CACHE_PURGE_CALLABLE or settings.CACHE_PURGE_URL)


def purge(paths):
    """Tell the caches in front of us to drop ``paths``; a no-op unless configured.

    ``CACHE_PURGE_CALLABLE`` (a dotted path) is called with the sorted list of
    paths. ``CACHE_PURGE_URL`` gets one request per path (its path appended to
    the URL), with a short timeout; the first failure stops the round. The
    request is a ``PURGE`` (Varnish, most CDNs) unless ``CACHE_PURGE_METHOD``
    says ``GET``: that is a *refresh*, for a cache that cannot drop entries but
    re-fetches and replaces a page asked for on a listener of its own (nginx,
    ``deploy/nginx.conf``). A refresh sends ``CACHE_PURGE_HOST`` as ``Host``
    and ``CACHE_PURGE_PROTO`` as ``X-Forwarded-Proto``, so the fresh copy is
    stored under the key readers' requests use, and skips site-wide paths
    (``/*``): nothing can be fetched for those, and such a cache keeps pages
    briefly anyway. The home page, sorted first, is refreshed first.
    """
    paths = sorted(paths)
    if not paths:
        return
    if settings.CACHE_PURGE_CALLABLE:
        try:
            import_string(settings.CACHE_PURGE_CALLABLE)(paths)
        except Exception:
            logger.error("Cache purge callable failed for %s.", paths, exc_info=True)
        return
    if settings.CACHE_PURGE_URL:
        method = settings.CACHE_PURGE_METHOD.upper()
        headers = {}
        if method == "GET":
            paths = [path for path in paths if not path.endswith("*")]
            if settings.CACHE_PURGE_HOST:
                headers["Host"] = settings.CACHE_PURGE_HOST
            if settings.CACHE_PURGE_PROTO:
                headers["X-Forwarded-Proto"] = settings.CACHE_PURGE_PROTO
        base = settings.CACHE_PURGE_URL.rstrip("/")
        for path in paths:
            url = base + urllib.parse.quote(path, safe="/*?=&")
            request = urllib.request.Request(  # noqa: S310 (configured URL)
                url, method=method, headers=headers
            )
            try:
                with urllib.request.urlopen(  # noqa: S310
                    request, timeout=settings.CACHE_PURGE_TIMEOUT
                ) as response:
                    response.read()
            except urllib.error.HTTPError as error:
                # 404 means the front cache had no copy (or, refreshed, the
                # page is gone, which the front cache now knows too); 410, a
                # story taken down, refreshed as such.
                if error.code not in (404, 410):
                    logger.warning("Cache purge of %s answered %s.", url, error.code)
            except OSError:
                logger.error("Cache purge at %s failed; stopping this round.", url, exc_info=True)
                return


# What changed, and where readers see it -------------------------------------------


def _reverse(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _public_paths(row):
    """``row.public_paths()``, or none for a slug no address takes (as ``_reverse``)."""
    try:
        return row.public_paths()
    except NoReverseMatch:
        return []


def story_paths(article, *, credits=True):
    """Every public address that shows ``article``: its page and the lists it is in.

    ``credits=False`` leaves out its writers' and sources' pages (a query each),
    for a copy of the row read only for its address and section.
    """
    from authors.models import Author
    from sources.models import Source

    paths = {
        "/",
        _reverse("feeds:rss"),
        _reverse("feeds:atom"),
        _reverse("sitemap-index"),
        _reverse("news-sitemap"),
        _reverse("workflow:corrections"),
        _reverse("workflow:corrections_feed"),
        _reverse("workflow:corrections_atom"),
        _reverse("sitemap-section", section="stories"),
        # The home page's date there is the latest change to a public story.
        _reverse("sitemap-section", section="home"),
    }
    if article.pk is not None and article.slug:
        paths.add(article.get_absolute_url())
    section = article.section if article.section_id else None
    if section is not None:
        # Each list's date in its sitemap is that of its latest public story.
        paths.add(_reverse("sitemap-section", section="sections"))
    # Each row's own addresses (its page and feeds) from the row, so one added
    # there is purged here too.
    while section is not None:
        paths.update(_public_paths(section))
        section = section.parent
    if credits and article.pk is not None:
        for author in Author.objects.filter(bylines__article=article).only("slug"):
            # Our journalists lists whoever has a public byline.
            paths.add(_reverse("authors:index"))
            paths.add(_reverse("sitemap-section", section="authors"))
            paths.update(_public_paths(author))
        for source in Source.objects.filter(credits__article=article).only("slug"):
            # Our sources lists whichever a public story credits.
            paths.add(_reverse("sources:index"))
            paths.add(_reverse("sitemap-section", section="sources"))
            paths.update(_public_paths(source))
    paths.discard(None)
    return paths


def credited_paths(credit, using=None):
    """The pages of the writer or source a stored byline or source credit names."""
    from articles.models import Byline
    from authors.models import Author
    from sources.models import Source

    if isinstance(credit, Byline):
        rows = Author.objects.using(using).filter(bylines__pk=credit.pk)
    else:
        rows = Source.objects.using(using).filter(credits__pk=credit.pk)
    paths = {path for row in rows.only("slug") for path in row.public_paths()}
    if paths:
        # The index that names them may have lost a name.
        paths.add(_reverse("authors:index" if isinstance(credit, Byline) else "sources:index"))
    return paths


def changed_paths(instance, before=None):
    """The paths a change to ``instance`` affects, for the purge hook.

    Story-level rows name the story's pages, as they are now and, from
    ``before`` (see :func:`remember_before`), as they were: a story moved to
    another section leaves the old section's page and feeds, a byline given to
    someone else leaves the first writer's page. Sections, authors, sources and
    the site appear on many pages (navigation, bylines, source lines), so a
    change to one is site-wide.
    """
    from articles.models import Article, Byline, Correction, SourceCredit

    if isinstance(instance, Article):
        paths = story_paths(instance)
        if before is not None:
            paths |= story_paths(before, credits=False)
        return paths
    if isinstance(instance, Byline | SourceCredit | Correction):
        try:
            article = Article.objects.select_related("section__parent").get(pk=instance.article_id)
        except Article.DoesNotExist:  # deleted along with its story
            return {SITE_WIDE}
        return story_paths(article) | (before or set())
    return {SITE_WIDE}


# Set on an instance between its pre_ and post_ signals: the story as stored, or
# the pages of the writer or source a byline or credit named.
BEFORE = "_page_cache_before"


def deleted_with_its_story(origin):
    """Is a row going because its story is deleted, whose own signal names the pages?"""
    from articles.models import Article

    return isinstance(origin, Article) or getattr(origin, "model", None) is Article


def remember_before(sender, instance, using, **kwargs):
    """Signal receiver: read a story, byline or source credit as stored, before it changes.

    Pages show the row as it was, so the purge list needs its old address,
    section, writer or source, and a story leaving public view (a takedown) is
    told from an edit by its stored status. One query per row, none unless the
    page cache or the purge hook is on (for bylines and credits: the hook).
    """
    from articles.models import Article

    if kwargs.get("raw") or instance.pk is None or instance._state.adding:
        return
    if deleted_with_its_story(kwargs.get("origin")):
        return
    if sender is Article:
        if not (is_enabled() or purge_is_configured()) or not instance.saved_a_change:
            return
        stored = (
            Article.objects.using(using)
            .select_related("section__parent")
            .defer("body", "search_vector")
            .filter(pk=instance.pk)
            .first()
        )
        setattr(instance, BEFORE, stored)
    elif purge_is_configured():
        setattr(instance, BEFORE, credited_paths(instance, using))


def record_change(sender, instance, using, **kwargs):
    """Signal receiver: a row readers can see was saved or deleted."""
    from articles.models import Article

    before = vars(instance).pop(BEFORE, None)
    if kwargs.get("raw"):
        return  # fixtures being loaded: no reader has seen anything yet
    if not (is_enabled() or purge_is_configured()):
        return  # no stored pages and nobody to tell
    if deleted_with_its_story(kwargs.get("origin")):
        return  # record_story_deletion named the story's pages
    if sender is Article and not instance.saved_a_change:
        return  # saved as it was stored: no page shows anything new (Article.save)
    if never_shown(sender, instance, before, using, created=kwargs.get("created")):
        return  # a draft's or a story in review's words are on no reader's page
    # Archived, unpublished, rescheduled: anything that leaves public view.
    takedown = (
        sender is Article
        and before is not None
        and before.is_public
        and not instance.is_public
    )
    paths = changed_paths(instance, before) if purge_is_configured() else set()
    invalidate_on_commit(paths, using=using, takedown=takedown)


def never_shown(sender, instance, before, using, *, created=False):
    """Is this the save of a story, or of its byline, source or correction, that no page shows?

    A draft or a story in review, before the change and after it: a writer's
    every save would otherwise drop every reader's cached page and refresh the
    story's pages at the CDN. A story that was public (or scheduled, or
    archived) and is now a draft is not one: its pages must go. Bylines,
    sources and corrections are judged by their story as stored now (one
    query); the story's own save judges its move, which the workflow makes
    after them.
    """
    from articles.models import Article, Byline, Correction, SourceCredit

    unseen = Article.IN_PROGRESS
    if sender is Article:
        if instance.status not in unseen:
            return False
        return created or (before is not None and before.status in unseen)
    if sender in (Byline, SourceCredit, Correction):
        # As stored, not as a form's copy in memory may have it.
        status = (
            Article.objects.using(using)
            .filter(pk=instance.article_id)
            .values_list("status", flat=True)
            .first()
        )
        return status in unseen
    return False


def record_story_deletion(sender, instance, using, **kwargs):
    """Signal receiver: a story is about to be deleted.

    Its pages are named now, while its bylines and source credits still exist
    (the cascade deletes them next, and their own signals then leave it to this
    one). Deleting a story readers could see, or once saw (archived), is done
    for legal reasons: a takedown, judged by the stored row, whatever the row
    in memory says. A draft or a story waiting in review was never on a page.
    """
    from articles.models import Article

    if not (is_enabled() or purge_is_configured()):
        return
    Status = Article.Status
    status, published_at = (
        Article.objects.using(using)
        .filter(pk=instance.pk)
        .values_list("status", "published_at")
        .first()
    ) or (instance.status, instance.published_at)
    if status in Article.IN_PROGRESS:
        return
    was_public = published_at is not None and published_at <= timezone.now()
    takedown = status == Status.ARCHIVED or (status == Status.PUBLISHED and was_public)
    paths = story_paths(instance) if purge_is_configured() else set()
    invalidate_on_commit(paths, using=using, takedown=takedown)


def record_m2m_change(sender, instance, action, using, **kwargs):
    """Signal receiver for bylines and sources added through ``article.authors.add()``.

    Adding writes the rows without their own signals. Removing them
    (``remove()``, ``clear()``, from either end) deletes the rows through their
    model, whose signals name the pages of the writers and sources removed.
    """
    from articles.models import Article

    if action != "post_add":
        return
    if not (is_enabled() or purge_is_configured()):
        return
    if isinstance(instance, Article) and instance.status in Article.IN_PROGRESS:
        return  # a draft's writers and sources are on no reader's page
    paths = set()
    if purge_is_configured():
        paths = story_paths(instance) if isinstance(instance, Article) else {SITE_WIDE}
    invalidate_on_commit(paths, using=using)


def connect_signals():
    """Listen for every change readers could see; called from ``ArticlesConfig.ready``."""
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

    from articles.models import Article, Byline, Correction, SourceCredit
    from authors.models import Author, AuthorLink
    from pages.models import AboutPage
    from sections.models import Section
    from sources.models import OtherName, Source

    # The About pages (pages/) list one another; a change to one is rare and
    # flushes like a section's, site-wide. A source's other names are on its page.
    for model in (Article, Byline, SourceCredit, Correction, Section, Author, AuthorLink, Source,
                  OtherName, Site, FlatPage, AboutPage):
        label = model._meta.label_lower
        post_save.connect(record_change, sender=model, dispatch_uid=f"page-cache-save-{label}")
        if model is not Article:
            post_delete.connect(
                record_change, sender=model, dispatch_uid=f"page-cache-delete-{label}"
            )
    for model in (Article, Byline, SourceCredit):
        label = model._meta.label_lower
        pre_save.connect(
            remember_before, sender=model, dispatch_uid=f"page-cache-before-save-{label}"
        )
    for model in (Byline, SourceCredit):
        label = model._meta.label_lower
        pre_delete.connect(
            remember_before, sender=model, dispatch_uid=f"page-cache-before-delete-{label}"
        )
    pre_delete.connect(
        record_story_deletion, sender=Article, dispatch_uid="page-cache-delete-articles.article"
    )
    for through in (Article.authors.through, Article.sources.through):
        m2m_changed.connect(
            record_m2m_change,
            sender=through,
            dispatch_uid=f"page-cache-m2m-{through._meta.label_lower}",
        )
