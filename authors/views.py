"""Author pages: who writes for us, and what they wrote."""

from django.db.models import prefetch_related_objects
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article, public_authors
from articles.views import (
    canonical_url,
    list_stories,
    paginate,
    redirect_to_served,
    with_sections_and_bylines,
)
from newsroom.addresses import absolute_url

# A desk of a few dozen on one page; a large one (the importer adds writers from
# wire bios) in pages of this many, by name.
AUTHORS_PER_PAGE = 60


@require_safe
def author_index(request):
    """Our journalists: everyone with a public byline, by name, with their role and beat.

    The same rule as each profile (``public_authors``): a new hire appears
    with their first public story. Two queries, whatever the size of the desk:
    the count and the page.
    """
    authors = (
        public_authors()
        .select_related("beat")
        .only("name", "slug", "job_title", "photo", "photo_width", "photo_height", "beat__name")
        .order_by(Lower("name"), "pk")
    )
    page = paginate(request, authors, per_page=AUTHORS_PER_PAGE)
    if moved := redirect_to_served(request, page):
        return moved
    return render(
        request,
        "authors/author_index.html",
        {"authors": page.object_list, "page": page, "canonical_url": canonical_url(request, page)},
    )


@require_safe
def author_detail(request, slug):
    """An author's profile and their published stories, newest first.

    A profile goes public with its first public story (``public_authors``), as
    in the feeds, sitemap and search: before that, a new hire's bio may not be
    announced yet.
    """
    author = get_object_or_404(public_authors().select_related("beat"), slug=slug)
    page = paginate(
        request, list_stories(Article.objects.published().filter(bylines__author=author))
    )
    if moved := redirect_to_served(request, page):
        return moved
    # Only for the page itself: a redirect shows no links.
    prefetch_related_objects([author], "links")
    with_sections_and_bylines(request, page.object_list)
    photo_url = absolute_url(request, author.photo.url) if author.photo else ""
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
