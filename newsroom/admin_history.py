"""An object's admin history lists changes: a save that changed nothing is not one."""

from contextlib import contextmanager

import reversion
from django.utils.translation import gettext
from reversion.models import Version


class LogsOnlyChanges:
    """A ``ModelAdmin`` mixin: no "No fields changed." row in the object's history.

    Django's admin logs every save of a change form, and one that changed no
    field and no inline row as "No fields changed.": an editor who opened a
    section to read it and pressed Save put a row in its history that says
    nothing but their name and the time. Worse, the stale-save check names the
    last change logged after a form was opened as the colleague's change
    (``newsroom/admin_stale_saves.py``): such a save was named in place of
    the change that made the form stale. The save still goes through and
    says "changed successfully", as Django does; only the empty history row
    is skipped (docs/decisions/0034-no-history-row-for-a-save-that-changes-nothing.md).

    An admin with django-reversion's versions takes ``VersionsOnlyChanges``.
    """

    def log_change(self, request, obj, message):
        if not message:  # Django's empty list, or an empty string
            return None
        return super().log_change(request, obj, message)


class VersionsOnlyChanges(LogsOnlyChanges):
    """A ``VersionAdmin`` mixin: a save that changed nothing adds no version either.

    django-reversion's admin makes a version of whatever a change form's save
    wrote, changed or not: an editor who pressed Save on a story they had only
    read added a version identical to the last, and the version history,
    where editors look for a change to compare or restore, filled with them.
    Here the save's revision is managed by hand, and the object (with what
    its registration follows: a story's bylines, sources and corrections) is
    added to it when the save is logged, so when the change message says
    something: a field, an inline row added, changed or deleted, or whatever
    the admin's own ``construct_change_message`` adds (a story's workflow
    move). An object with no version yet still gets its first, which repeats
    none. A restore writes the version's rows before its form runs, which then
    finds nothing changed: the admin's change message must say what it
    restored (``ArticleAdmin`` does).
    """

    @contextmanager
    def create_revision(self, request):
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            yield

    def log_addition(self, request, obj, message):
        if reversion.is_active():
            reversion.add_to_revision(obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if not reversion.is_active():
            return entry
        if entry is None:
            if Version.objects.get_for_object(obj).exists():
                return None
            # Made outside the admin with no version (a script, the shell):
            # its first repeats no other, and gives later ones a start to compare.
            reversion.set_comment(gettext("Initial version."))
        reversion.add_to_revision(obj)
        return entry
