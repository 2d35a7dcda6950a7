from django.contrib import admin

from articles import services
from sections.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position", "show_in_nav"]
    list_editable = ["position", "show_in_nav"]
    list_filter = ["show_in_nav", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        """Save, and keep the old addresses of the section and its stories working.

        Done here, not in a model hook, for the reasons given on
        ``AuthorAdmin.save_model``.
        """
        before = Section.objects.only("slug").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            services.keep_section_addresses(before, obj)
