"""Image renditions: the resized copies pages actually send to readers.

For every stored image (a story's featured image, an author's photo) we make,
once, after the row is committed:

- one copy per width in ``WIDTHS`` (320, 640, 960, 1280 px) that is narrower
  than the original, plus one at the original width when that is below 1280,
  never upscaled, each in WebP and in the original format;
- a 1200×630 JPEG crop for social cards (``og:image``, JSON-LD), except for
  pictures in story bodies (``social_crop=False``), which are never shared.

Their names are derived from the original's name and stored width alone
(``renditions/articles/<stem>-640.webp``), so the ``{% picture %}`` tag and
:func:`social_image_url` build URLs without touching storage or the database.
Making them again is a no-op unless forced (``manage.py make_renditions``).
"""

import io
import logging
import posixpath
from contextlib import nullcontext
from functools import partial

from django.db import models, transaction
from PIL import Image, ImageOps

from articles.images import WIDEST_RENDITION, encode, flatten, has_alpha, to_8bit, to_srgb

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, WIDEST_RENDITION)
SOCIAL_WIDTH, SOCIAL_HEIGHT = 1200, 630
RENDITIONS_DIR = "renditions"
# Social crops keep a little more of the top than the bottom: faces and
# headlines in photos sit above the middle more often than below it.
SOCIAL_CENTERING = (0.5, 0.4)

FORMAT_BY_EXTENSION = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".gif": "GIF",
}
EXTENSION_BY_FORMAT = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def original_format(name):
    """The Pillow format an original is stored in, from its extension (no I/O)."""
    return FORMAT_BY_EXTENSION.get(posixpath.splitext(name)[1].lower())


def rendition_formats(name):
    """WebP first, then the original format when it is not WebP already."""
    image_format = original_format(name)
    if image_format is None:
        return ()
    return ("WEBP",) if image_format == "WEBP" else ("WEBP", image_format)


def rendition_widths(original_width):
    """The widths made for an original ``original_width`` pixels wide, smallest first."""
    if not original_width:
        return ()
    if original_width >= WIDTHS[-1]:
        return WIDTHS
    return (*(width for width in WIDTHS if width < original_width), original_width)


def _stem(name):
    directory, filename = posixpath.split(name)
    return posixpath.join(RENDITIONS_DIR, directory, posixpath.splitext(filename)[0])


def rendition_name(name, width, image_format):
    """Storage name of the ``width``-pixel copy of ``name`` in ``image_format``."""
    return f"{_stem(name)}-{width}{EXTENSION_BY_FORMAT[image_format]}"


def social_name(name):
    """Storage name of the 1200×630 social crop of ``name``."""
    return f"{_stem(name)}-social.jpg"


def rendition_names(name, original_width, social_crop=True):
    """Every file of ``name``'s set, in the order :func:`make_renditions` writes them.

    The last one is written last, so its presence marks a finished set.
    """
    names = [
        rendition_name(name, width, image_format)
        for width in rendition_widths(original_width)
        for image_format in rendition_formats(name)
    ]
    if social_crop:
        names.append(social_name(name))
    return names


def _finished_marker(name, social_crop, original_width):
    """The file whose presence says ``name``'s set is finished, or None if it cannot be named.

    The social crop needs no width; the widest copy, which ends a set without
    one, does.
    """
    if social_crop:
        return social_name(name)
    if original_width:
        return rendition_names(name, original_width, social_crop=False)[-1]
    return None


def stored_size(image):
    """The (width, height) kept on the row for a FieldFile, or (None, None).

    Read from the model's ``width_field``/``height_field``: ``image.width``
    would open the file.
    """
    field = getattr(image, "field", None)
    instance = getattr(image, "instance", None)
    if field is None or instance is None:
        return None, None
    width_field = getattr(field, "width_field", None)
    height_field = getattr(field, "height_field", None)
    width = getattr(instance, width_field, None) if width_field else None
    height = getattr(instance, height_field, None) if height_field else None
    return width, height


def srcset(image, image_format, original_width=None):
    """The ``srcset`` value for ``image``'s renditions in ``image_format``."""
    if original_width is None:
        original_width = stored_size(image)[0]
    return stored_srcset(image.storage, image.name, image_format, original_width)


def stored_srcset(storage, name, image_format, original_width):
    """The ``srcset`` value for the renditions of ``name`` in ``storage``, by name alone."""
    return ", ".join(
        f"{storage.url(rendition_name(name, width, image_format))} {width}w"
        for width in rendition_widths(original_width)
    )


def scaled_height(original_width, original_height, width):
    """The height of the ``width``-pixel copy of a picture ``original_width`` pixels wide."""
    return max(1, round(original_height * width / original_width))


