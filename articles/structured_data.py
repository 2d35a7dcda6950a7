"""schema.org JSON-LD for story pages: a ``NewsArticle`` and its ``BreadcrumbList``.

Search engines and news aggregators read these to show a story's headline,
date, authors and publisher, and our sourcing: ``isBasedOn`` names the origin
sources, ``citation`` the sources cited in the text, and ``correction`` each
published correction.

The builders read only what ``Article.objects.for_story()`` already loaded
(section and parent, bylines with authors, source credits with sources,
corrections), so they add no queries to the page. URLs are made absolute
with ``newsroom.addresses.absolute_url`` (on ``NEWSROOM_DOMAIN``).
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.text import Truncator

from articles.models import SourceCredit, cached_reverse
from newsroom.addresses import absolute_url

SCHEMA_CONTEXT = "https://schema.org"
# A raster logo: news publishers' logos must be images crawlers can fetch and size.
PUBLISHER_LOGO = "img/logo-512.png"
PUBLISHER_LOGO_SIZE = 512
# A description long enough for a result's snippet; a first paragraph can run on.
SUMMARY_CHARS = 300


def _iso(moment):
    return moment.isoformat() if moment else None


def publisher(request):
    """The publication itself, as a schema.org ``NewsMediaOrganization``."""
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_NAME,
        "url": absolute_url(request, cached_reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(request, static(PUBLISHER_LOGO)),
            "width": PUBLISHER_LOGO_SIZE,
            "height": PUBLISHER_LOGO_SIZE,
        },
    }


def website(request):
    """The site as a schema.org ``WebSite``, published by ``publisher()``.

    On the front page, where search engines read the publication's name from
    it (Google's "site names"). It offers no ``SearchAction``: Google retired
    the sitelinks search box it fed in November 2024, and the search page it
    named is one robots.txt keeps crawlers out of
    (docs/decisions/0031-structured-data-for-search-engines.md).
    """
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebSite",
        "name": settings.NEWSROOM_NAME,
        "url": absolute_url(request, cached_reverse("articles:home")),
        "publisher": publisher(request),
    }


def _source(credit, request):
    """A credited source as schema.org wants it there: its work (``isBasedOn`` and
    ``citation`` take a CreativeWork), published by the organisation."""
    source = credit.source
    return {
        "@type": "CreativeWork",
        "publisher": {
            "@type": "Organization",
            "name": source.name,
            # The source's own site where we know it, else our page about it.
            "url": source.url or absolute_url(request, source.get_absolute_url()),
        },
    }


def news_article(article, request):
    """The ``NewsArticle`` description of ``article``."""
    url = absolute_url(request, article.get_absolute_url())
    credits = list(article.source_credits.all())
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.last_modified_at),
        "inLanguage": article.language,
        "wordCount": article.word_count,
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": absolute_url(request, byline.author.get_absolute_url()),
                **({"jobTitle": byline.author.job_title} if byline.author.job_title else {}),
            }
            for byline in article.bylines.all()
        ],
        "publisher": publisher(request),
    }
    if not data["author"]:
        # No byline (a story saved around the checklist): the publication wrote
        # it, as search engines read an unsigned story; "author": [] names no one.
        data["author"] = [data["publisher"]]
    summary = article.summary
    if summary:
        data["description"] = Truncator(summary).chars(SUMMARY_CHARS)
    if article.featured_image:
        data["image"] = [absolute_url(request, article.featured_image.url)]
    if article.section_id:
        data["articleSection"] = article.section.name
    if article.dateline:
        data["dateline"] = article.dateline
    origins = [_source(c, request) for c in credits if c.role == SourceCredit.Role.ORIGIN]
    cited = [_source(c, request) for c in credits if c.role == SourceCredit.Role.CITED]
    if origins:
        data["isBasedOn"] = origins
    if cited:
        data["citation"] = cited
    corrections = [
        {
            "@type": "CorrectionComment",
            "name": correction.get_kind_display(),
            "text": correction.note,
            "datePublished": _iso(correction.created_at),
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return data


def breadcrumbs(article, request):
    """Home › Section (outermost first) › Story, as a ``BreadcrumbList``."""
    trail = [(settings.NEWSROOM_NAME, cached_reverse("articles:home"))]
    sections = []
    section, seen = article.section, set()
    while section is not None and section.pk not in seen:
        seen.add(section.pk)
        sections.append(section)
        section = section.parent
    trail += [(section.name, section.get_absolute_url()) for section in reversed(sections)]
    trail.append((article.headline, article.get_absolute_url()))
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
