"""Search-engine markup for templates: JSON-LD structured data."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.structured_data import breadcrumbs, news_article

register = template.Library()

# What django.utils.html.json_script escapes: with these, no string in the
# data (a headline reading "</script><script>…") can close the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """``data`` as a ``<script type="application/ld+json">`` element, safe in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    # Escaped above: the JSON holds no <, > or & a browser could act on.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),
    )


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    """The story's ``NewsArticle`` and ``BreadcrumbList``, as two JSON-LD scripts."""
    request = context["request"]
    return format_html(
        "{}\n{}", json_ld(news_article(article, request)), json_ld(breadcrumbs(article, request))
    )
