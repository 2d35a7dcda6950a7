from django.contrib import admin

from articles.admin_addresses import KeepsOldAddresses
from sources.models import Source


@admin.register(Source)
class SourceAdmin(KeepsOldAddresses, admin.ModelAdmin):
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "country", "notes"]
    prepopulated_fields = {"slug": ["name"]}
