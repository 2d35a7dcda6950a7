"""Author pages: who writes for us, and what they wrote."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.models import Article
from articles.views import canonical_url, list_stories, paginate, with_sections_and_bylines
from authors.models import Author


def author_detail(request, slug):
    """An author's profile and their published stories, newest first.

    Only an author with a public story has a page (a page past the last shows
    the last, so an empty page means no story at all).
    """
    author = get_object_or_404(
        Author.objects.select_related("beat").prefetch_related("links"), slug=slug
    )
    page = paginate(
        request, list_stories(Article.objects.published().filter(bylines__author=author))
    )
    if not page.object_list:
        # A profile goes public with its first public story, as in the sitemap
        # and search: before that, a new hire's bio may not be announced yet.
        raise Http404("No public story by this author.")
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
