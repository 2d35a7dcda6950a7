"""What readers get when the database is away: a styled 503, never a traceback.

Two doors lead here. ``DatabaseUnavailableMiddleware.process_exception``
catches a database error raised by a view; ``server_error`` (the project's
``handler500``) catches one raised anywhere else, such as in the 404 page's
navigation or another middleware. Either way the response says when to retry
and is marked, so the page cache (``articles.middleware``) can answer with a
stored copy of the page instead when it has one.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

# OperationalError covers a refused or dropped connection and a statement
# timeout; InterfaceError a connection already closed under us.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


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
