"""Responsive images in templates.

``{% picture story.featured_image alt=story.featured_image_alt sizes="50vw" %}``
renders a ``<picture>`` with a WebP ``<source>`` and an ``<img>`` in the
original format, both listing the renditions made by articles/renditions.py.
Everything comes from the file's name and the width/height stored on the row:
rendering runs no query and touches no storage.
"""

from django import template
from django.utils.html import format_html, format_html_join

from articles import picture_sizes, renditions
from newsroom.addresses import absolute_url

register = template.Library()


def html_attributes(pairs):
    """` name="value"` for each pair whose value is not None, escaped."""
    return format_html_join("", ' {}="{}"', ((name, value) for name, value in pairs if value))


@register.simple_tag
def picture(
    image,
    alt="",
    sizes="100vw",
    loading="lazy",
    css_class="",
    width=None,
    height=None,
    fetchpriority=None,
):
    """Render ``image`` (an ImageField file) as a responsive picture; '' when empty.

    ``width``/``height`` default to the dimensions stored on the row; pass them
    to override the attributes (the renditions still follow the stored width).
    ``loading="eager"`` is for a picture on screen as the page opens;
    ``fetchpriority="high"`` as well for the one likely to be the page's
    largest paint (a story's top picture, the front page's lead), which the
    browser then fetches before the page's other pictures. Without stored
    dimensions (an imported row not yet seen by ``make_renditions``) the
    original is shown on its own.
    """
    if not image:
        return ""
    stored_width, stored_height = renditions.stored_size(image)
    width = width or stored_width
    height = height or stored_height
    image_format = renditions.original_format(image.name)
    common = html_attributes(
        [
            ("width", width),
            ("height", height),
            ("class", css_class),
            ("loading", loading),
            ("fetchpriority", fetchpriority),
        ]
    )
    if not stored_width or image_format is None:
        return format_html('<img src="{}" alt="{}"{} decoding="async">', image.url, alt, common)
    return picture_markup(image.storage, image.name, image.url, stored_width, sizes, alt, common)


def picture_markup(storage, name, url, original_width, sizes, alt, attributes):
    """A ``<picture>`` of the original ``name`` (at ``url``) and its renditions.

    A WebP ``<source>`` and an ``<img>`` in the original format (only the
    ``<img>`` when the original is WebP), both listing the renditions of an
    original ``original_width`` pixels wide. ``alt`` None leaves the attribute
    out; ``attributes`` is safe markup added to the ``<img>`` after it.
    """
    image_format = renditions.original_format(name)
    webp_srcset = renditions.stored_srcset(storage, name, "WEBP", original_width)
    if image_format == "WEBP":
        img_srcset = webp_srcset
        source = ""
    else:
        img_srcset = renditions.stored_srcset(storage, name, image_format, original_width)
        source = format_html(
            '<source type="image/webp" srcset="{}" sizes="{}">', webp_srcset, sizes
        )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}"{}{} decoding="async"></picture>',
        source,
        url,
        img_srcset,
        sizes,
        format_html(' alt="{}"', alt) if alt is not None else "",
        attributes,
    )


@register.filter
def top_picture_sizes(image):
    """The ``sizes`` of ``image`` as a story's top picture: the column, or less if tall.

    See articles/picture_sizes.py. From the size stored on the row: no query,
    no storage call.
    """
    return picture_sizes.top_picture_sizes(*renditions.stored_size(image))


@register.simple_tag
def social_image_url(image, request=None):
    """The social-card (1200×630) URL of ``image``, absolute when ``request`` is given."""
    url = renditions.social_image_url(image)
    if url and request is not None:
        return absolute_url(request, url)
    return url
