"""Source pages: an agency or outlet, and the stories that rest on it."""

from itertools import groupby
from operator import attrgetter

from django.db.models import Case, Value, When, prefetch_related_objects
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article, SourceCredit, public_sources
from articles.views import (
    canonical_url,
    list_stories,
    paginate,
    paginate_lists,
    redirect_to_served,
    with_sections_and_bylines,
)
from sources.models import KIND_HEADINGS, Source

# The importer adds a source for every new name on a "Source:" line, so the
# list grows as the journalists' does; a source is one line, not a portrait,
# so more of them to a page.
SOURCES_PER_PAGE = 100

_KINDS = list(KIND_HEADINGS)


@require_safe
def source_index(request):
    """Our sources: every source a public story credits, grouped by kind, by name in each.

    The same rule as each source page (``public_sources``): a source appears
    with the first public story based on it or citing it. The kind's place in
    ``KIND_HEADINGS`` is worked out in the query, so a page is one run of
    kinds in order and the groups are cut from it without another query. Two
    queries, whatever the number of sources: the count and the page.
    """
    place = Case(
        *(When(kind=kind, then=Value(n)) for n, kind in enumerate(_KINDS)),
        default=Value(_KINDS.index(Source.Kind.OTHER)),
    )
    sources = (
        public_sources()
        .annotate(kind_place=place)
        .only("name", "slug", "country")
        .order_by("kind_place", Lower("name"), "pk")
    )
    page = paginate(request, sources, per_page=SOURCES_PER_PAGE)
    if moved := redirect_to_served(request, page):
        return moved
    groups = [
        {"kind": _KINDS[n], "heading": KIND_HEADINGS[_KINDS[n]], "sources": list(rows)}
        for n, rows in groupby(page.object_list, key=attrgetter("kind_place"))
    ]
    return render(
        request,
        "sources/source_index.html",
        {"groups": groups, "page": page, "canonical_url": canonical_url(request, page)},
    )


@require_safe
def source_detail(request, slug):
    """A source, the stories based on it and, apart, the stories that cite it.

    The two lists page independently (``?page=`` and ``?cited_page=``) and
    share one bylines query. The source's other names are shown ("Also known
    as BBC"); editors' notes on the source never are. A
    source goes public with the first public story that credits it
    (``public_sources``): one known only from drafts (an embargoed report, a
    leaked memo) is not announced by a page of its own.
    """
    source = get_object_or_404(public_sources(), slug=slug)
    public = Article.objects.published()
    based_on, citing = paginate_lists(
        request,
        {
            param: list_stories(
                public.filter(source_credits__source=source, source_credits__role=role)
            )
            for param, role in (
                ("page", SourceCredit.Role.ORIGIN),
                ("cited_page", SourceCredit.Role.CITED),
            )
        },
    )
    # A stale number in either list: one redirect puts both at their own address.
    if moved := redirect_to_served(request, based_on, citing):
        return moved
    # Only for the page itself: a redirect shows no names.
    prefetch_related_objects([source], "other_names")
    with_sections_and_bylines(request, based_on.object_list, citing.object_list)
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "based_on": based_on,
            "citing": citing,
            "canonical_url": canonical_url(request, based_on, citing),
            # Each page of either list has its own title, as it has its own address.
            "page_label": ", ".join(
                f"{name} {page.number}"
                for name, page in (("page", based_on), ("citing page", citing))
                if page.number > 1
            ),
        },
    )
