"""The one HTML sanitiser for story bodies.

Every body goes through :func:`clean_body` whenever an article is saved, from the
admin, a management command, an import or the shell. The allowlist is made for
news copy: paragraphs, subheadings, emphasis, links, quotes, lists, figures with
images, simple tables. Everything else is removed, including the content of
``script`` and ``style`` elements.

Every link gets ``rel="noopener noreferrer"``, internal links included: nh3 sets
it on all links, ``noopener`` is harmless on our own pages, and the only cost of
``noreferrer`` there is a missing Referer in our own analytics. One rule is
simpler to trust than a rewrite that must decide which hosts are "ours".
"""

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "blockquote",
        "ul", "ol", "li", "figure", "figcaption", "img", "table", "thead", "tbody",
        "tr", "th", "td", "caption", "hr",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# Removed together with everything inside them, not just unwrapped.
CLEAN_CONTENT_TAGS = frozenset(
    {"script", "style", "iframe", "object", "embed", "form", "textarea", "select",
     "noscript", "template", "svg", "math", "title", "frameset", "frame", "applet"}
)
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_body(html):
    """Return ``html`` reduced to the allowlist; ``clean_body(clean_body(x)) == clean_body(x)``."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
    ).strip()
