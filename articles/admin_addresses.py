"""What the admins of authors, sources and sections share: old addresses keep working."""

from articles import services


class KeepsOldAddresses:
    """A ``ModelAdmin`` mixin: after a slug change, the old public addresses answer with 301s.

    Done when the admin saves, as for stories (``ArticleAdmin.save_related``),
    not in a model hook: the admin is where slugs are renamed, and a hook would
    read the old row on every save from anywhere (``load_demo`` saves each
    author on every run). ``move_addresses(before, after)`` is the service that
    works out which addresses moved; a section's stories move with it.

    ``public_rows``, when set, returns the rows that have a public page (an
    author or source with a public story): for the others nothing is kept, as
    their old address was never a page, and a redirect from it would announce
    the new slug (a new hire's title) to anyone who tried the old one. Nor is
    "View on site" offered for a page that does not exist yet.
    """

    move_addresses = staticmethod(services.keep_renamed_addresses)
    public_rows = None

    def has_public_page(self, obj):
        return self.public_rows is None or self.public_rows().filter(pk=obj.pk).exists()

    def save_model(self, request, obj, form, change):
        before = type(obj)._default_manager.only("slug").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None and before.slug != obj.slug and self.has_public_page(obj):
            self.move_addresses(before, obj)

    def get_view_on_site_url(self, obj=None):
        if obj is not None and not self.has_public_page(obj):
            return None
        return super().get_view_on_site_url(obj)
