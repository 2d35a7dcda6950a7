from django.contrib import admin

from sources.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "country", "notes"]
    prepopulated_fields = {"slug": ["name"]}
