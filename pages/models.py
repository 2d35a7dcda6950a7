"""The publication's own pages (About us, Contact, Privacy, Standards), as Django's flat pages.

``django.contrib.flatpages`` stores them; :class:`AboutPage` is a proxy of its
model, so the admin names them as the desk does. This module holds the rules
the newsroom adds to them: every page lives under :data:`ABOUT_PREFIX` (so a
page can never take a section's address), and its text is cleaned to the same
allowlist as a story's body before it is stored.
See docs/decisions/0023-about-pages.md.
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage

from articles.sanitiser import clean_body, clean_text

ABOUT_PREFIX = "/about/"


def clean_page(sender, instance, **kwargs):
    """Signal receiver (pre_save): store a page's text as readers may see it.

    Django's flat page view marks the content and title safe, so whatever is
    stored is what readers get: the admin form, the shell and fixtures all come
    through here.
    """
    instance.title = clean_text(instance.title or "").strip()
    instance.content = clean_body(instance.content or "")


class AboutPage(FlatPage):
    class Meta:
        proxy = True
        verbose_name = "About page"
        verbose_name_plural = "About pages"
        ordering = ["url"]

    def get_absolute_url(self):
        return self.url


def about_pages():
    """This site's pages under /about/ that anyone may read, in address order.

    The one definition of a public About page: its own page, the list beside
    it, the sitemap and the admin's "view on site" all read it.
    """
    return AboutPage.objects.filter(
        sites=settings.SITE_ID, url__startswith=ABOUT_PREFIX, registration_required=False
    ).order_by("url")
