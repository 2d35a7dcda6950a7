"""Feed routes, mounted at /feeds/, and the page that lists the feeds."""

from django.urls import path
from django.views.decorators.http import require_safe

from articles import feeds, views

app_name = "feeds"

# Feeds are read, never sent to: anything but GET and HEAD is refused (405; a
# POST without a CSRF token meets the CSRF check's 403 first).
urlpatterns = [
    # The readers' page: what a feed is, and which there are.
    path("", views.feed_index, name="index"),
    path("rss/", require_safe(feeds.LatestStoriesFeed()), name="rss"),
    path("atom/", require_safe(feeds.LatestStoriesAtomFeed()), name="atom"),
    path("sections/<slug:slug>/rss/", require_safe(feeds.SectionFeed()), name="section_rss"),
    path("sections/<slug:slug>/atom/", require_safe(feeds.SectionAtomFeed()), name="section_atom"),
    path("authors/<slug:slug>/rss/", require_safe(feeds.AuthorFeed()), name="author_rss"),
    path("authors/<slug:slug>/atom/", require_safe(feeds.AuthorAtomFeed()), name="author_atom"),
    path("sources/<slug:slug>/rss/", require_safe(feeds.SourceFeed()), name="source_rss"),
    path("sources/<slug:slug>/atom/", require_safe(feeds.SourceAtomFeed()), name="source_atom"),
]
