"""``{% address %}`` and ``{% static_address %}``: ``{% url %}`` and ``{% static %}``
for the site's fixed pages and files, worked out once per process.

The frame of every page (base.html) links the same fixed pages (the feeds,
the home page, search, the footer's five) and the same five static files.
``{% url %}`` reversed each page again on every request, 3% of the uncached
story page's instructions, which the memo of ``articles.models.cached_reverse``
spares; ``{% static %}`` asked the storage again for each file
(``newsroom.addresses.cached_static``).
"""

from django import template
from django.template.defaulttags import URLNode, url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from articles.models import cached_reverse
from newsroom.addresses import cached_static

register = template.Library()


class AddressNode(URLNode):
    """A ``URLNode`` for a route without arguments, reversed through ``cached_reverse``.

    The rest is ``{% url %}``'s: with ``as``, a route the URLconf lacks gives
    "" (a test's URLconf, an error page's); without, it raises. The route's
    application namespace is reversed as written: each of the site's apps is
    mounted once, so the current application changes nothing.
    """

    def render(self, context):
        address = ""
        try:
            address = cached_reverse(self.view_name.resolve(context))
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


@register.tag
def address(parser, token):
    """``{% address "app:route" [as name] %}``: ``{% url %}`` for a route without arguments."""
    node = url(parser, token)
    if node.args or node.kwargs:
        raise template.TemplateSyntaxError(
            f"'{token.split_contents()[0]}' takes a route without arguments; use {{% url %}}."
        )
    return AddressNode(node.view_name, node.args, node.kwargs, node.asvar)


@register.simple_tag
def static_address(path):
    """``{% static_address "css/site.css" %}``: ``{% static %}``, remembered per process."""
    return cached_static(path)
