"""Image uploads: what we accept and how it is stored.

Every image that reaches storage (featured image, author photo, picture in a
story body) comes through :func:`clean_image_upload`:

1. the size cap (``IMAGE_UPLOAD_MAX_BYTES``) is checked before anything is read;
2. Pillow decides what the bytes are: JPEG, PNG, WebP or GIF, nothing else. The
   file name and the declared content type are ignored, so an SVG or an HTML
   page named ``photo.jpg`` is refused;
3. the header is checked against the pixel cap (``IMAGE_UPLOAD_MAX_PIXELS``)
   before decoding, so a small file that declares 20000×20000 pixels (a
   decompression bomb) is refused without being expanded in memory, and
   against the height its renditions would have (``MAX_RENDITION_SIDE``);
4. the file is ``verify()``-ed, then reopened and fully decoded with ``load()``,
   which catches truncated and corrupt files;
5. the decoded pixels are written out again by Pillow (re-encoded): EXIF
   orientation applied, every piece of metadata dropped (EXIF and its GPS
   position, XMP, comments, ICC profile after converting to sRGB), and any bytes
   the original carried besides the picture (a polyglot's HTML or script) are
   gone because they are never copied.

The result is a new in-memory file with a random name and the extension of the
detected format. Animated GIFs keep their first frame only: see
docs/decisions/0011-image-uploads.md.
"""

import io
import os
import uuid
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageChops, ImageOps

# Pillow's own decompression-bomb guard, for every image this process opens
# (including the dimension reads Django does for ImageField). Uploads are also
# checked against the setting explicitly, so a test or a deployment that
# changes the setting is obeyed without restarting.
Image.MAX_IMAGE_PIXELS = settings.IMAGE_UPLOAD_MAX_PIXELS

#: Pillow format name -> file extension we store it under.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
#: Pillow format name -> MIME type, for responses and <source type>.
CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
}
ACCEPTED_FORMATS = tuple(EXTENSIONS)
#: Modes written to PNG as they are. A 16-bit greyscale original stays
#: 16-bit; Pillow writes no other mode deeper than 8 bits as PNG.
PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "I;16", "I;16B"}
JPEG_QUALITY = 85
WEBP_QUALITY = 82

UNREADABLE_MESSAGE = (
    "Upload a valid image: a JPEG, PNG, WebP or GIF file. This file is not one, or it is damaged."
)


def random_upload_name(filename, prefix=""):
    """Store every upload under a random name: never trust the uploader's name.

    Only the extension is kept, and uploads that went through
    :func:`clean_image_upload` already carry the extension of their real format.
    """
    extension = os.path.splitext(filename)[1].lower()[:5]
    return f"{prefix}{uuid.uuid4().hex}{extension}"


def featured_image_path(instance, filename):
    """``upload_to`` for a story's picture: a random name under articles/, its extension kept."""
    return random_upload_name(filename, prefix="articles/")


