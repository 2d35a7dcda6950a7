"""Make the missing renditions of every stored image (after an import or a deploy).

Saving a story or an author makes its renditions already, and so does the
editor's upload of a picture for a story body; this command is for images
that arrived another way: rows written before renditions existed, imports
that bypass ``save()``, files restored from a backup. It also stores the width
and height of originals that lack them, which the ``{% picture %}`` tag needs.
Running it again does nothing unless ``--force`` is given.

Pictures in story bodies are found in the bodies, not by listing the uploads
folder: the pictures that need renditions are exactly those a story shows with
a ``srcset`` (what ``reader_body`` rewrites, found with the same pattern), a
picture a story shows but storage lacks is reported, and uploads no story
uses cost nothing. Only sized names (articles/body_pictures.py) are looked
at: older uploads are served as stored.
"""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from PIL import Image

from articles.body_pictures import sized_uploads
from articles.models import Article
from articles.renditions import image_fields, make_renditions
from authors.models import Author


def _counted(count, one, several):
    """ "1 image", "3 images": a number and its word (decision 0040)."""
    return f"{count} {one if count == 1 else several}"


class Command(BaseCommand):
    help = "Make missing image renditions and store missing image dimensions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Remake renditions that already exist."
        )

    def handle(self, *args, force=False, **options):
        images = written = missing = 0
        for model in (Article, Author):
            for field in image_fields(model):
                # Stored values, not model instances: an instance reads a
                # missing size from the file as it is made (so it would never
                # look missing here), and fails outright when the file is gone.
                rows = (
                    model.objects.exclude(**{field.name: ""})
                    .order_by("pk")
                    .values_list("pk", field.attname, *self._dimension_fields(field))
                )
                for pk, name, *size in rows.iterator(chunk_size=200):
                    images += 1
                    if not field.storage.exists(name):
                        missing += 1
                        self.stderr.write(f"{model.__name__} {pk}: {name} is missing; skipped.")
                        continue
                    if field.width_field and not all(size):
                        self._store_dimensions(model, pk, field, name)
                    written += len(make_renditions(field.storage, name, force=force))
        checked, made, gone = self._body_pictures(force)
        images, written, missing = images + checked, written + made, missing + gone
        summary = (
            f"{_counted(images, 'image', 'images')} checked, "
            f"{_counted(written, 'rendition', 'renditions')} written."
        )
        if missing == 1:
            summary += " 1 original missing: upload it again or restore it."
        elif missing:
            summary += f" {missing} originals missing: upload them again or restore them."
        self.stdout.write(self.style.SUCCESS(summary) if not missing else summary)

    def _body_pictures(self, force):
        """Make the missing renditions of the sized uploads story bodies show.

        Returns how many pictures were checked, renditions written and
        originals missing. A picture shown by several stories counts once.
        """
        seen, written, missing = set(), 0, 0
        rows = (
            Article.objects.filter(body__contains="<img").order_by("pk").values_list("pk", "body")
        )
        for pk, body in rows.iterator(chunk_size=200):
            for picture in sized_uploads(body):
                if picture.name in seen:
                    continue
                seen.add(picture.name)
                if not default_storage.exists(picture.name):
                    missing += 1
                    self.stderr.write(
                        f"Article {pk}: the body picture {picture.name} is missing; skipped."
                    )
                    continue
                written += len(
                    make_renditions(
                        default_storage,
                        picture.name,
                        force=force,
                        social_crop=False,
                        original_width=picture.width,
                    )
                )
        return len(seen), written, missing

    @staticmethod
    def _dimension_fields(field):
        return [name for name in (field.width_field, field.height_field) if name]

    def _store_dimensions(self, model, pk, field, name):
        """Store the width and height read from the original."""
        try:
            with field.storage.open(name, "rb") as original, Image.open(original) as read:
                width, height = read.size
        except Exception as error:
            self.stderr.write(f"{model.__name__} {pk}: cannot read {name} ({error})")
            return
        # update(), not save(): no side effects (timestamps, search vector) for a
        # fact about the file.
        model.objects.filter(pk=pk).update(
            **{field.width_field: width, field.height_field: height}
        )
