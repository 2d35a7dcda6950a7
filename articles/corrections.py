"""The public corrections log: every correction, clarification and update to a
published story, as a page at /corrections/ and as RSS and Atom feeds.

It is the record of what the desk got wrong, so the page keeps all of it, in
pages; the feeds carry the newest only.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.html import escape
from django.views.decorators.http import require_safe

from articles.feeds import CleanTextAtomFeed, CleanTextRssFeed, tag_uri
from articles.models import Article, Correction
from articles.templatetags.newsroom_feeds import corrections_feeds
from articles.views import canonical_url, paginate, redirect_to_served

RECENT_CORRECTIONS = 50

# What a line of the log (page and feed) shows of its story: the headline, its
# language, and what the story's address is made of. Not the body or the search
# vector, several kilobytes a story, which a long log would read for nothing.
CORRECTED_STORY_FIELDS = (
    "article__headline",
    "article__language",
    "article__slug",
    "article__published_at",
    "article__created_at",
    "article__section__slug",
)


def _public_corrections():
    return (
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article", "article__section")
        .only("kind", "note", "created_at", *CORRECTED_STORY_FIELDS)
        .order_by("-created_at", "-pk")
    )


def _recent_corrections():
    return _public_corrections()[:RECENT_CORRECTIONS]


@require_safe
def corrections(request):
    """Every correction, clarification and update to published stories, newest first.

    In pages of ``RECENT_CORRECTIONS``: the log is the record of what we got
    wrong, so none of it may fall off the end. The feed has the newest only.
    """
    page = paginate(request, _public_corrections(), per_page=RECENT_CORRECTIONS)
    if moved := redirect_to_served(request, page):
        return moved
    return render(
        request,
        "articles/corrections.html",
        {
            "corrections": page.object_list,
            "page": page,
            "feed": corrections_feeds(request),
            # One address per page for search engines, whatever else a link added.
            "canonical_url": canonical_url(request, page),
        },
    )


class CorrectionsFeed(Feed):
    """The corrections log as RSS, for readers and media monitors who track changes.

    Each item's ``<guid>`` is a ``tag:`` URI named after the correction
    (``articles.feeds.tag_uri``), not its address, which moves with the story.
    The feed gave the address as the id before: the switch to tags shows
    readers the corrections then in the feed as new once.
    """

    feed_type = CleanTextRssFeed
    link = reverse_lazy("workflow:corrections")
    description = "Corrections, clarifications and updates to our published stories."

    def title(self):
        # Named as every other feed is: in a reader's list, a bare "Corrections
        # and updates" says not whose.
        return f"{settings.NEWSROOM_NAME}: corrections and updates"

    def items(self):
        return _recent_corrections()

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        # Readers treat the description as HTML; the note is plain text.
        return escape(item.note)

    def item_link(self, item):
        return f"{item.article.get_absolute_url()}#correction-{item.pk}"

    def item_guid(self, item):
        return tag_uri(item.created_at, f"correction/{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        # Atom's <updated>, which every entry must have; a note is not edited once made.
        return item.created_at


class CorrectionsAtomFeed(CorrectionsFeed):
    """The corrections log as Atom: every feed of the site comes in both."""

    feed_type = CleanTextAtomFeed

    def subtitle(self):
        return self.description

    def author_name(self):
        # Atom asks for an author of the feed when its entries name none.
        return settings.NEWSROOM_NAME
