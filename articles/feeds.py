"""RSS 2.0 and Atom feeds: the whole site, each section, each author, each source.

Every feed lists the latest public stories (``Article.objects.published()``)
with every name on the byline. Django's generators carry one author per item,
so the two generators below add the rest: one ``<dc:creator>`` per author in
RSS (whose own ``<author>`` element must be an e-mail address), one
``<author>`` per author in Atom. A story with a featured image carries it as
Media RSS (``<media:content>``, with its alt text and credit), which feed
readers show beside the item. It
is not an RSS ``<enclosure>`` as well: RSS 2.0 requires an enclosure's length
in bytes, which no row keeps (asking storage would cost a request per item on
every render of a feed), and Django writes whatever length it is given; a
made-up one would mislead the clients that download enclosures.

An item's id (RSS ``<guid>``, Atom ``<id>``) is a ``tag:`` URI (RFC 4151),
``tag:<site host>,<day it was created>:story/<id>``, not the story's address.
The address holds the section, the date in the site's time zone and the slug,
any of which can change, and a reader shows an item whose id changed as a new
story; RFC 4287 (4.2.6) says an entry's id never changes. The day is the
story's creation in UTC, which nothing edits. The feeds gave the address as
the id before: the switch to tags shows readers the items then in each feed
as new once, and moving the site to another domain (the current ``Site``)
would do the same.

Text fields are cleaned of control characters on save (articles/fields.py),
but a row written around ``save()`` may still hold one, and Django's generator
refuses to write it (XML 1.0 cannot carry it): the feed would answer 500 for as
long as the story is among the latest. The generators below clean what they
write, so one such row cannot take a feed down.
"""

from datetime import UTC
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.sites.models import Site
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from articles import renditions
from articles.models import Article, SourceCredit, public_authors, public_sources
from articles.sanitiser import clean_text
from sections.context_processors import section_tree

FEED_LENGTH = 30
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"


def tag_uri(created_at, specific):
    """A feed item's permanent id: ``tag:<site host>,<UTC day of created_at>:<specific>``.

    ``created_at`` is when the item's object was made, a moment nothing edits;
    RFC 4151 asks for a day on which the host was ours, which it was then.
    The current ``Site`` is cached per process, and the feed view has already
    read it for its links: no query.
    """
    host = urlsplit(f"//{Site.objects.get_current().domain}").hostname
    return f"tag:{host},{created_at.astimezone(UTC):%Y-%m-%d}:{specific}"


def feed_image(story):
    """The featured image as feeds give it (``url``, ``width``, ``height``, ``alt``,
    ``credit``), or None.

    The widest rendition in the original format (at most 1280 pixels wide, the
    whole picture where the share card is a crop), named from the row as the
    ``{% picture %}`` tag names it: no query, no storage access. A row without
    a stored size or with a name in no format we render has no renditions, so
    the original, with whatever size the row knows. ``url`` may be relative to
    the site.
    """
    image = story.featured_image
    if not image:
        return None
    width, height = renditions.stored_size(image)
    image_format = renditions.original_format(image.name)
    described = {"alt": story.featured_image_alt, "credit": story.featured_image_credit}
    if not (width and height and image_format):
        return {"url": image.url, "width": width, "height": height, **described}
    widest = renditions.rendition_widths(width)[-1]
    return {
        "url": image.storage.url(renditions.rendition_name(image.name, widest, image_format)),
        "width": widest,
        # As make_renditions scales it.
        "height": max(1, round(height * widest / width)),
        **described,
    }


def _add_media_content(handler, image, base_url):
    """Write ``image`` (from ``feed_image``) as ``<media:content>``, its URL made absolute."""
    if not image:
        return
    attributes = {"url": urljoin(base_url, image["url"]), "medium": "image"}
    if image["width"] and image["height"]:
        attributes.update(width=str(image["width"]), height=str(image["height"]))
    handler.startElement("media:content", attributes)
    if image["alt"]:
        handler.addQuickElement("media:description", image["alt"], {"type": "plain"})
    # Feed readers that show the picture can credit it, as the story page does.
    if image["credit"]:
        handler.addQuickElement("media:credit", image["credit"])
    handler.endElement("media:content")


def _writable(value):
    """``value`` (a string, or dicts, lists and tuples of them) without control characters."""
    if isinstance(value, dict):
        return {key: _writable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_writable(item) for item in value)
    return clean_text(value)


class CleanTextFeedMixin:
    """A feed generator that writes its channel and items without control characters."""

    def write(self, outfile, encoding):
        self.feed = _writable(self.feed)
        self.items = [_writable(item) for item in self.items]
        super().write(outfile, encoding)


class CleanTextRssFeed(CleanTextFeedMixin, Rss201rev2Feed):
    """Plain RSS 2.0, cleaned as above: for feeds without bylines (the corrections log)."""


class CleanTextAtomFeed(CleanTextFeedMixin, Atom1Feed):
    """Plain Atom, cleaned as above: for feeds without bylines (the corrections log)."""


def _language_of_its_own(feed, item):
    """A story's language when it is not the feed's (each entry says so), or ""."""
    language = item["language"]
    return language if language and language != feed["language"] else ""