def _open_checked(file):
    """Open ``file`` with Pillow, verify it and decode it; return the loaded image.

    Raises ValidationError for anything that is not a whole, decodable JPEG,
    PNG, WebP or GIF within the size and pixel caps.
    """
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
    if not size:
        raise ValidationError("The image file is empty.", code="empty")
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if size > max_bytes:
        raise ValidationError(
            "The image is too large (%(size)s); the limit is %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )

    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    with warnings.catch_warnings():
        # Pillow warns (rather than raises) between its limit and twice its
        # limit; an upload in that band is refused like any other bomb.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            file.seek(0)
            with Image.open(file, formats=ACCEPTED_FORMATS) as probe:
                _check_pixels(probe, max_pixels)
                probe.verify()
            file.seek(0)
            image = Image.open(file, formats=ACCEPTED_FORMATS)
            _check_pixels(image, max_pixels)
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels(max_pixels) from error
        except Exception as error:
            # Pillow reports malformed input with many exception types
            # (OSError, SyntaxError, ValueError, struct.error, IndexError...).
            # Whatever it is, the upload is not an image we can use, and the
            # editor must see a form error, never a server error.
            raise ValidationError(UNREADABLE_MESSAGE, code="invalid_image") from error
    if image.format == "MPO":
        # Multi-picture JPEGs from cameras: the first picture is a plain JPEG.
        image.format = "JPEG"
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(UNREADABLE_MESSAGE, code="invalid_image")
    return image


# The tallest rendition a picture may have: WebP's limit, the format every
# rendition is written in. Renditions are at most ``WIDEST_RENDITION`` wide
# (the last of ``renditions.WIDTHS``), so a wide panorama is fine, but a
# 1×60000 strip made renditions 60,000 pixels tall: they failed with a
# traceback in the error log, and the strip was served whole. No picture a
# story can use is that long.
MAX_RENDITION_SIDE = 16383
WIDEST_RENDITION = 1280


def _check_pixels(image, max_pixels):
    if image.width * image.height > max_pixels:
        raise _too_many_pixels(max_pixels)
    tallest = image.height * min(image.width, WIDEST_RENDITION) / image.width
    if tallest > MAX_RENDITION_SIDE:
        raise ValidationError(
            "The image is %(width)s × %(height)s pixels: too tall for its width to be "
            "shown (a picture at most %(limit)s pixels tall at %(widest)s wide). Crop "
            "it, and upload it again.",
            code="side_too_long",
            params={
                "width": image.width,
                "height": image.height,
                "limit": f"{MAX_RENDITION_SIDE:,}",
                "widest": f"{WIDEST_RENDITION:,}",
            },
        )


def _too_many_pixels(max_pixels):
    return ValidationError(
        "The image has too many pixels; the limit is %(limit)s megapixels.",
        code="too_many_pixels",
        params={"limit": f"{max_pixels / 1_000_000:g}"},
    )


def validate_image_upload(file):
    """Model-field validator: refuse a new upload that is not an acceptable image.

    Files already in storage (``_committed``) were checked when they arrived;
    re-reading them on every save would cost storage I/O and would block the
    edit of a story whose original went missing.
    """
    if getattr(file, "_committed", False):
        return
    if getattr(getattr(file, "file", None), "image_format", None):
        return  # Already checked and re-encoded by clean_image_upload().
    _open_checked(file)


def to_srgb(image):
    """Convert ``image`` to sRGB using its embedded ICC profile, if it has one.

    The profile itself is metadata we drop; converting first keeps the colours
    of, say, a Display P3 phone photo from shifting once it is gone.
    """
    icc_profile = image.info.get("icc_profile")
    if not icc_profile or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except Exception:
        # A broken or exotic profile: keep the pixels as they are.
        return image


def strip_metadata(image):
    """Drop everything but the pixels (and a palette's transparent index)."""
    kept = {key: image.info[key] for key in ("transparency",) if key in image.info}
    image.info.clear()
    image.info.update(kept)
    return image


def to_8bit(image):
    """``image`` with 8-bit samples, if its samples are wider: the greyscale they show, scaled.

    A 16-bit greyscale PNG opens as mode "I;16" (in older Pillow versions, "I"),
    its samples running to 65535. Pillow's ``convert()`` clips such samples at
    255 instead of scaling them, so its mid-grey, 32768, would become white and
    the whole picture nearly so. Here 0-65535 becomes 0-255, rounded; an "I"
    image with samples above 65535 has no known depth, so its brightest sample
    becomes white. A transparent grey (a PNG's tRNS chunk) becomes an alpha
    channel ("LA"), since its 16-bit value means nothing once scaled.

    Other modes are returned as they are: Pillow opens 16-bit RGB and RGBA
    PNGs as 8-bit "RGB" and "RGBA" already, and no format we accept decodes
    to "F", whose 0-255 convention ``convert()`` follows.
    """
    if image.mode != "I" and not image.mode.startswith("I;16"):
        return image
    samples = image if image.mode == "I" else image.convert("I")
    brightest = max(65535, samples.getextrema()[1])
    # point() takes a linear function on "I" images; + 0.5 rounds, since the
    # result is truncated, and convert("L") clips what falls outside 0-255.
    grey = samples.point(lambda value: value * 255 / brightest + 0.5).convert("L")
    transparent = image.info.get("transparency")
    if not isinstance(transparent, int):
        return grey
    # Opaque (255) wherever the sample is above or below the transparent value.
    above = samples.point(lambda value: (value - transparent) * 255).convert("L")
    below = samples.point(lambda value: (transparent - value) * 255).convert("L")
    return Image.merge("LA", (grey, ImageChops.lighter(above, below)))


def encode(image, image_format, stream):
    """Write ``image`` to ``stream`` in ``image_format`` with our settings, no metadata."""
    if image_format == "JPEG":
        image = flatten(image)
        image.save(stream, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif image_format == "WEBP":
        image = to_8bit(image)
        if image.mode not in {"RGB", "RGBA"}:
            image = image.convert("RGBA" if has_alpha(image) else "RGB")
        image.save(stream, "WEBP", quality=WEBP_QUALITY, method=4)
    elif image_format == "PNG":
        if image.mode not in PNG_MODES:
            image = to_8bit(image)
            if image.mode not in PNG_MODES:
                image = image.convert("RGBA" if has_alpha(image) else "RGB")
        image.save(stream, "PNG", optimize=False)
    elif image_format == "GIF":
        image.save(stream, "GIF")
    else:  # pragma: no cover - the allowlist above makes this unreachable
        raise ValueError(f"Unsupported format {image_format}")


def has_alpha(image):
    """Does ``image`` have transparent areas (an alpha channel, or a transparent colour)?"""
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info


def flatten(image):
    """An RGB (or L) copy of ``image``, transparent areas on white, for JPEG."""
    image = to_8bit(image)
    if image.mode in {"RGB", "L"}:
        return image
    if has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def clean_image_upload(file, prefix="", max_width=None):
    """Check an uploaded file and return it re-encoded under a random name.

    Returns a ``ContentFile`` whose ``name`` is random with the extension of
    the detected format, and which carries ``image_format``, ``content_type``,
    ``width`` and ``height``. With ``max_width``, a wider picture is scaled
    down to it, keeping its proportions. Raises ValidationError with a message
    an editor can act on.
    """
    image = _open_checked(file)
    image_format = image.format
    if image_format == "GIF":
        # First frame only (see the module docstring); it is the one decoded.
        image.seek(0)
    try:
        upright = strip_metadata(to_srgb(ImageOps.exif_transpose(image)))
        if max_width and upright.width > max_width:
            upright = upright.resize(
                (max_width, max(1, round(upright.height * max_width / upright.width))),
                Image.Resampling.LANCZOS,
            )
        stream = io.BytesIO()
        encode(upright, image_format, stream)
    except Exception as error:
        raise ValidationError(UNREADABLE_MESSAGE, code="invalid_image") from error
    finally:
        image.close()
    name = random_upload_name(f"image{EXTENSIONS[image_format]}", prefix=prefix)
    cleaned = ContentFile(stream.getvalue(), name=name)
    cleaned.image_format = image_format
    cleaned.content_type = CONTENT_TYPES[image_format]
    cleaned.width, cleaned.height = upright.size
    return cleaned


class NewsImageFormField(forms.ImageField):
    """A form field for every image upload: checked and re-encoded while the form cleans.

    Used by the article and author admin forms; the cleaned value is the
    re-encoded ``ContentFile`` from :func:`clean_image_upload`, so what is
    saved is never the uploaded bytes.
    """

    def to_python(self, data):
        # FileField's checks (no name, empty file), not ImageField's own Pillow
        # pass: ours is stricter and does the decoding once.
        uploaded = forms.FileField.to_python(self, data)
        if uploaded is None:
            return None
        return clean_image_upload(uploaded)
