"""Make the missing renditions of every stored image (after an import or a deploy).

Saving a story or an author makes its renditions already; this command is for
images that arrived another way: rows written before renditions existed,
imports that bypass ``save()``, files restored from a backup. It also stores
the width and height of originals that lack them, which the ``{% picture %}``
tag needs. Running it again does nothing unless ``--force`` is given.
"""

from django.core.management.base import BaseCommand
from PIL import Image

from articles.models import Article
from articles.renditions import image_fields, make_renditions
from authors.models import Author


class Command(BaseCommand):
    help = "Make missing image renditions and store missing image dimensions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Remake renditions that already exist."
        )

    def handle(self, *args, force=False, **options):
        images = written = 0
        for model in (Article, Author):
            for field in image_fields(model):
                rows = (
                    model.objects.exclude(**{field.name: ""})
                    .only("pk", field.name, *self._dimension_fields(field))
                    .order_by("pk")
                )
                for row in rows.iterator(chunk_size=200):
                    image = getattr(row, field.attname)
                    self._store_dimensions(model, row, field, image)
                    written += len(make_renditions(image.storage, image.name, force=force))
                    images += 1
        self.stdout.write(
            self.style.SUCCESS(f"{images} image(s) checked, {written} rendition(s) written.")
        )

    @staticmethod
    def _dimension_fields(field):
        return [name for name in (field.width_field, field.height_field) if name]

    def _store_dimensions(self, model, row, field, image):
        """Fill in width/height read from the original when the row has none."""
        if not field.width_field or getattr(row, field.width_field):
            return
        try:
            with image.storage.open(image.name, "rb") as original, Image.open(original) as read:
                width, height = read.size
        except Exception as error:
            self.stderr.write(f"{model.__name__} {row.pk}: cannot read {image.name} ({error})")
            return
        # update(), not save(): no side effects (timestamps, search vector) for a
        # fact about the file.
        model.objects.filter(pk=row.pk).update(
            **{field.width_field: width, field.height_field: height}
        )
