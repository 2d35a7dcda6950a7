"""What the admins of authors, sources and sections share: text readers see as typed."""

from django.contrib import messages

from articles.fields import refuse_html_tags
from articles.sanitiser import html_tags_in, quoted_tags


def _labels_with_tags(row):
    """``(field, value, tags)`` for each of ``row``'s plain-text values that holds HTML tags.

    The fields are those that refuse tags (``articles.fields.LabelField`` and
    ``PlainTextField``).
    """
    for field in row._meta.concrete_fields:
        if refuse_html_tags in field.validators:
            value = field.value_from_object(row)
            if tags := html_tags_in(value):
                yield field, value, tags


class TellsOfHtmlInLabels:
    """A ``ModelAdmin`` mixin: opening a row whose name, label or bio holds HTML tags says so.

    Tags are refused in names and labels when they are saved
    (``articles.fields.LabelField``), but a row stored before that rule can
    hold them ("<b>Reuters</b>"). Its form refuses any save until they are
    taken out, as a story's does for a headline; without a word on opening
    it, an editor changing something else (a biography, a home page) would
    first hear of the name from that refusal. The warning names each field
    and its inline rows' (an author's link labels) with the tags to take out.
    """

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # On opening only: a form sent back with errors shows them on its fields.
        if request.method == "GET" and obj is not None and self.has_change_permission(request, obj):
            rows = [obj] + [
                form.instance
                for inline in context.get("inline_admin_formsets", [])
                for form in inline.formset.initial_forms
            ]
            for row in rows:
                for field, value, tags in _labels_with_tags(row):
                    whose = "" if row is obj else f"{row._meta.verbose_name}'s "
                    self.message_user(
                        request,
                        f"The {whose}{field.verbose_name} “{value}” has HTML in it "
                        f"({quoted_tags(tags)}), which readers would see as typed: take it "
                        f"out, or this {obj._meta.verbose_name} cannot be saved.",
                        messages.WARNING,
                    )
        return super().render_change_form(request, context, add, change, form_url, obj)
