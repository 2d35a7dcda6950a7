"""``/healthz`` for load balancers: can this instance serve readers right now?

It answers 503 when the database does not answer a trivial query, so a load
balancer stops sending traffic to an instance that would only show errors. The
cache is checked and reported too, but a cache that is down only makes pages
slower (the page cache falls back to the database), so it does not fail the
check: pulling every instance out because Redis restarted would turn a slow
minute into an outage. So is a read replica, when there is one: while it is
down, readers' reads go to the primary.

``HealthCheckMiddleware``, first in ``MIDDLEWARE``, answers it before anything
reads the request's host: load balancers probe each instance by its address.
"""

import logging
import time

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_KEY = "healthz:probe"
HEALTH_PATH = "/healthz"


def _answers(alias, name):
    """Run ``SELECT 1`` on the database ``alias``; True when it answers, else log ``name``."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: %s unavailable: %s", name, error)
        return False
    return True


def check_database():
    """Run ``SELECT 1`` on the default database; True when it answers."""
    return _answers(DEFAULT_DB_ALIAS, "database")


def check_cache():
    """Write and read back a short-lived value; True when the cache keeps it."""
    from django.conf import settings

    value = time.time_ns()
    try:
        cache = caches[settings.PAGE_CACHE_ALIAS]
        cache.set(HEALTH_KEY, value, 10)
        return cache.get(HEALTH_KEY) == value
    except Exception as error:
        logger.warning("Health check: cache unavailable: %s", error)
        return False


def check_replica():
    """Whether the read replica answers ``SELECT 1``; None when there is none.

    A replica down is not a failed check either: readers' reads then go to the
    primary (``newsroom.db_router``), slower under load but served.
    """
    from newsroom.db_router import REPLICA_DB_ALIAS, replica_is_down, replica_reachable

    if REPLICA_DB_ALIAS not in connections.settings:
        return None
    if replica_is_down() or not replica_reachable():
        return False
    return _answers(REPLICA_DB_ALIAS, "read replica")


@require_safe
def healthz(request):
    """200 with ``{"status": "ok"}`` when the database answers, 503 otherwise; never cached."""
    database_ok = check_database()
    cache_ok = check_cache()
    replica_ok = check_replica()
    if not database_ok:
        status = "unavailable"
    elif not cache_ok or replica_ok is False:
        status = "degraded"
    else:
        status = "ok"
    checks = {
        "database": "ok" if database_ok else "unavailable",
        "cache": "ok" if cache_ok else "unavailable",
    }
    if replica_ok is not None:
        checks["replica"] = "ok" if replica_ok else "unavailable (reading from the primary)"
    response = JsonResponse(
        {"status": status, "checks": checks},
        status=200 if database_ok else 503,
    )
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answer ``/healthz`` before any other middleware, whatever the ``Host`` header.

    A load balancer probes each instance by its own address (``Host: 10.0.0.5``),
    which ``ALLOWED_HOSTS`` does not list and should not: further down, the page
    cache's key and ``CommonMiddleware`` call ``request.get_host()``, which would
    refuse the probe with a 400 and log a DisallowedHost traceback every few
    seconds. The answer names no host and links nowhere, so there is nothing
    for a forged host to poison. Only this one path is answered here; every
    other address, ``/healthz/`` included, goes on through the stack and its
    host check. Answered here, the probe is also never redirected to HTTPS
    (balancers probe plain HTTP on the private network) nor seen by the page
    cache (the answer says ``no-store`` besides).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return healthz(request)
        return self.get_response(request)
