"""What the admins of authors, sources and sections share: old addresses keep working."""

from articles import services


class KeepsOldAddresses:
    """A ``ModelAdmin`` mixin: after a slug change, the old public addresses answer with 301s.

    Done when the admin saves, as for stories (``ArticleAdmin.save_model``),
    not in a model hook: the admin is where slugs are renamed, and a hook would
    read the old row on every save from anywhere (``load_demo`` saves each
    author on every run). ``move_addresses(before, after)`` is the service that
    works out which addresses moved; a section's stories move with it.
    """

    move_addresses = staticmethod(services.keep_renamed_addresses)

    def save_model(self, request, obj, form, change):
        before = type(obj)._default_manager.only("slug").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            self.move_addresses(before, obj)
