from django.contrib import admin

from articles import services
from sources.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "country", "notes"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        """Save, and keep the old page address working after a slug change.

        Done here, not in a model hook, for the reasons given on
        ``AuthorAdmin.save_model``.
        """
        before = Source.objects.only("slug").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            services.keep_renamed_addresses(before, obj)
