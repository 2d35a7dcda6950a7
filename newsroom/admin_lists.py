"""Editable lists whose boxes a screen reader can name: "Position of World"."""

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
