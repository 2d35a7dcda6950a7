"""Pictures in story bodies: names that carry their size, and finding them in a body.

The editor's upload endpoint (articles/upload_views.py) makes a picture's
renditions first and then stores it under a name that says how large it is::

    uploads/2026/11/<32 hex digits>-1600x1067.jpg

so a name with that mark promises a finished set of renditions, and the page
can list them and reserve the picture's space from the ``src`` alone, with no
query and no storage call (``reader_body`` in
articles/templatetags/newsroom_stories.py). Older uploads, pictures from
other sites and anything else that does not match the pattern exactly are
left as they are.
"""

import logging
import posixpath
import re
from typing import NamedTuple

from django.conf import settings
from django.core.files.storage import default_storage

from articles.renditions import make_renditions, rendition_names

logger = logging.getLogger(__name__)

# The random name from articles.images.random_upload_name, the size, and the
# extension clean_image_upload gives each format. The random part has no
# hyphen, so the size cannot be confused with it; a name the storage had to
# change (Django appends "_" and seven characters) no longer matches, and is
# served as stored.
_SIZED_NAME = re.compile(
    r"(?P<stem>[0-9a-f]{32})-(?P<width>[1-9][0-9]{0,4})x(?P<height>[1-9][0-9]{0,4})"
    r"\.(?:jpg|png|webp|gif)"
)
# Where such a name sits in an upload's address: after the year and month folders.
_UPLOAD_PATH = re.compile(rf"(?P<path>[0-9]{{4}}/[0-9]{{2}}/{_SIZED_NAME.pattern})\Z")

# <img> as the sanitiser writes it: every value double-quoted, with '"', '<'
# and '>' written as entities. A tag written any other way is not ours to edit.
IMG_TAG = re.compile(r'<img(?P<attributes>(?:\s+[a-z][a-z0-9-]*="[^"]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'\s+([a-z][a-z0-9-]*)="([^"]*)"')
# What the sanitiser lets an <img> keep (articles/sanitiser.py).
_BODY_IMG_ATTRIBUTES = frozenset({"src", "alt", "width", "height"})


def sized_name(name, width, height):
    """``name`` (a random upload name) with the picture's size before the extension."""
    stem, extension = posixpath.splitext(name)
    return f"{stem}-{width}x{height}{extension}"


def store(image, folder):
    """Store ``image`` (from ``clean_image_upload``) in ``folder`` with its renditions.

    Returns the stored name. The renditions come first, from the picture in
    memory, because a sized name promises a finished set: readers' browsers
    are sent to those files. A set that could not be made is not promised:
    the picture is stored under its plain name and served whole, as pictures
    were before renditions, and the upload succeeds all the same.
    """
    sized = posixpath.join(folder, sized_name(image.name, image.width, image.height))
    try:
        written = make_renditions(
            default_storage, sized, social_crop=False, original_width=image.width, original=image
        )
    except Exception:
        logger.exception("Could not write the renditions of the body picture %s.", sized)
        written = []
    if set(written) != set(rendition_names(sized, image.width, social_crop=False)):
        logger.error("The body picture %s is stored without renditions, under a plain name.", sized)
        sized = posixpath.join(folder, image.name)
    return default_storage.save(sized, image)


def size_from_name(name):
    """The (width, height) a sized upload name carries, or None for any other name."""
    found = _SIZED_NAME.fullmatch(posixpath.basename(name))
    if found is None:
        return None
    return int(found["width"]), int(found["height"])


def upload_name(src):
    """The storage name of the sized upload at address ``src``, or None.

    ``src`` is an attribute value as the sanitiser wrote it; the pattern allows
    no character an entity could stand for. The address must be exactly the
    one storage gives for the name, so a picture on another site whose path
    looks like ours, or one of ours given with the site's host, is not taken
    for an upload with renditions.
    """
    found = _UPLOAD_PATH.search(src)
    if found is None:
        return None
    name = posixpath.join(settings.CKEDITOR_UPLOAD_PATH, found["path"])
    if default_storage.url(name) != src:
        return None
    return name


class SizedUpload(NamedTuple):
    """A body ``<img>`` showing a sized upload: its storage name, size and attributes."""

    name: str
    width: int
    height: int
    # As written in the body: values still escaped.
    attributes: dict


def sized_upload(img_tag):
    """The :class:`SizedUpload` a match of :data:`IMG_TAG` shows, or None.

    None too when the tag has an attribute the sanitiser would not have kept,
    or one twice: such a tag did not come from the sanitiser (or was edited
    already, as a ``srcset`` would show), and is left alone.
    """
    attributes = {}
    for attribute, value in _ATTRIBUTE.findall(img_tag["attributes"]):
        if attribute not in _BODY_IMG_ATTRIBUTES or attribute in attributes:
            return None
        attributes[attribute] = value
    name = upload_name(attributes.get("src", ""))
    if name is None:
        return None
    return SizedUpload(name, *size_from_name(name), attributes)


def sized_uploads(body):
    """The :class:`SizedUpload` of each picture in ``body`` that has one, in order."""
    for tag in IMG_TAG.finditer(body):
        if (found := sized_upload(tag)) is not None:
            yield found


def _pixels(value):
    """A width or height attribute as a number of pixels, or None if it is not one."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 5 or int(value) == 0:
        return None
    return int(value)


def display_size(width_attribute, height_attribute, width, height):
    """The ``width`` and ``height`` to give a body picture whose original is ``width``×``height``.

    An author's width and height are kept when they have the picture's
    proportions (to a pixel). Otherwise the author's width is kept (or their
    height, if that is all they gave) and the other follows the proportions:
    the picture is drawn in its own proportions anyway (``height: auto`` in
    site.css), and attributes that say otherwise would reserve the wrong space
    and make the page jump when it loads.
    """
    shown_width, shown_height = _pixels(width_attribute), _pixels(height_attribute)
    if shown_width and shown_height and abs(shown_height - shown_width * height / width) <= 1:
        return shown_width, shown_height
    if shown_width:
        return shown_width, max(1, round(shown_width * height / width))
    if shown_height:
        return max(1, round(shown_height * width / height)), shown_height
    return width, height
