from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from articles.admin_addresses import KeepsOldAddresses
from articles.images import NewsImageFormField
from authors.models import Author, AuthorLink


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0


@admin.register(Author)
class AuthorAdmin(KeepsOldAddresses, admin.ModelAdmin):
    list_display = ["thumbnail", "name", "job_title", "beat", "user"]
    list_display_links = ["thumbnail", "name"]
    list_filter = ["beat"]
    list_select_related = ["beat", "beat__parent", "user"]
    search_fields = ["name", "slug", "job_title", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["beat", "user"]
    inlines = [AuthorLinkInline]
    # Photos are checked and re-encoded while the form cleans (articles/images.py).
    formfield_overrides = {models.ImageField: {"form_class": NewsImageFormField}}

    @admin.display(description="Photo")
    def thumbnail(self, obj):
        if not obj.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="40" height="40" '
            'style="object-fit:cover;border-radius:50%">',
            obj.photo.url,
        )
