from django.contrib import admin
from django.utils.html import format_html

from articles.forms import ArticleAdminForm
from articles.models import Article, Byline, SourceCredit


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]


class SourceCreditInline(admin.TabularInline):
    model = SourceCredit
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "role", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["thumbnail", "headline", "section", "byline_names", "status", "published_at"]
    list_display_links = ["thumbnail", "headline"]
    list_filter = ["status", "section", "authors", "sources", "is_pinned"]
    list_select_related = ["section", "section__parent"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [BylineInline, SourceCreditInline]
    readonly_fields = ["word_count", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "dateline", "section", "body"]}),
        (
            "Featured image",
            {
                "fields": [
                    "featured_image",
                    "featured_image_alt",
                    "featured_image_caption",
                    "featured_image_credit",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_pinned",
                    "is_original_reporting",
                    "language",
                ]
            },
        ),
        ("Record", {"fields": ["word_count", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        # The byline column would otherwise cost one query per row.
        return super().get_queryset(request).prefetch_related("bylines__author")

    @admin.display(description="Byline")
    def byline_names(self, obj):
        return ", ".join(byline.author.name for byline in obj.bylines.all())

    @admin.display(description="Image")
    def thumbnail(self, obj):
        if not obj.featured_image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="40" style="object-fit:cover">',
            obj.featured_image.url,
        )
