"""A form sent back with errors cannot keep the file chosen in it: say so at the field.

Browsers never fill a file input in from a page, so a story form refused for a
headline too long came back with "No file chosen" and nothing else; saved after
the fix, the story had no picture, and only its alt text showed one was meant.
"""

from django.contrib.admin import helpers
from django.template.defaultfilters import filesizeformat


class AsksForUploadsAgain:
    """For a ModelAdmin: a refused form names each file it could not keep."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and "adminform" in context:
            form = context["adminform"].form
            asked = False
            for name, upload in request.FILES.items():
                if name in form.fields and name not in form.errors:
                    form.add_error(
                        name,
                        f"Choose the file again: “{upload.name}” "
                        f"({filesizeformat(upload.size)}) was not kept, because the form "
                        "was sent back with errors to put right first.",
                    )
                    asked = True
            if asked:
                # Counted again, so the page's "Please correct the errors below" counts it.
                formsets = [inline.formset for inline in context.get("inline_admin_formsets", [])]
                context["errors"] = helpers.AdminErrorList(form, formsets)
        return super().render_change_form(request, context, add, change, form_url, obj)
