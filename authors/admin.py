from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from articles import services
from articles.images import NewsImageFormField
from authors.models import Author, AuthorLink


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        """Save, and keep the old page and feed addresses working after a slug change.

        Done here, as for stories (``ArticleAdmin.save_model``), not in a model
        hook: the admin is where slugs are renamed, and a hook would read the
        old row on every save from anywhere (``load_demo`` saves each author on
        every run).
        """
        before = Author.objects.only("slug").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            services.keep_renamed_addresses(before, obj)

    @admin.display(description="Photo")
    def thumbnail(self, obj):
        if not obj.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="40" height="40" '
            'style="object-fit:cover;border-radius:50%">',
            obj.photo.url,
        )
