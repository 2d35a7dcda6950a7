"""Send reads to a PostgreSQL read replica and everything else to the primary.

Installed only when ``DATABASE_REPLICA_URL`` is set (``settings.py``). Readers'
pages are almost all reads, so they go to the ``replica`` alias; every write,
and every read that happens inside a transaction on the primary, goes to
``default``. The second rule gives read-your-own-writes where it matters (the
admin saves inside ``transaction.atomic``; the workflow service locks rows with
``select_for_update``, which a read-only replica refuses).

Replication lag is the price: a story published a moment ago may reach the
replica a moment later. Staff work in the admin, which
:class:`PrimaryForStaffMiddleware` keeps on the primary for the whole request, so
an editor never saves a story and then sees the old version.

A replica that cannot be reached is not an outage: the router connects to it
before the first read that needs it (the connection that read would have
opened anyway), and when that fails, every read in this process goes to the
primary for ``REPLICA_RETRY_SECONDS`` before the replica is tried again. A
replica that dies under an open connection fails that request's query; Django
drops the broken connection when the request ends, and the next request finds
the replica unreachable.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA_DB_ALIAS = "replica"
# How long reads stay on the primary after the replica could not be reached.
REPLICA_RETRY_SECONDS = 30

_primary_only = ContextVar("primary_only", default=False)
# time.monotonic() until which the replica is taken as down, in this process.
_replica_down_until = 0.0


def replica_is_down():
    """Whether reads are on the primary because the replica could not be reached lately."""
    return time.monotonic() < _replica_down_until


def replica_reachable():
    """Connect to the replica if not connected; False (and reads to the primary) if it fails."""
    global _replica_down_until
    try:
        connections[REPLICA_DB_ALIAS].ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.error(
            "Read replica unreachable, reading from the primary for %s s: %s",
            REPLICA_RETRY_SECONDS,
            error,
        )
        return False
    return True


@contextmanager
def primary_only():
    """Within this block every read goes to the primary."""
    token = _primary_only.set(True)
    try:
        yield
    finally:
        _primary_only.reset(token)


class PrimaryReplicaRouter:
    """Reads to the replica, writes and in-transaction reads to the primary."""

    def db_for_read(self, model, **hints):
        if REPLICA_DB_ALIAS not in connections.settings:
            return DEFAULT_DB_ALIAS
        if _primary_only.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if replica_is_down():
            return DEFAULT_DB_ALIAS
        if connections[REPLICA_DB_ALIAS].connection is None and not replica_reachable():
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: objects read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema through replication.
        return db == DEFAULT_DB_ALIAS


class PrimaryForStaffMiddleware:
    """Keep the admin, and any request that may write, on the primary throughout.

    An editor who saves and is redirected to the change list must see the save;
    a form POST that reads before it writes must read what it will change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "OPTIONS") or request.path_info.startswith(
            ("/admin/", "/ckeditor/", "/preview/")
        ):
            with primary_only():
                return self.get_response(request)
        return self.get_response(request)


class PrimaryForSignedInMiddleware:
    """Keep anyone signed in on the primary on the public site too.

    An editor who publishes and clicks "View on site" must see the story, not
    a lagging replica's 404 from before it was replayed. Placed after
    ``AuthenticationMiddleware``: whether the request is signed in is read from
    the primary (a session saved a moment ago may not have reached the
    replica), and only then, so a session cookie made up by a client costs one
    read of the sessions table, and leaves its pages on the replica. Readers
    carry no session cookie at all: the public site starts none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            with primary_only():
                signed_in = request.user.is_authenticated
            if signed_in:
                with primary_only():
                    return self.get_response(request)
        return self.get_response(request)
