"""Source pages: an agency or outlet, and the stories that rest on it."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article, SourceCredit, public_sources
from articles.views import (
    canonical_url,
    list_stories,
    paginate_lists,
    redirect_to_served,
    with_sections_and_bylines,
)


@require_safe
def source_detail(request, slug):
    """A source, the stories based on it and, apart, the stories that cite it.

    The two lists page independently (``?page=`` and ``?cited_page=``) and
    share one bylines query. Editors' notes on the source are never shown. A
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
