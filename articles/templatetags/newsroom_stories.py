"""Small pieces of every story card and story page: the byline and a story's time.

They are tags rather than ``{% include %}`` files because a front page renders
them for some forty cards: an include pushes a context and walks a template
per card, a tag is a function call. ``includes/byline.html`` and
``includes/story_time.html`` call these tags, so there is one definition of
each piece of markup.
"""

from django import template
from django.utils.dates import MONTHS_3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

register = template.Library()


@register.simple_tag
def byline(bylines):
    """The byline, "By A, B and C", each name linking to the author's page; '' if none."""
    links = [
        format_html(
            '<a href="{}" rel="author">{}</a>', entry.author.get_absolute_url(), entry.author.name
        )
        for entry in bylines
    ]
    if not links:
        return ""
    # Each link was escaped by format_html; joining them loses only the marker.
    names = (
        links[0]
        if len(links) == 1
        else format_html("{} and {}", mark_safe(", ".join(links[:-1])), links[-1])
    )
    return format_html('<span class="byline">By {}</span>', names)


@register.simple_tag
def story_time(when, label=""):
    """``when`` as a ``<time>`` readers can read and machines can parse; '' without a time.

    In the site's time zone, as the ``date`` filter shows it.
    """
    if not when:
        return ""
    local = template_localtime(when)
    # What the date filter writes for "c" and for "j M Y, H:i" (the month's
    # short name in the active language), without parsing a format string
    # and looking it up in the locale's format modules for every card.
    return format_html(
        '<time datetime="{}">{}{}</time>',
        local.isoformat(),
        format_html("{} ", label) if label else "",
        f"{local.day} {MONTHS_3[local.month].title()} {local.year:04d}, "
        f"{local.hour:02d}:{local.minute:02d}",
    )
