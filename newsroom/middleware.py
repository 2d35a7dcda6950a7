"""Project middleware: moved addresses whatever query a link carries, and the 503 page.

``QueryTolerantRedirectMiddleware`` serves the redirects kept for renamed
stories, authors, sources and sections, also to links with tracking tags or a
page number.

What readers get when the database is away is a styled 503, never a traceback.
Two doors lead there. ``DatabaseUnavailableMiddleware.process_exception``
catches a database error raised by a view; ``server_error`` (the project's
``handler500``) catches one raised anywhere else, such as in the 404 page's
navigation or another middleware. Either way the response says when to retry
and is marked, so the page cache (``articles.middleware``) can answer with a
stored copy of the page instead when it has one.
"""

import logging
import sys
from urllib.parse import parse_qsl, unquote_plus, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.views import defaults

from articles.cache import MovedPermanently
from newsroom.addresses import may_redirect_to

logger = logging.getLogger(__name__)

# OperationalError covers a refused or dropped connection and a statement
# timeout; InterfaceError a connection already closed under us.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


class QueryTolerantRedirectMiddleware(RedirectFallbackMiddleware):
    """``RedirectFallbackMiddleware`` for links that carry a query string.

    Django's looks up the full path, query included, but the redirects kept
    for renamed stories, authors, sources and sections store the bare path.
    Links shared on social networks and in newsletters gain tracking tags
    (``?fbclid=``, ``?utm_source=``), and a list page its ``?page=``: each
    would miss the redirect and get a 404. Here the bare path matches too, and
    the query goes on to the new address so pagination and campaign tags
    survive the move.

    A redirect stored with a query of its own (``/story.php?id=12``) is more
    specific than one for its bare path, so it wins, and its query is not
    passed on. With ``APPEND_SLASH``, the same addresses with a slash added are
    tried last, as Django does. One query finds them all. A public page's
    address typed with capitals that matches nothing is sent to the same
    address in lower case.

    The 301s may be undone by a later rename, so browsers keep them for a
    while only (``MovedPermanently``).
    """

    response_redirect_class = MovedPermanently

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = escape_uri_path(request.path)
        query = iri_to_uri(request.META.get("QUERY_STRING", ""))
        # (old path, whether the request's query goes on to the new path), best first.
        candidates = []
        if query:
            candidates.append((f"{path}?{query}", False))
        candidates.append((path, True))
        if settings.APPEND_SLASH and not path.endswith("/"):
            if query:
                candidates.append((f"{path}/?{query}", False))
            candidates.append((f"{path}/", True))
        found = {
            redirect.old_path: redirect.new_path
            for redirect in Redirect.objects.filter(
                site=get_current_site(request),
                old_path__in=[old_path for old_path, _ in candidates],
            )
        }
        for old_path, keeps_query in candidates:
            if old_path not in found:
                continue
            new_path = found[old_path]
            if new_path == "":
                return self.response_gone_class()
            if not may_redirect_to(new_path):
                # Never off the site, but to the hosts the operator lists (decision
                # 0030): a row written around the admin's check is logged, not followed.
                logger.warning("Redirect %s -> %s not followed: off the site", old_path, new_path)
                return response
            from articles.services import WITHDRAWN, hidden_page_at

            hidden = hidden_page_at(new_path)
            if hidden is not None:
                # Kept for a story since taken down: the old address answers as
                # the story's own does (410 if withdrawn), and never names it.
                if hidden == WITHDRAWN:
                    return render(request, "articles/withdrawn.html", status=410)
                return response
            if keeps_query:
                new_path = with_query(new_path, query)
            return self.response_redirect_class(new_path)
        if request.method in ("GET", "HEAD") and is_public_page_in_capitals(request.path):
            # "/Europe/" typed or pasted with capitals: the site's own pages
            # have lower-case addresses (slugs are), so that one, once.
            return self.response_redirect_class(with_query(path.lower(), query))
        return response


def is_public_page_in_capitals(path):
    """Is ``path`` a public page's address (a section, story, author...) with capitals in it?

    Only those: elsewhere case matters (a preview link's signed token). And
    only in the letters addresses are made of: slugs are ASCII, without "%".
    "/about/CAFÉ/" or "/about/%FF/" (a byte no text has) names no page in any
    case, and lowered after escaping became "/about/caf%c3%89/" and
    "/about/%25ff/", a redirect to another 404.
    """
    from articles.cache import PUBLIC_ROUTES

    if not path.isascii() or "%" in path:
        return False
    lowered = path.lower()
    if lowered == path:
        return False
    try:
        return resolve(lowered).view_name in (*PUBLIC_ROUTES, "articles:search")
    except Resolver404:
        return False


def with_query(address, query):
    """``address`` with the parameters of ``query`` added, before any ``#fragment``.

    A parameter the address sets itself keeps its value: the redirect says
    where the reader goes, the link they followed only adds to it. The
    request's parameters are kept as sent, not decoded and encoded again.
    """
    if not query:
        return address
    scheme, netloc, path, own_query, fragment = urlsplit(address)
    if own_query:
        own_names = {name for name, _ in parse_qsl(own_query, keep_blank_values=True)}
        added = [
            pair
            for pair in query.split("&")
            if pair and unquote_plus(pair.partition("=")[0]) not in own_names
        ]
        query = "&".join([own_query, *added])
    return urlunsplit((scheme, netloc, path, query, fragment))


def database_unavailable_response():
    """The 503 page: rendered without a request, so it needs no database itself.

    ``no-store`` keeps CDNs from caching the error; they serve their own stale
    copy instead (the public pages carry ``stale-if-error``).
    """
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    response.database_unavailable = True
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        # One line per request, not a traceback: when the database is down,
        # every request fails the same way and the log must stay readable.
        logger.error("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response()


def server_error(request, template_name="500.html"):
    """``handler500``: the 503 page for a database error, Django's 500 page otherwise."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    return defaults.server_error(request, template_name)
