"""Django's ModelBackend, with a signed-in user's permissions read in the query that loads them.

Every admin page asks about permissions (the sidebar lists the models the user
may see). ``ModelBackend`` answers with two queries per request, one for the
user's own permissions and one for their groups'; for an editor or a writer
that was two of the story list's twelve. Here the request's user row and both
kinds of permission arrive in one query, so staff pages cost what a superuser's
do. The rules are ModelBackend's unchanged: inactive and anonymous users have
no permissions, object-level checks are left to the admin and
``articles.services``, and a user object keeps what it read for its lifetime
(one request), as ``ModelBackend`` does. See docs/decisions/0017.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

USER_PERMISSION_PATHS = ("user_permissions", "groups__permissions")


def _permission_names(rows):
    """``"app_label.codename"`` for each row ending in (app_label, codename); NULLs skipped."""
    return {f"{app_label}.{codename}" for *_, app_label, codename in rows if codename is not None}


class OneQueryPermissionsBackend(ModelBackend):
    def get_user(self, user_id):
        """The user, with ``_perm_cache`` filled from the same query.

        One row per permission, direct or through a group (``UNION ALL`` of two
        LEFT JOINs, so a user without any still gets a row); the user's columns
        repeat on each.
        """
        user_model = get_user_model()
        columns = [field.attname for field in user_model._meta.concrete_fields]
        users = user_model._default_manager.filter(pk=user_id).order_by()
        direct, through_groups = (
            users.values_list(*columns, f"{path}__content_type__app_label", f"{path}__codename")
            for path in USER_PERMISSION_PATHS
        )
        rows = list(direct.union(through_groups, all=True))
        if not rows:
            return None
        user = user_model.from_db(users.db, columns, rows[0][: len(columns)])
        if not self.user_can_authenticate(user):
            return None
        # A superuser has every permission; ModelBackend lists them from the
        # permission table when asked, and has_perm() never asks.
        if not user.is_superuser:
            user._perm_cache = _permission_names(rows)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        """One query, not two, for a user ``get_user`` did not load (a login, a command)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                direct, through_groups = (
                    Permission.objects.filter(**{lookup: user_obj})
                    .values_list("content_type__app_label", "codename")
                    .order_by()
                    for lookup in ("user", "group__user")
                )
                rows = direct.union(through_groups, all=True)
            user_obj._perm_cache = _permission_names(rows)
        return user_obj._perm_cache
