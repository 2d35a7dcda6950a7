"""What crawlers are told: the sitemap index, the Google News sitemap, robots.txt.

Every list here starts from ``Article.objects.published()``. The home page is
always listed. Section, author and source pages are listed only when at least
one public story hangs off them: their pages exist either way, but a page with
no stories is not worth a crawler's visit, and this way a listed page never
shows a draft's traces.

Absolute URLs use the domain of the current ``Site`` (the sites framework),
as Django's sitemap and feed views do, so every crawler-facing file names the
same canonical host whatever ``Host`` header a request came in with.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import Paginator
from django.db.models import Case, Exists, Max, OuterRef, Subquery, When
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from articles.models import Article, Byline, SourceCredit, public_q
from articles.sanitiser import clean_text
from authors.models import Author
from pages.models import ABOUT_PREFIX, about_pages
from sections.models import Section
from sources.models import Source

# Google News reads stories from the last two days, at most 1,000 per sitemap.
NEWS_SITEMAP_WINDOW = timedelta(days=2)
NEWS_SITEMAP_LIMIT = 1000


# A page of the stories sitemap costs the same at 1,000 stories and at a
# million: the index lists more pages instead of each page growing towards the
# protocol's 50,000 addresses. Pages are ranges of id (``IdRangePaginator``),
# so changing this number moves every story to another page: crawlers follow
# the index, but there is no reason to change it lightly.
STORIES_PER_SITEMAP_PAGE = 1000


class IdRangePaginator(Paginator):
    """Pages that are ranges of primary key: page ``k`` holds ids ``(k-1)*n+1`` to ``k*n``.

    Django's ``Paginator`` needs an exact ``COUNT(*)`` for the number of pages
    (a read of every matching row, some 30 ms at 100,000 stories) and an
    ``OFFSET`` for a deep page (a walk past every row before it). Here the
    number of pages comes from the highest id on the list, a walk down the
    primary key index that stops at the first row on the list (for public
    stories it steps over only the newest drafts and scheduled stories), and a
    page is a range scan of that index: both cost the same at any size.

    An object keeps its page for good, which is what a crawler wants from a
    sitemap: a new story changes the last page only (a draft published later
    joins the page of its id). The price is that pages are not full: ids off
    the list (drafts, deleted stories) leave gaps, and a page whose ids are all
    off the list is empty, not missing. A page past the highest id does not
    exist (``EmptyPage``, a 404 in the sitemap view); that is checked before
    any range is read, so no ``?p=`` can send the database an id out of range.

    ``count`` is therefore the highest id, not the number of objects, and
    ``orphans`` does not apply.
    """

    @cached_property
    def count(self):
        """The highest id on the list (0 if none): the pages cover ids 1 to ``count``."""
        return self.object_list.aggregate(highest=Max("pk"))["highest"] or 0

    @cached_property
    def num_pages(self):
        if self.count == 0:
            return 1 if self.allow_empty_first_page else 0
        return math.ceil(self.count / self.per_page)

    def page(self, number):
        number = self.validate_number(number)
        top = number * self.per_page
        rows = self.object_list.filter(pk__gt=top - self.per_page, pk__lte=top).order_by("pk")
        return self._get_page(rows, number, self)


class StorySitemap(Sitemap):
    """Every public story, ``STORIES_PER_SITEMAP_PAGE`` ids to a page, oldest page first."""

    limit = STORIES_PER_SITEMAP_PAGE

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only(
                "slug",
                "published_at",
                "created_at",
                "updated_at",
                "substantive_update_at",
                "section__slug",
            )
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, item):
        return item.last_modified_at

    def get_latest_lastmod(self):
        """The latest change to a public story: the date the index gives this sitemap.

        So the index is never older than an entry of the sitemap it names (an
        old story corrected, or edited): crawlers trust a ``<lastmod>`` only
        while it is accurate. Django's default loads every story to take the
        max; ``latest_public_change`` asks the database for it.
        """
        return latest_public_change()


def latest_public_change():
    """The latest ``last_modified_at`` of a public story, or None: one query.

    Each of the three times is one step down an index of public stories.
    """
    latest = Article.objects.published().aggregate(
        published=Max("published_at"),
        saved=Max("updated_at"),
        updated=Max("substantive_update_at"),
    )
    return max((moment for moment in latest.values() if moment is not None), default=None)


class HomeSitemap(Sitemap):
    """The home page, dated by the latest change to a public story.

    The home page shows the newest stories and their headlines, standfirsts
    and pictures: a story published or edited changes it. A change to an old
    story dates it too, though the page may not show that story: a date later
    than the page's last change costs a crawler one visit to a page it visits
    often anyway, where an earlier one would tell it the page had not changed.
    One query, in the index and in this sitemap.
    """

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        return latest_public_change()


class _LatestStorySitemap(Sitemap):
    """Pages listed when they have public stories; lastmod is their latest story's date
    (for an author, or their profile's last change if later: ``AuthorSitemap``).

    ``story_path`` is the lookup from a story to the listed object. Each
    object's latest story is a correlated ``ORDER BY published_at DESC LIMIT
    1``: a short walk down an index per section, author or source, where a
    ``GROUP BY`` would read every public story. One query, made once per
    sitemap instance (the index view asks twice).

    For authors and sources the walk goes down the newest public stories until
    one carries the credit: short for anyone with a recent story, the whole
    archive for one with no public story at all, so it only runs for those who
    have one (``latest_story_at``; docs/decisions/0015-lists-at-scale.md).
    """

    model = None
    story_path = None

    # For authors and sources: the credit rows and their story, from the
    # object's side (the credit table's index on the object), for the guard below.
    credit_model = None
    credit_field = None

    def latest_story_at(self):
        """The publication time of the object's newest public story, as a subquery."""
        walk = Subquery(
            Article.objects.published()
            .filter(**{self.story_path: OuterRef("pk")})
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        if self.credit_model is None:
            return walk
        # Someone with no public story would make the walk read the whole
        # archive. Whether they have one is asked first from their own credits
        # (few, and the first is usually public); inside CASE, PostgreSQL keeps
        # it a per-row check rather than a join over every public story, and
        # walks only for those who have one.
        has_public_story = Exists(
            self.credit_model.objects.filter(
                public_q(prefix="article__"), **{self.credit_field: OuterRef("pk")}
            )
        )
        return Case(When(has_public_story, then=walk), default=None)

    def items(self):
        if not hasattr(self, "_listed"):
            # Filtered here: a filter on the annotation would run the subquery twice.
            # The model's order and then the id: two writers may share a name,
            # and a sitemap split into pages must not swap them between requests.
            annotated = self.model.objects.annotate(
                latest_story_at=self.latest_story_at()
            ).order_by(*self.model._meta.ordering, "pk")
            self._listed = [obj for obj in annotated if obj.latest_story_at is not None]
        return self._listed

    def lastmod(self, item):
        return item.latest_story_at

    def get_latest_lastmod(self):
        return max((self.lastmod(obj) for obj in self.items()), default=None)


class SectionSitemap(_LatestStorySitemap):
    model = Section
    story_path = "section"

    def items(self):
        # A section page that only gathers its subsections' stories is
        # still a page with stories: list the ancestors too.
        if not hasattr(self, "_listed"):
            sections = {
                section.pk: section
                for section in Section.objects.annotate(
                    latest_story_at=self.latest_story_at()
                ).order_by(*Section._meta.ordering, "pk")
            }
            latest = {pk: s.latest_story_at for pk, s in sections.items() if s.latest_story_at}
            for pk, when in list(latest.items()):
                parent_id = sections[pk].parent_id
                seen = {pk}
                while parent_id is not None and parent_id not in seen:
                    seen.add(parent_id)
                    latest[parent_id] = max(latest.get(parent_id, when), when)
                    parent_id = sections[parent_id].parent_id
            self._listed = [section for pk, section in sections.items() if pk in latest]
            for section in self._listed:
                section.latest_story_at = latest[section.pk]
        return self._listed


class AuthorSitemap(_LatestStorySitemap):
    """Writers with a public story, each dated by the later of that story and their profile.

    The page shows the profile (name, title, biography, photo, links) above
    the stories: a new biography changes it as a new story does.
    """

    model = Author
    story_path = "bylines__author"
    credit_model = Byline
    credit_field = "author"

    def lastmod(self, item):
        return max(item.latest_story_at, item.updated_at)


class SourceSitemap(_LatestStorySitemap):
    model = Source
    story_path = "source_credits__source"
    credit_model = SourceCredit
    credit_field = "source"


class ListsSitemap(Sitemap):
    """The site's standing lists: the journalists, the sources and the corrections log.

    Each always answers; readers and search engines judge a newsroom by who
    writes it, what its stories rest on and what it owns up to. Neither keeps a time of change that
    costs nothing to ask, so no ``<lastmod>`` (as for the About pages), and no
    query: a crawler visits them as often as it sees fit.
    """

    def items(self):
        return ["authors:index", "sources:index", "workflow:corrections"]

    def location(self, name):
        return reverse(name)


class PageSitemap(Sitemap):
    """The About pages: /about/, which always answers, and every page editors wrote under it.

    Flat pages keep no time of change, so no ``<lastmod>``.
    """

    def items(self):
        urls = list(about_pages().values_list("url", flat=True))
        return urls if ABOUT_PREFIX in urls else [ABOUT_PREFIX, *urls]

    def location(self, url):
        return url


SITEMAPS = {
    "home": HomeSitemap,
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "sources": SourceSitemap,
    "lists": ListsSitemap,
    "pages": PageSitemap,
}


# Chinese in traditional characters: the script says so, or where it is written.
_TRADITIONAL_CHINESE = {"hant", "tw", "hk", "mo"}


def news_language(code):
    """``code`` (a BCP 47 tag: ``pt-BR``, ``zh-Hant-TW``) as the news sitemap wants it.

    Google's ``news:language`` takes only an ISO 639 code of two or three
    letters, and ``zh-cn`` or ``zh-tw`` for Chinese in simplified or
    traditional characters: a file with ``pt-BR`` fails its schema.
    """
    primary, *rest = code.lower().split("-")
    if primary != "zh":
        return primary
    return "zh-tw" if _TRADITIONAL_CHINESE.intersection(rest) else "zh-cn"


def _site_root(request):
    return f"{request.scheme}://{get_current_site(request).domain}"


@require_safe
def news_sitemap(request):
    """The Google News sitemap: stories published in the last two days.

    Written by hand rather than with ``Sitemap``: it needs the ``news:``
    elements and a hard cap, not pages.
    """
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    articles = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .only("headline", "slug", "language", "published_at", "created_at", "section__slug")
        .order_by("-published_at", "-pk")[:NEWS_SITEMAP_LIMIT]
    )
    # Headlines are cleaned on save, but a row written around save() may still
    # hold a control character: escaping leaves it in, and no XML parser reads
    # a file with one (articles/feeds.py does the same for the feeds).
    for article in articles:
        article.headline = clean_text(article.headline)
        article.news_language = news_language(clean_text(article.language))
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


@require_safe
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
