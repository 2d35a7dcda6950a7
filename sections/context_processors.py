"""Template context shared by every public page."""

from django.conf import settings


def navigation(request):
    """The sections in the site's navigation, and the publication's name.

    The queryset is lazy: pages that never show the navigation (admin, feeds)
    never run it, and pages that do run it once.
    """
    from sections.models import Section

    return {
        "nav_sections": Section.objects.filter(show_in_nav=True, parent__isnull=True),
        "site_name": settings.NEWSROOM_NAME,
        "site_tagline": settings.NEWSROOM_TAGLINE,
    }
