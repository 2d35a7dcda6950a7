"""An object's admin history lists changes: a save that changed nothing is not one."""


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

    Not for stories: their history is django-reversion's versions, one for
    every save, whose comment is this message.
    """

    def log_change(self, request, obj, message):
        if not message:  # Django's empty list, or an empty string
            return None
        return super().log_change(request, obj, message)
