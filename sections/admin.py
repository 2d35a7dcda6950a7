from django.contrib import admin

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
