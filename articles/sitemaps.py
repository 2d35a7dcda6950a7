"""What crawlers are told: the sitemap index, the Google News sitemap, robots.txt.

Every list here starts from ``Article.objects.published()``. Section, author
and source pages are listed only when at least one public story hangs off
them: their pages exist either way, but a page with no stories is not worth a
crawler's visit, and this way a listed page never shows a draft's traces.

Absolute URLs use the domain of the current ``Site`` (the sites framework),
as Django's sitemap and feed views do, so every crawler-facing file names the
same canonical host whatever ``Host`` header a request came in with.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.models import Article
from authors.models import Author
from sections.models import Section
from sources.models import Source

# Google News reads stories from the last two days, at most 1,000 per sitemap.
NEWS_SITEMAP_WINDOW = timedelta(days=2)
NEWS_SITEMAP_LIMIT = 1000


def _last_change(article):
    # updated_at predates published_at for a story saved before its time came.
    return max(article.updated_at, article.published_at)


class StorySitemap(Sitemap):
    """Every public story, newest first."""

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "published_at", "created_at", "updated_at", "section__slug")
        )

    def lastmod(self, item):
        return _last_change(item)

    def get_latest_lastmod(self):
        # Django's default loads every story to take the max; ask the database.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("published_at")
        )
        if latest["published"] is None:
            return None
        return max(latest["updated"], latest["published"])


class _LatestStorySitemap(Sitemap):
    """Pages listed when they have public stories; lastmod is their latest story's date.

    ``story_path`` is the lookup from a story to the listed object's id; the
    grouped query runs once per sitemap instance (the index view asks twice).
    """

    model = None
    story_path = None

    def latest_story_dates(self):
        if not hasattr(self, "_latest"):
            rows = (
                Article.objects.published()
                .filter(**{f"{self.story_path}__isnull": False})
                .order_by()
                .values_list(self.story_path)
                .annotate(latest=Max("published_at"))
            )
            self._latest = dict(rows)
        return self._latest

    def items(self):
        latest = self.latest_story_dates()
        objects = list(self.model.objects.filter(pk__in=latest))
        for obj in objects:
            obj.latest_story_at = latest[obj.pk]
        return objects

    def lastmod(self, item):
        return item.latest_story_at

    def get_latest_lastmod(self):
        return max(self.latest_story_dates().values(), default=None)


class SectionSitemap(_LatestStorySitemap):
    model = Section
    story_path = "section"

    def items(self):
        # A section page that only gathers its subsections' stories is
        # still a page with stories: list the ancestors too.
        latest = dict(self.latest_story_dates())
        sections = {section.pk: section for section in Section.objects.all()}
        for pk, when in list(latest.items()):
            parent_id = sections[pk].parent_id
            seen = {pk}
            while parent_id is not None and parent_id not in seen:
                seen.add(parent_id)
                latest[parent_id] = max(latest.get(parent_id, when), when)
                parent_id = sections[parent_id].parent_id
        listed = [section for pk, section in sections.items() if pk in latest]
        for section in listed:
            section.latest_story_at = latest[section.pk]
        return listed


class AuthorSitemap(_LatestStorySitemap):
    model = Author
    story_path = "bylines__author"


class SourceSitemap(_LatestStorySitemap):
    model = Source
    story_path = "source_credits__source"


SITEMAPS = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "sources": SourceSitemap,
}


def _site_root(request):
    return f"{request.scheme}://{get_current_site(request).domain}"


@require_GET
def news_sitemap(request):
    """The Google News sitemap: stories published in the last two days.

    Written by hand rather than with ``Sitemap``: it needs the ``news:``
    elements and a hard cap, not pages.
    """
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .only("headline", "slug", "language", "published_at", "created_at", "section__slug")
        .order_by("-published_at", "-pk")[:NEWS_SITEMAP_LIMIT]
    )
    return render(
        request,
        "sitemaps/news_sitemap.xml",
        {
            "articles": articles,
            "site_root": _site_root(request),
            "publication_name": settings.NEWSROOM_NAME,
        },
        content_type="application/xml",
    )


@require_GET
def robots_txt(request):
    """robots.txt: where the sitemaps are, and what crawlers should leave alone."""
    root = _site_root(request)
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": root + reverse("sitemap-index"),
            "news_sitemap_url": root + reverse("news-sitemap"),
        },
        content_type="text/plain; charset=utf-8",
    )
