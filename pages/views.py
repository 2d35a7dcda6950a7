"""The About pages: the publication's own pages, written by editors as flat pages."""

import re

from django.http import Http404
from django.shortcuts import render
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from newsroom.addresses import absolute_url
from pages.models import ABOUT_PREFIX, about_pages

# The end of a block: its text and the next block's are separate words.
_BLOCK_END = re.compile(r"</(?:p|li|blockquote|td|th|caption|figcaption)>", re.IGNORECASE)
# The end of a heading, marked until the tags are gone (a character no cleaned
# text holds: the page's text is cleaned of control characters on save).
_HEADING_END = re.compile(r"</h[1-6]>", re.IGNORECASE)
_HEADING_MARK = "\x00"
_MARKED_HEADING_END = re.compile(r"([.!?:;…])?\s*\x00")


def summary(html):
    """A page's text as one line, for its description in search results and share cards.

    A heading is a sentence of its own: "The news desk. Tips, documents…", not
    "The news desk Tips, documents…" run into the paragraph under it.
    """
    text = strip_tags(_BLOCK_END.sub(" ", _HEADING_END.sub(_HEADING_MARK, html or "")))
    text = _MARKED_HEADING_END.sub(lambda end: (end.group(1) or ".") + " ", text)
    return " ".join(text.split())


@require_safe
def about(request):
    """/about/: the page editors wrote for that address (if any), and a list of the others.

    The address always answers, so the footer can link to it without asking the
    database whether the page exists: without a page of its own it introduces
    the publication from its name and tagline. One query for every page listed.
    """
    pages = list(about_pages().only("url", "title", "content"))
    intro = next((entry for entry in pages if entry.url == ABOUT_PREFIX), None)
    return render(
        request,
        "pages/about.html",
        {
            "intro": intro,
            "description": summary(intro.content) if intro else "",
            "pages": [entry for entry in pages if entry.url != ABOUT_PREFIX],
            "canonical_url": absolute_url(request, request.path),
        },
    )


@require_safe
def page(request, page):
    """/about/<page>/: one page, with the others beside it (one query for all of them).

    Pages are fetched together because there are a handful and the list is
    shown anyway; a page asking for a sign-in is not served here at all.
    """
    url = f"{ABOUT_PREFIX}{page}/"
    pages = list(about_pages().only("url", "title", "content"))
    current = next((entry for entry in pages if entry.url == url), None)
    if current is None:
        raise Http404("No such page.")
    return render(
        request,
        "pages/page.html",
        {
            "flatpage": current,
            "description": summary(current.content),
            "pages": [entry for entry in pages if entry.url != ABOUT_PREFIX],
            "canonical_url": absolute_url(request, request.path),
        },
    )
