"""The sign-in lockout page's words (django-axes renders templates/admin/lockout.html).

Registered as the template library ``lockout`` in settings.TEMPLATES: the
project package is not an app, so Django would not find a templatetags folder.
"""

from django import template
from django.contrib import admin

register = template.Library()


def duration_in_words(delta):
    """``timedelta(hours=1.5)`` as "1 hour and 30 minutes", to the nearest minute.

    AXES_COOLOFF_HOURS may be a fraction (0.25 is "15 minutes"); seconds are
    never worth saying to someone told to wait.
    """
    minutes = max(1, round(delta.total_seconds() / 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
        if count
    ]
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


@register.filter(name="duration_in_words")
def duration_in_words_filter(delta):
    return duration_in_words(delta)


@register.simple_tag
def admin_site_header():
    """The admin's header, as every other admin page shows it (newsroom/urls.py sets it)."""
    return admin.site.site_header