def widest_rendition(image):
    """``(name, width, height)`` of ``image``'s widest copy in its own format and proportions.

    The whole picture as readers see it, at most ``WIDEST_RENDITION`` (1280)
    pixels wide and never wider than the original: for search engines, which
    want large pictures but need not fetch an original of up to 40
    megapixels. None when no copies are made of ``image`` (no stored size, or a
    format we make none in). No I/O: from the name and the size on the row.
    """
    width, height = stored_size(image)
    image_format = original_format(image.name) if image else None
    if not width or not height or image_format is None:
        return None
    widest = rendition_widths(width)[-1]
    return (
        rendition_name(image.name, widest, image_format),
        widest,
        scaled_height(width, height, widest),
    )


def _has_social_crop(image):
    """Does ``image`` get a social crop? Only an original we make renditions of."""
    return bool(stored_size(image)[0] and original_format(image.name))


def social_image_url(image):
    """URL of the 1200×630 social crop of ``image``, or of the original as a fallback.

    Relative to the site (``/media/...``); make it absolute with
    ``newsroom.addresses.absolute_url`` for og:image. Empty when there is no image.
    """
    if not image:
        return ""
    if _has_social_crop(image):
        return image.storage.url(social_name(image.name))
    return image.url


def social_image_size(image):
    """(width, height) of the picture :func:`social_image_url` names, or (None, None).

    1200×630 for the social crop, whatever the original's size; the size
    stored on the row for the original. No I/O, so share cards can say it
    (``og:image:width``) and apps lay the card out before fetching the picture.
    """
    if not image:
        return None, None
    if _has_social_crop(image):
        return SOCIAL_WIDTH, SOCIAL_HEIGHT
    return stored_size(image)


def _prepare(image):
    """A decoded, upright, sRGB copy of ``image`` in a mode every encoder takes."""
    image = to_srgb(to_8bit(ImageOps.exif_transpose(image)))
    if image.mode not in {"RGB", "RGBA", "L"}:
        image = image.convert("RGBA" if has_alpha(image) else "RGB")
    image.info.clear()
    return image


def _write(storage, name, image, image_format, force):
    if storage.exists(name):
        if not force:
            return None
        storage.delete(name)
    stream = io.BytesIO()
    encode(image, image_format, stream)
    stream.seek(0)
    saved = storage.save(name, stream)
    if saved != name:
        # Another process wrote the same rendition meanwhile; keep theirs, since
        # pages link to the deterministic name only.
        storage.delete(saved)
        return None
    return saved


def make_renditions(
    storage, name, force=False, *, social_crop=True, original_width=None, original=None
):
    """Make the renditions of the original ``name`` in ``storage``; return what was written.

    Idempotent: the last file of a set marks it finished (see
    :func:`rendition_names`), so a second call costs one existence check. That
    file is the social crop, or, with ``social_crop=False`` (pictures in story
    bodies), the widest copy, which can be named only when ``original_width``
    is given; without it, a second call reads the original and skips each copy
    that exists. ``original`` is an open file to read instead of the stored
    one, for making the set before the original is stored.

    A missing or unreadable original is logged and skipped, never raised: it
    must not break the save that scheduled this. Errors writing a copy are
    raised.
    """
    image_format = original_format(name)
    if image_format is None:
        logger.warning("Not making renditions of %s: not a JPEG, PNG, WebP or GIF name.", name)
        return []
    finished = _finished_marker(name, social_crop, original_width)
    if not force and finished and storage.exists(finished):
        return []
    try:
        # The caller's file stays open for the caller: it may store it next.
        opened = nullcontext(original) if original is not None else storage.open(name, "rb")
        with opened as source, Image.open(source, formats=tuple(EXTENSION_BY_FORMAT)) as decoded:
            decoded.load()
            image = _prepare(decoded)
    except FileNotFoundError:
        logger.warning("Not making renditions of %s: the original is missing.", name)
        return []
    except Exception:
        logger.exception("Not making renditions of %s: the original cannot be read.", name)
        return []

    written = []
    for width in rendition_widths(image.width):
        height = scaled_height(image.width, image.height, width)
        resized = (
            image
            if width == image.width
            else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for rendition_format in rendition_formats(name):
            target = rendition_name(name, width, rendition_format)
            if _write(storage, target, resized, rendition_format, force):
                written.append(target)

    if not social_crop:
        return written
    social = ImageOps.fit(
        flatten(image),
        (SOCIAL_WIDTH, SOCIAL_HEIGHT),
        Image.Resampling.LANCZOS,
        centering=SOCIAL_CENTERING,
    )
    if _write(storage, social_name(name), social, "JPEG", force):
        written.append(social_name(name))
    return written


def image_fields(model):
    """The ImageFields of ``model`` that get renditions."""
    return [field for field in model._meta.fields if isinstance(field, models.ImageField)]


def schedule_renditions(sender, instance, update_fields=None, **kwargs):
    """post_save receiver: make the renditions of the saved images once the row commits.

    After commit, so a rolled-back save leaves no files behind and the work is
    not done while the transaction holds its locks. ``robust`` so a failure is
    logged instead of turning the editor's successful save into an error page.
    """
    for field in image_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue
        image = getattr(instance, field.attname)
        if not image:
            continue
        transaction.on_commit(partial(make_renditions, image.storage, image.name), robust=True)
