"""Responsive images in templates."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def picture(image, alt="", sizes="100vw", loading="lazy", css_class=""):
    """Render ``image`` (an ImageField file) as a responsive picture; '' when empty."""
    if not image:
        return ""
    return format_html(
        '<img src="{}" alt="{}" loading="{}" class="{}">', image.url, alt, loading, css_class
    )
