"""schema.org JSON-LD for story pages: a ``NewsArticle`` and its ``BreadcrumbList``.

Search engines and news aggregators read these to show a story's headline,
date, authors and publisher, and our sourcing: ``isBasedOn`` names the origin
sources, ``citation`` the sources cited in the text, and ``correction`` each
published correction or clarification.

The builders read only what ``Article.objects.for_story()`` already loaded
(section and parent, bylines with authors, source credits with sources,
corrections), so they add no queries to the page. URLs are made absolute
with ``newsroom.addresses.absolute_url`` (on ``NEWSROOM_DOMAIN``).
"""

from django.conf import settings
from django.utils.text import Truncator

from articles import renditions
from articles.models import Correction, SourceCredit, cached_reverse
from newsroom.addresses import absolute_url, cached_static

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
            "url": absolute_url(request, cached_static(PUBLISHER_LOGO)),
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
            # The source's own site where we know it and readers can open it,
            # else our page about it.
            "url": source.openable_url or absolute_url(request, source.get_absolute_url()),
        },
    }


def _image_object(request, url, width, height):
    picture = {"@type": "ImageObject", "url": absolute_url(request, url)}
    if width and height:
        picture.update(width=width, height=height)
    return picture


def pictures(image, request):
    """The story's picture as search engines want it: ``ImageObject``s with their sizes.

    Google asks for several large copies (16:9, 4:3 and 1:1 at best; Discover
    wants them at least 1200 pixels wide) and picks the one that fits where it
    shows the story.
    We list the copies we make (``articles/renditions.py``): the whole picture
    at up to 1280 pixels wide, in its own proportions, then the 1200×630 crop
    the share cards use. Without copies (no stored size, a format we make none
    in), the original alone, at its stored size where known. Named from the
    file's name and the size stored on the row: no query, no storage call
    (docs/decisions/0031-structured-data-for-search-engines.md).
    """
    if not image:
        return []
    found = []
    widest = renditions.widest_rendition(image)
    if widest:
        name, width, height = widest
        found.append(_image_object(request, image.storage.url(name), width, height))
    found.append(
        _image_object(
            request, renditions.social_image_url(image), *renditions.social_image_size(image)
        )
    )
    return found


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
    images = pictures(article.featured_image, request)
    if images:
        # Search engines show a picture's credit beside it (Google Images'
        # "Credit: …"), and read its caption for what it shows.
        described = {
            name: text
            for name, text in (
                ("caption", article.featured_image_caption),
                ("creditText", article.featured_image_credit),
            )
            if text
        }
        data["image"] = [{**picture, **described} for picture in images]
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
    # Corrections and clarifications put right something the story got wrong
    # or left unclear; an update adds news, and schema.org's ``correction``
    # would call it an error (the page's "This story has been corrected"
    # leaves updates out too). An update moves ``dateModified`` instead.
    corrections = [
        {
            "@type": "CorrectionComment",
            "name": correction.get_kind_display(),
            "text": correction.note,
            "datePublished": _iso(correction.created_at),
        }
        for correction in article.corrections.all()
        if correction.kind != Correction.Kind.UPDATE
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
