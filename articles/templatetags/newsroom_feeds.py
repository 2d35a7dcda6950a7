"""A feed's two addresses as a reader sees them: text to copy, and links.

Tapped on a phone, a feed's address shows its XML as code, so the readers'
pages never link a feed without saying what it is and what to do with it.
``feed_addresses`` builds what ``includes/feed_addresses.html`` shows, for the
page of feeds (``articles.views.feed_index``); ``follow_feeds`` puts the same
block, with a heading and a word on what a feed is, under the stories of a
section's, a writer's or a source's page.
"""

from django import template
from django.urls import reverse

from newsroom.addresses import absolute_url

register = template.Library()


def feed_addresses(request, name, route, **kwargs):
    """The feed called ``name`` at ``feeds:<route>_rss`` and ``feeds:<route>_atom``
    (``feeds:rss`` and ``feeds:atom``, the site's own, for ``route`` None).

    Addresses are absolute, on the site's own host name (``absolute_url``):
    they are what a reader pastes into a feed reader.
    """
    prefix = f"feeds:{route}_" if route else "feeds:"
    return {
        "name": name,
        "rss": absolute_url(request, reverse(prefix + "rss", kwargs=kwargs)),
        "atom": absolute_url(request, reverse(prefix + "atom", kwargs=kwargs)),
    }


def corrections_feeds(request):
    """The corrections log's two feeds (``workflow:corrections_feed`` and ``_atom``), as
    :func:`feed_addresses` gives a story feed's."""
    return {
        "name": "corrections and updates",
        "rss": absolute_url(request, reverse("workflow:corrections_feed")),
        "atom": absolute_url(request, reverse("workflow:corrections_atom")),
    }


@register.inclusion_tag("includes/follow_feeds.html", takes_context=True)
def follow_feeds(context, name, route, slug, stories):
    """The "Follow in a feed reader" block of the feed ``route`` (section, author or source).

    ``name`` names the feed in the links' hidden text; ``stories`` says what
    it brings ("new stories by Mara Lindqvist").
    """
    return {
        "feed": feed_addresses(context["request"], name, route, slug=slug),
        "stories": stories,
        "feeds_url": reverse("feeds:index"),
    }