class BylinedRssFeed(CleanTextFeedMixin, Rss201rev2Feed):
    """RSS 2.0 with one Dublin Core ``<dc:creator>`` per name on the byline, and the image."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC_NAMESPACE,
            "xmlns:media": MEDIA_NAMESPACE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item["byline"]:
            handler.addQuickElement("dc:creator", name)
        # RSS items have no language of their own; Dublin Core's is the one
        # readers know. Without it aggregators index Arabic copy as the
        # channel's English.
        if language := _language_of_its_own(self.feed, item):
            handler.addQuickElement("dc:language", language)
        # The channel's link is absolute, so a site-relative image URL resolves against it.
        _add_media_content(handler, item["image"], self.feed["link"])


class BylinedAtomFeed(CleanTextFeedMixin, Atom1Feed):
    """Atom with one ``<author>`` (name and profile page) per name on the byline, and the image."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def item_attributes(self, item):
        if language := _language_of_its_own(self.feed, item):
            return {**super().item_attributes(item), "xml:lang": language}
        return super().item_attributes(item)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item["byline"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            # The feed's own link is absolute, so profile paths resolve against it.
            handler.addQuickElement("uri", urljoin(self.feed["link"], url))
            handler.endElement("author")
        _add_media_content(handler, item["image"], self.feed["link"])


class LatestStoriesFeed(Feed):
    """The latest public stories on the whole site, as RSS 2.0."""

    feed_type = BylinedRssFeed
    link = "/"

    def title(self):
        return settings.NEWSROOM_NAME

    def description(self):
        return settings.NEWSROOM_TAGLINE

    def author_name(self):
        # Atom needs a feed-level author for entries without a byline.
        return settings.NEWSROOM_NAME

    def stories(self, obj):
        """The stories this feed covers, before the cut to ``FEED_LENGTH``."""
        return Article.objects.published()

    def items(self, obj):
        # The body stays: a story without a standfirst is summed up by its first
        # paragraph. The search vector (a few kilobytes a story) has no use here.
        return (
            self.stories(obj).for_listing().defer("search_vector", "import_note")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # The standfirst, or without one the body's first paragraph, as link
        # previews and search engines get it (``Article.summary``): wire copy
        # often comes without a standfirst. Readers treat RSS descriptions and
        # Atom summaries as HTML; the summary is plain text, so a "<" in it
        # must stay a "<". Without either the element is left out rather than
        # sent empty.
        summary = item.summary
        return escape(summary) if summary else None

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Also the Atom entry's <id>.
        return tag_uri(item.created_at, f"story/{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_modified_at

    def item_categories(self, item):
        return [item.section.name] if item.section_id else []

    def item_extra_kwargs(self, item):
        # bylines were prefetched in order by for_listing(), and the image is
        # on the story's row: no query per item.
        return {
            "byline": [
                (byline.author.name, byline.author.get_absolute_url())
                for byline in item.bylines.all()
            ],
            "image": feed_image(item),
            "language": item.language,
        }


class LatestStoriesAtomFeed(LatestStoriesFeed):
    """The latest public stories on the whole site, as Atom."""

    feed_type = BylinedAtomFeed

    def subtitle(self):
        return self.description()


class SectionFeed(LatestStoriesFeed):
    """The latest public stories in one section and the sections below it."""

    def get_object(self, request, slug):
        # The section tree is one small query and already knows every subsection.
        tree = section_tree(request)
        section = tree.by_slug.get(slug)
        if section is None:
            raise Http404("No such section.")
        section.feed_section_ids = tree.descendant_ids(section)
        return section

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"The latest {obj.name} stories from {settings.NEWSROOM_NAME}."

    def stories(self, obj):
        return Article.objects.published().filter(section_id__in=obj.feed_section_ids)


class SectionAtomFeed(SectionFeed):
    feed_type = BylinedAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class AuthorFeed(LatestStoriesFeed):
    """The latest public stories with one author on the byline."""

    def get_object(self, request, slug):
        # As the author's page: only once a public story carries the byline.
        return get_object_or_404(public_authors(), slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"The latest stories by {obj.name} for {settings.NEWSROOM_NAME}."

    def stories(self, obj):
        # One byline per author and story (unique_byline), so no duplicates.
        return Article.objects.published().filter(bylines__author=obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = BylinedAtomFeed

    def subtitle(self, obj):
        return self.description(obj)


class SourceFeed(LatestStoriesFeed):
    """The latest public stories crediting one source, as its origin or cited in the text.

    The stories the source's page lists, in one list: a reader following an
    agency wants what rests on its copy and what quotes it alike.
    """

    def get_object(self, request, slug):
        # As the source's page: only once a public story credits it.
        return get_object_or_404(public_sources(), slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"The latest {settings.NEWSROOM_NAME} stories based on or citing {obj.name}."

    def stories(self, obj):
        # A story may credit the source twice (its origin, and cited in the
        # text): an EXISTS, not a join, so it is listed once.
        credited = SourceCredit.objects.filter(article=OuterRef("pk"), source=obj)
        return Article.objects.published().filter(Exists(credited))


class SourceAtomFeed(SourceFeed):
    feed_type = BylinedAtomFeed

    def subtitle(self, obj):
        return self.description(obj)
