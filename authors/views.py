"""Author pages: who writes for us, and what they wrote."""

from django.shortcuts import get_object_or_404, render

from articles.models import Article, public_authors
from articles.views import canonical_url, list_stories, paginate, with_sections_and_bylines


def author_detail(request, slug):
    """An author's profile and their published stories, newest first.

    A profile goes public with its first public story (``public_authors``), as
    in the feeds, sitemap and search: before that, a new hire's bio may not be
    announced yet.
    """
    author = get_object_or_404(
        public_authors().select_related("beat").prefetch_related("links"), slug=slug
    )
    page = paginate(
        request, list_stories(Article.objects.published().filter(bylines__author=author))
    )
    with_sections_and_bylines(request, page.object_list)
    photo_url = request.build_absolute_uri(author.photo.url) if author.photo else ""
    return render(
        request,
        "authors/author_detail.html",
        {
            "author": author,
            "page": page,
            "canonical_url": canonical_url(request, page),
            "share_image_url": photo_url,
        },
    )
