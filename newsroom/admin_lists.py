"""Editable lists whose boxes a screen reader can name ("Position of World"), and
whose save always says what it did."""

from django.contrib import messages
from django.contrib.admin.utils import label_for_field
from django.utils.text import capfirst


class LabelsEditableRows:
    """A ``ModelAdmin`` mixin: each box of a ``list_editable`` list names its row and column.

    Django draws the list's boxes in table cells with no ``<label>``: the
    column's heading is above, the row's name to the left, and a screen
    reader, moving from box to box, said "spin button, 3" with nothing to
    tell whose position it was (axe: "Form elements must have labels"). Each
    box gets an ``aria-label`` of the column's heading, as the list shows it,
    and the row's name: "Position of World › Europe"; and no
    ``aria-describedby`` to a field's help text, which the list does not show.

    Every admin with ``list_editable`` takes it (a test of the registered
    admins says so); list it before ``admin.ModelAdmin`` among the bases.
    """

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        columns = {
            name: capfirst(str(label_for_field(name, self.model, self)))
            for name in self.list_editable
        }

        class LabelledRow(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, column in columns.items():
                    if name not in self.fields:
                        continue
                    field = self.fields[name]  # the row's own copy, widget and all
                    field.widget.attrs["aria-label"] = f"{column} of {self.instance}"
                    # The list shows no help text: the box would point a screen
                    # reader at a description that is not on the page.
                    field.help_text = ""

        LabelledRow.__name__ = LabelledRow.__qualname__ = form.__name__
        return LabelledRow


class SaysWhenNothingChanged:
    """A ``ModelAdmin`` mixin: a ``list_editable`` list saved as it was says so.

    Django's list names the rows a save changed ("1 section was changed
    successfully.") and, when it changed none, says nothing at all: the list
    came back as it was sent, and the editor could not tell whether Save had
    worked. It now says "No sections were changed." A row a colleague changed
    since the list was opened, sent back as the list showed it, is no change
    of the editor's (``RefusesStaleSaves``), and is not counted either.

    Every admin with ``list_editable`` takes it (a test of the registered
    admins says so); list it before ``admin.ModelAdmin`` among the bases.
    """

    def changelist_view(self, request, extra_context=None):
        request.rows_saved_from_list = 0
        response = super().changelist_view(request, extra_context)
        list_saved = (
            request.method == "POST"
            and "_save" in request.POST
            and self.list_editable
            and response.status_code == 302  # sent back with errors, it is drawn again
        )
        if list_saved and not request.rows_saved_from_list:
            self.message_user(
                request, f"No {self.opts.verbose_name_plural} were changed.", messages.INFO
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Django's list saves each row it counts as changed, and only those.
        if hasattr(request, "rows_saved_from_list"):
            request.rows_saved_from_list += 1
