"""The page cache in the request path: answer anonymous readers from memory.

It comes first (after only ``newsroom.health``'s, which answers /healthz),
so a cache hit runs no other: no session, no database, no template, not even
the security middleware, whose headers were stored with the page when it was
rendered (the page is stored as the whole stack sends it). What still applies
to a hit is in the key: a plain-HTTP request never matches a page stored for
HTTPS, so the HTTPS redirect happens on the way in as before. The rules (what
may be stored, for how long, which headers go out) live in ``articles.cache``.
"""

from contextlib import nullcontext

from django.conf import settings

from articles import cache as page_cache
from newsroom.db_router import primary_only


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            # A save may commit several transactions' changes: one invalidation.
            with page_cache.one_invalidation_per_request():
                return self.answer(request)
        return self.answer(request)

    def answer(self, request):
        if not page_cache.is_enabled():
            return self.get_response(request)
        if not page_cache.request_is_cacheable(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                page_cache.set_private_headers(response)
            return response

        found = page_cache.lookup(request)
        now = page_cache.now_timestamp()
        if found.is_fresh(now):
            return page_cache.response_from(found.entry, request, now)

        # Just after a change a read replica may not have it yet: what is
        # stored now (the page, and the time of the next scheduled story that
        # bounds its lifetime) is read from the primary.
        with primary_only() if page_cache.replica_may_lag(found, now) else nullcontext():
            response = self.get_response(request)
            if getattr(response, "database_unavailable", False):
                # An old copy beats an error page while the database is away, unless
                # a story has left the site since it was stored.
                if page_cache.may_serve_stale(found, now):
                    return page_cache.response_from(found.entry, request, now, stale=True)
                return response
            if page_cache.store(request, response, found) is None:
                return response
        response["X-Page-Cache"] = "miss"
        return page_cache.conditional(request, response)
