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
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"

_primary_only = ContextVar("primary_only", default=False)


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
