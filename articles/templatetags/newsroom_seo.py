"""Search-engine and share markup for templates: JSON-LD structured data, the site's logo."""

import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.structured_data import PUBLISHER_LOGO, breadcrumbs, news_article, website
from newsroom.addresses import absolute_url, cached_static

register = template.Library()


def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    # What django.utils.html.json_script escapes: with these, no string in the
    # data (a headline reading "</script><script>…") can close the element.
    # Three replaces rather than str.translate, which consults its mapping
    # for every character and cost more than building the element.
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


# A region subtag in a BCP 47 tag: two letters (GB) or three digits (419).
_REGION = re.compile(r"[A-Za-z]{2}|[0-9]{3}")


# The territory a language without one is shared in, as Facebook's locales
# name them (Open Graph's default is en_US; Arabic is ar_AR there).
OG_TERRITORIES = {
    "af": "ZA", "am": "ET", "ar": "AR", "az": "AZ", "be": "BY", "bg": "BG", "bn": "IN",
    "bs": "BA", "ca": "ES", "cs": "CZ", "cy": "GB", "da": "DK", "de": "DE", "el": "GR",
    "en": "US", "es": "ES", "et": "EE", "eu": "ES", "fa": "IR", "fi": "FI", "fr": "FR",
    "ga": "IE", "gl": "ES", "gu": "IN", "ha": "NG", "he": "IL", "hi": "IN", "hr": "HR",
    "hu": "HU", "hy": "AM", "id": "ID", "is": "IS", "it": "IT", "ja": "JP", "ka": "GE",
    "kk": "KZ", "km": "KH", "kn": "IN", "ko": "KR", "ku": "TR", "ky": "KG", "lo": "LA",
    "lt": "LT", "lv": "LV", "mk": "MK", "ml": "IN", "mn": "MN", "mr": "IN", "ms": "MY",
    "mt": "MT", "my": "MM", "nb": "NO", "ne": "NP", "nl": "NL", "nn": "NO", "pa": "IN",
    "pl": "PL", "ps": "AF", "pt": "PT", "ro": "RO", "ru": "RU", "si": "LK", "sk": "SK",
    "sl": "SI", "so": "SO", "sq": "AL", "sr": "RS", "sv": "SE", "sw": "KE", "ta": "IN",
    "te": "IN", "tg": "TJ", "th": "TH", "tl": "PH", "tr": "TR", "uk": "UA", "ur": "PK",
    "uz": "UZ", "vi": "VN", "yo": "NG", "zh": "CN", "zu": "ZA",
}


@register.filter
def og_locale(language):
    """``language`` (a BCP 47 tag: ``en-gb``, ``zh-Hant-TW``) as Open Graph's ``og:locale``.

    Open Graph writes a locale as language_TERRITORY (``en_GB``), the
    language in lower case and the territory in capitals. A script or variant
    subtag has no place there and is left out: ``zh-Hant-TW`` is ``zh_TW``
    (Django's ``to_locale`` would write ``zh_Hant-tw``). A tag without a
    territory takes the desk's (``NEWSROOM_LOCALE``) if it is the desk's
    language (``en`` is ``en_GB``), else its language's usual one (``ar`` is
    ``ar_AR``): a bare ``ar`` is not a locale, and share previews read the
    page as Open Graph's default, American English. A language with no
    usual territory gives "", and the page names none.
    """
    primary, *rest = re.split(r"[-_]", language or settings.LANGUAGE_CODE)
    primary = primary.lower()
    region = next((subtag.upper() for subtag in rest if _REGION.fullmatch(subtag)), None)
    # Latin America (UN M.49's 419) is Facebook's "LA": es_LA.
    region = "LA" if region == "419" else region
    # Traditional Chinese is written in Taiwan, Hong Kong and Macau, not the mainland.
    scripts = {subtag.lower() for subtag in rest}
    if region is None and primary == "zh" and "hant" in scripts:
        region = "TW"
    if region is None:
        # The desk's own language without a territory ("en", as the site and
        # its stories are marked) is in the desk's English: en_GB, not en_US.
        desk_language, desk_territory = settings.NEWSROOM_LOCALE.split("_")
        region = desk_territory if primary == desk_language else OG_TERRITORIES.get(primary)
    return f"{primary}_{region}" if region else ""


@register.simple_tag
def page_note(page=None, label="", *, counted=False):
    """Which page of a list this is, for its titles and description; '' for the first.

    "page 3"; with ``counted``, "page 3 of 12" (for the description), or still
    "page 3" where the list was not counted to its end ("Page 3 of many" under
    it, ``StoryPaginator``). The titles leave the total out, so a page's title
    stays as it was while the list grows. ``label`` names the pages of a page
    with two lists ("page 2, citing page 3") and wins. Every page of a list has
    its own address, and needs a title and description of its own, or search
    engines take pages 2 to N for copies of the first.
    """
    if label:
        return label
    number = getattr(page, "number", 1)
    if not isinstance(number, int) or number < 2:
        return ""
    if counted and getattr(page.paginator, "total_known", True):
        return f"page {number} of {page.paginator.num_pages}"
    return f"page {number}"


@register.simple_tag
def site_name():
    """The site's name from settings: for pages rendered without a request or context."""
    return settings.NEWSROOM_NAME


@register.simple_tag(takes_context=True)
def site_logo_url(context):
    """The absolute address of the site's square logo: the share picture of pages without one."""
    return absolute_url(context["request"], cached_static(PUBLISHER_LOGO))


@register.simple_tag(takes_context=True)
def absolute_address(context, location):
    """``location`` (a path) as an absolute address on the site's domain, for machines."""
    return absolute_url(context["request"], location)


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    """The story's ``NewsArticle`` and ``BreadcrumbList``, as two JSON-LD scripts."""
    request = context["request"]
    return format_html(
        "{}\n{}", json_ld(news_article(article, request)), json_ld(breadcrumbs(article, request))
    )


@register.simple_tag(takes_context=True)
def website_jsonld(context):
    """The site's ``WebSite`` (with its publisher), as a JSON-LD script."""
    return json_ld(website(context["request"]))
