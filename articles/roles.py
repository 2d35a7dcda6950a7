"""The newsroom's two roles, as Django groups.

Writers draft stories and submit them for review; Editors publish. Which story a
writer may touch is an object-level rule in ``articles.services.can_edit``; the
groups below only grant the model permissions the admin needs to show the pages.
``ensure_roles`` is idempotent; it runs after every ``migrate`` (see
``articles.apps``) and by hand with ``manage.py setup_roles``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

WRITERS = "Writers"
EDITORS = "Editors"

# (app_label, model, actions); "all" means every permission defined on the model.
ROLE_PERMISSIONS = {
    WRITERS: [
        # "delete": drafts they started that never went out (services.can_delete).
        ("articles", "article", ["add", "change", "delete", "view"]),
        ("articles", "byline", ["add", "change", "delete", "view"]),
        ("articles", "sourcecredit", ["add", "change", "delete", "view"]),
        ("sections", "section", ["view"]),
        ("authors", "author", ["view"]),
        ("sources", "source", ["view"]),
        ("sources", "othername", ["view"]),
    ],
    EDITORS: [
        ("articles", "article", "all"),
        ("articles", "byline", "all"),
        ("articles", "sourcecredit", "all"),
        ("articles", "correction", "all"),
        ("articles", "statuschange", ["view"]),
        ("articles", "previewlink", "all"),
        ("authors", "author", "all"),
        ("authors", "authorlink", "all"),
        ("sources", "source", "all"),
        # A source's other names, edited on its form ("BBC" for the BBC).
        ("sources", "othername", "all"),
        ("sections", "section", "all"),
        ("redirects", "redirect", "all"),
        # The About pages (pages/): the publication's own words, kept by editors.
        ("pages", "aboutpage", "all"),
    ],
}


def _permissions(app_label, model, actions, using):
    found = Permission.objects.using(using).filter(
        content_type__app_label=app_label, content_type__model=model
    )
    if actions == "all":
        return list(found)
    wanted = {f"{action}_{model}" for action in actions}
    return [permission for permission in found if permission.codename in wanted]


def ensure_roles(using="default"):
    """Create or bring up to date the Writers and Editors groups; return them by name.

    A group's permissions are set, not added to, so removing a line above and
    re-running takes the permission away again.
    """
    groups = {}
    with transaction.atomic(using=using):
        for name, grants in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.using(using).get_or_create(name=name)
            permissions = []
            for app_label, model, actions in grants:
                permissions.extend(_permissions(app_label, model, actions, using))
            group.permissions.set(permissions)
            groups[name] = group
    return groups
