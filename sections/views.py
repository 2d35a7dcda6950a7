"""Section pages: a desk's stories, its own and those of its subsections."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.views import (
    canonical_url,
    list_stories,
    paginate,
    redirect_to_served,
    with_sections_and_bylines,
)
from sections.context_processors import section_tree


@require_safe
def section_detail(request, slug):
    """A section and the stories filed under it or any of its subsections, newest first.

    The section comes from the request's section tree, which the navigation
    loads anyway, so finding it and its subsections costs no query of its own.
    """
    tree = section_tree(request)
    section = tree.by_slug.get(slug)
    if section is None:
        raise Http404("No such section.")
    ancestors = tree.ancestors(section)
    stories = Article.objects.published().filter(section_id__in=tree.descendant_ids(section))
    page = paginate(request, list_stories(stories))
    if moved := redirect_to_served(request, page):
        return moved
    with_sections_and_bylines(request, page.object_list)
    return render(
        request,
        "sections/section_detail.html",
        {
            "section": section,
            "ancestors": ancestors,
            "current_section": ancestors[0] if ancestors else section,
            "subsections": tree.children(section),
            "page": page,
            "canonical_url": canonical_url(request, page),
        },
    )
