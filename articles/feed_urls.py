"""Feed routes, mounted at /feeds/."""

from django.urls import path

from articles import feeds

app_name = "feeds"

urlpatterns = [
    path("rss/", feeds.LatestStoriesFeed(), name="rss"),
    path("atom/", feeds.LatestStoriesAtomFeed(), name="atom"),
    path("sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section_rss"),
    path("sections/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_atom"),
    path("authors/<slug:slug>/rss/", feeds.AuthorFeed(), name="author_rss"),
    path("authors/<slug:slug>/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
]
