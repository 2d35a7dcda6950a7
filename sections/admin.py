from django.contrib import admin
from django.db.models import Max

from articles import services
from articles.admin_addresses import KeepsOldAddresses
from sections.models import Section


@admin.register(Section)
class SectionAdmin(KeepsOldAddresses, admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position", "show_in_nav"]
    list_editable = ["position", "show_in_nav"]
    list_filter = ["show_in_nav", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    # Its stories' addresses start with its slug: they move with it.
    move_addresses = staticmethod(services.keep_section_addresses)

    def get_changeform_initial_data(self, request):
        """A new section goes after the others, not first in the navigation."""
        initial = super().get_changeform_initial_data(request)
        if "position" not in initial:
            last = Section.objects.aggregate(last=Max("position"))["last"]
            initial["position"] = 0 if last is None else last + 1
        return initial
