"""The readers' pages for stories: the home page, the story page, and the page of feeds.

Also the small pieces every list page shares (sections, authors, sources):
which fields a list needs, pagination that survives hostile links, and the
canonical address of a page.
"""

import math
from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.encoding import iri_to_uri
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from articles import renditions, services
from articles.cache import MovedPermanently, is_ignored_parameter, route_of
from articles.models import Article, Correction, SourceCredit, bylines_prefetch
from articles.templatetags.newsroom_feeds import corrections_feeds, feed_addresses
from articles.templatetags.newsroom_images import social_image_url
from newsroom.addresses import absolute_url
from sections.context_processors import section_tree

STORIES_PER_PAGE = 20
TOP_STORIES = 6
# How tall the pieces of the front page's top are drawn on a desktop, counted
# in story cards (a two-line headline and a byline, about 8rem): the lead with
# its picture and without, and the picture on the first card beside the lead.
# A row of two cards under the lead is one. Measured at the page's full width;
# near enough on narrower desktops to choose how to arrange the stories.
LEAD_WITH_PICTURE_CARDS = 6
LEAD_WITHOUT_PICTURE_CARDS = 2
PICTURE_BESIDE_LEAD_CARDS = 2
STORIES_PER_SECTION = 4
RELATED_STORIES = 4
# List pages never show these; the body and the search index are the heavy ones.
LIST_DEFERRED_FIELDS = ("body", "search_vector", "import_note")
# What a story card (templates/includes/story_card.html) reads, and its address
# (get_absolute_url). Fewer columns are less SQL to compile and fewer values to
# convert per row; a field missing here costs a query per card, which the
# pinned query counts of every list page would show.
LIST_FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "section_id",
    "featured_image",
    # The picture tag reads the stored size; without it ImageField would open the file.
    "featured_image_width",
    "featured_image_height",
    "published_at",
    "created_at",
    # A story in another language marks its headline with it (lang_attribute).
    "language",
)

# What a card under "Related stories" reads: a list's card without its
# picture, which that list does not show. The picture's three columns were
# fetched for each of up to 16 rows (four per kind of related story), and
# each picture checked for its size as its row became a model.
RELATED_FIELDS = tuple(field for field in LIST_FIELDS if not field.startswith("featured_image"))

# What a 404 at each route was looking for, so the page says so (templates/404.html).
# A one-word address is the section route's, but as likely a mistyped anything:
# that, and an address no route matched, is just "a page".
MISSING_PAGES = {
    "articles:detail": "story",
    "workflow:preview": "story",
    "authors:detail": "writer",
    "sources:detail": "source",
}


def list_stories(queryset):
    """``queryset`` reading only what a story list shows.

    Sections and bylines are filled in afterwards by ``with_sections_and_bylines``,
    so that several lists on one page share one bylines query and no list
    joins the sections table for what the request's section tree already holds.
    """
    return queryset.only(*LIST_FIELDS)


def with_sections_and_bylines(request, *story_lists, bylines=True):
    """Give every story in ``story_lists`` its section, and its bylines in one query.

    Sections come from the request's section tree (loaded once for the
    navigation, parents filled in), so a story's section costs no join, no
    extra model instance per row and no query.
    """
    stories = [story for stories in story_lists for story in stories if story is not None]
    section_tree(request).attach(stories)
    if bylines:
        prefetch_related_objects(stories, bylines_prefetch())


class StoryPaginator(Paginator):
    """Pages of a story queryset that cost the same on page 1 of 40 and page 1 of 5,000.

    Two things grow with the table on a list page: ``COUNT(*)`` over every
    public story of a section, author or source, and the ``OFFSET`` of a deep
    page, which makes the database read and throw away every wider row before
    it. So the count stops ``PAGES_AHEAD`` pages past the one asked for (the
    list shows "Page 3 of many" when there are more), and a page reads the ids
    of its stories first (a narrow index scan) and then only those rows.

    On a deep page the count and the page's ids come from one walk in list
    order: the ids from the page asked for up to the count's limit. Its length,
    plus the stories before the page, is the count; its first ``per_page`` ids
    are the page. Near the top two walks are cheaper: a count in any order
    (whatever index is at hand) and the page's few ids in list order, which for
    an author's or a source's stories means stepping over everyone else's.
    A page past the end (a stale or made-up link) is counted from the start,
    to find the last page.
    """

    PAGES_AHEAD = 10

    def __init__(self, object_list, per_page, *, wanted_number=1):
        super().__init__(object_list, per_page)
        self.wanted_number = max(wanted_number, 1)
        self.count_limit = (self.wanted_number + self.PAGES_AHEAD) * per_page + 1
        self._ids_from_wanted = None

    @cached_property
    def count(self):
        if self.wanted_number > self.PAGES_AHEAD:
            before = (self.wanted_number - 1) * self.per_page
            ids = list(self.object_list.values_list("pk", flat=True)[before : self.count_limit])
            if ids:
                self._ids_from_wanted = ids
                return before + len(ids)
        # A SELECT COUNT(*) FROM (SELECT ... LIMIT n): near the top, or where
        # the list really ends.
        return self.object_list.order_by()[: self.count_limit].count()

    @property
    def total_known(self):
        """False when there are more stories than were counted."""
        return self.count < self.count_limit

    def page(self, number):
        page = super().page(number)
        if number == self.wanted_number and self._ids_from_wanted is not None:
            ids = self._ids_from_wanted[: self.per_page]
        else:
            ids = page.object_list.values("pk")
        page.object_list = list(self.object_list.filter(pk__in=ids))
        return page


# Beyond any real list; keeps the count's LIMIT inside a bigint for ?page=10**30.
MAX_WANTED_PAGE = 10**6


def _wanted_page(value):
    """The page number ``value`` asks for: 1 for anything that is not a number from 1 up.

    Page 0 or -1 is the first page, not the last as ``Paginator.get_page``
    would have it: no link of ours writes one, and the last page of a long
    story list is not known without counting all of it.
    """
    try:
        return max(1, min(int(value), MAX_WANTED_PAGE))
    except (TypeError, ValueError):
        return 1


def paginate(request, object_list, *, param="page", per_page=STORIES_PER_PAGE):
    """The page of ``object_list`` that ``?<param>=`` asks for, as a list.

    See ``paginate_lists``, which this is for a page with one list.
    """
    (page,) = paginate_lists(request, {param: object_list}, per_page=per_page)
    return page


def paginator_for(object_list, per_page, *, wanted_number=1):
    """A ``StoryPaginator`` for a queryset of stories, Django's ``Paginator`` for anything else.

    What ``StoryPaginator`` saves (counting every row, ``OFFSET`` over wide
    rows) is the cost of the story table: tens of thousands of rows, each
    with its body. The other lists are short or narrow: the journalists, the
    sources, the corrections log (a few notes per hundred stories) and search
    results (ranked ids, at most ``MAX_RESULTS``). Django's paginator counts them
    whole, so their pages say "Page 2 of 7", never "of many".
    """
    if isinstance(object_list, QuerySet) and issubclass(object_list.model, Article):
        return StoryPaginator(object_list, per_page, wanted_number=wanted_number)
    return Paginator(object_list, per_page)


def paginate_lists(request, lists, *, per_page=STORIES_PER_PAGE):
    """A page of each of ``lists`` (``{param: object_list}``), which share one address.

    Each list is paged by its own parameter (``?page=``, ``?cited_page=``).
    The number served is the one asked for, the last page for a number past
    the end (a stale link: the list was longer, or will be), and the first
    for anything else ("abc", "0"), so a hostile link never becomes a server
    error. A page carries its ``param`` and ``previous_url`` and ``next_url``,
    which keep the other parameters but not a shared link's tracking tags
    (``PAGE_CACHE_IGNORED_PARAMS``): the page is kept and served to readers
    who followed other links, or none.

    A page asked for at any other address than its own (``?page=99`` for the
    last page, ``?page=1`` or ``?page=abc`` for the first, ``?page=02``) is
    ``moved``: the view answers with ``redirect_to_served`` instead, so a
    reader lands on a real page at its real address, where the page cache can
    keep it. Then no list's rows are read, and a page 1 costs no count:
    page 1 always exists. Each list gets the paginator that suits what it
    holds (``paginator_for``).
    """
    served = []
    for param, object_list in lists.items():
        asked = request.GET.getlist(param)
        wanted = _wanted_page(asked[-1]) if asked else 1
        paginator = paginator_for(object_list, per_page, wanted_number=wanted)
        number = 1 if wanted == 1 else min(wanted, paginator.num_pages)
        served.append((param, paginator, number, asked != _page_values(number)))
    redirecting = any(moved for *_, moved in served)
    pages = []
    for param, paginator, number, moved in served:
        if redirecting:
            # Never rendered: its rows are not read, and its count only if a
            # number past 1 was asked for.
            page = Page([], number, paginator)
        else:
            page = paginator.page(number)
            page.object_list = list(page.object_list)
            page.previous_url = (
                _page_url(request, {param: page.previous_page_number()})
                if page.has_previous()
                else None
            )
            page.next_url = (
                _page_url(request, {param: page.next_page_number()}) if page.has_next() else None
            )
        page.param = param
        page.moved = moved
        pages.append(page)
    return pages


def redirect_to_served(request, *pages):
    """A redirect to the address of ``pages`` as served, if any was asked for at another; else None.

    One redirect puts every list of the page at its own address, the other
    parameters kept (a shared link's tracking tags). A 302, not a 301: the
    last page of a list moves on as stories are published, so ``?page=7``
    may be a page of its own tomorrow. The page cache keeps 200s only, and
    without ``Cache-Control`` neither a browser nor a CDN keeps a 302.
    """
    if not any(page.moved for page in pages):
        return None
    url = _page_url(request, {page.param: page.number for page in pages}, tracking=True)
    return HttpResponseRedirect(request.path + url if url.startswith("?") else url)


def _page_values(number):
    """The values of a page's parameter in its own address: none for page 1."""
    return [str(number)] if number > 1 else []


def _page_url(request, numbers, *, tracking=False):
    """This address with each parameter of ``numbers`` naming its page, the others kept.

    Tracking tags (``?utm_source=``, ``?fbclid=``) are kept only with
    ``tracking``, for a redirect answering this reader alone: a link on the
    page would repeat one reader's tags to everyone the page cache serves it to.
    """
    query = request.GET.copy()
    if not tracking:
        for name in list(query):
            if is_ignored_parameter(name):
                del query[name]
    for param, number in numbers.items():
        if number > 1:
            query[param] = str(number)
        else:
            query.pop(param, None)
    return f"?{query.urlencode()}" if query else request.path


def canonical_url(request, *pages):
    """The absolute address of this page, naming only the pages that are not the first."""
    url = absolute_url(request, request.path)
    params = [f"{page.param}={page.number}" for page in pages if page.number > 1]
    return f"{url}?{'&'.join(params)}" if params else url


@require_safe
def home(request):
    """The front page: a lead story, the top stories, then each section's latest.

    A fixed number of queries whatever the number of sections or stories: the
    section tree (shared with the navigation), the pinned lead, the latest
    stories, one windowed query for every section block, and their bylines.
    Stories already shown at the top are not repeated in the section blocks.
    """
    tree = section_tree(request)
    public = Article.objects.published()

    pinned = list_stories(public.filter(is_pinned=True)).first()
    latest = list(list_stories(public)[: TOP_STORIES + 1])
    lead = pinned or (latest[0] if latest else None)
    top_stories = [story for story in latest if story != lead][:TOP_STORIES]

    # Stories filed under a subsection count for its top-level section.
    group_of_section = {
        section_id: top.pk for top in tree.nav for section_id in tree.descendant_ids(top)
    }
    shown = [story.pk for story in (lead, *top_stories) if story is not None]
    ranked = list(
        list_stories(
            public.exclude(pk__in=shown).latest_per_group(group_of_section, STORIES_PER_SECTION)
        )
    )
    by_section = defaultdict(list)
    for story in ranked:
        by_section[story.group_id].append(story)
    section_blocks = [
        {"section": section, "stories": by_section[section.pk]}
        for section in tree.nav
        if by_section[section.pk]
    ]
    with_sections_and_bylines(request, [lead], top_stories, ranked)
    under_lead, beside_lead = arrange_top_stories(lead, top_stories)
    return render(
        request,
        "articles/home.html",
        {
            "lead": lead,
            "top_stories": top_stories,
            "under_lead": under_lead,
            "beside_lead": beside_lead,
            "section_blocks": section_blocks,
            "canonical_url": absolute_url(request, request.path),
        },
    )


@require_safe
def feed_index(request):
    """/feeds/: what a feed is, and the addresses of the site's and each section's feeds.

    A reader who taps a feed's address gets XML, which a browser shows as code;
    this page is where the footer sends them instead. It lists the sections the
    navigation shows, each followed by its subsections (as its page lists them),
    and no writer or source: there may be thousands, and each one's page shows
    its own feeds' addresses the same way (the ``follow_feeds`` tag). One
    query, the section tree, which the navigation loads anyway.
    """
    tree = section_tree(request)

    def section_feed(section):
        feed = feed_addresses(request, str(section), "section", slug=section.slug)
        return {**feed, "link": section.get_absolute_url()}

    return render(
        request,
        "articles/feed_index.html",
        {
            "latest": feed_addresses(request, "Latest stories", None),
            "corrections": corrections_feeds(request),
            "section_feeds": [
                section_feed(section)
                for top in tree.nav
                for section in (top, *tree.children(top))
            ],
            "canonical_url": absolute_url(request, request.path),
        },
    )


def arrange_top_stories(lead, top_stories):
    """``top_stories`` split into those under the lead and those beside it, in order.

    On a desktop the lead and the stories under it, two to a row, fill the wide
    column, and the others the narrow one beside it. Of the splits that leave
    at least one story beside the lead, the one whose columns end nearest each
    other is chosen (the fewest under the lead if two are as near), so that
    neither ends far above the other. The first stories are the ones under the
    lead: on a phone, where everything is one column, they still read in order.
    """
    if lead is None or not top_stories:
        return [], top_stories
    lead_cards = LEAD_WITH_PICTURE_CARDS if lead.featured_image else LEAD_WITHOUT_PICTURE_CARDS

    def imbalance(under):
        beside = top_stories[under:]
        picture = PICTURE_BESIDE_LEAD_CARDS if beside[0].featured_image else 0
        return abs(lead_cards + math.ceil(under / 2) - len(beside) - picture)

    under = min(range(len(top_stories)), key=imbalance)
    return top_stories[:under], top_stories[under:]


@requires_csrf_token
def page_not_found(request, exception):
    """``handler404``: Django's own, with words that fit the page the address was for.

    What was missing comes from the route the address matched, which the
    request already holds: no query beyond the lookup that found nothing.
    """
    missing = MISSING_PAGES.get(route_of(request), "page")
    return render(request, "404.html", {"missing": missing}, status=404)


@require_safe
def article_detail(request, section, year, month, day, slug):
    """A published story; any other address for it redirects to the canonical one.

    The slug alone finds the story, so a story that moved section, or a link
    with a wrong date, still reaches it with a permanent redirect.
    """
    try:
        article = Article.objects.published().for_story(with_section=False).get(slug=slug)
    except Article.DoesNotExist:
        # A story the desk took down says so, without its headline; anything else is a 404.
        if Article.objects.withdrawn().filter(slug=slug).exists():
            return render(request, "articles/withdrawn.html", status=410)
        raise Http404("No public story at this address.") from None
    # Its section from the navigation's tree: no join, and no query of its own.
    section_tree(request).attach([article])
    canonical = article.get_absolute_url()
    if request.path != canonical:
        # This address may be one another story left, whose slug this one
        # took since: its kept redirect goes first, so old links still reach
        # the story they were shared for.
        kept = (
            Redirect.objects.filter(site_id=settings.SITE_ID, old_path=request.path)
            .exclude(new_path="")
            .values_list("new_path", flat=True)
            .first()
        )
        # Not to a story since taken down: that would name its new slug.
        target = kept if kept and services.hidden_page_at(kept) is None else canonical
        # The query goes along, so a shared link's tracking tags (?utm_source=,
        # ?fbclid=) still count for the campaign that brought the reader.
        query = request.META.get("QUERY_STRING", "")
        return MovedPermanently(f"{target}?{iri_to_uri(query)}" if query else target)
    return render_article(request, article)


def related_stories(request, article):
    """The "Related stories" under ``article``, sections attached (one query).

    Ranked by ``ArticleQuerySet.related_to``; the story's desk comes from the
    request's section tree, which the navigation loads anyway.
    """
    related = Article.objects.published().only(*RELATED_FIELDS).related_to(
        article,
        RELATED_STORIES,
        desk_section_ids=section_tree(request).desk_ids(article.section_id),
    )
    # The related list shows no bylines.
    with_sections_and_bylines(request, related, bylines=False)
    return related


def fixed_notice(corrections):
    """What the top of a story says of its notes: ``(words, anchor)``, or ``("", "")``.

    Said at the top, where readers start; the notes themselves are at the foot.
    Updates alone say nothing there. Every correction counts, not the newest
    note alone: a clarification after a correction had said only "clarified".
    One note is linked to itself, more to the list of them.
    """
    fixes = [note for note in corrections if note.kind != Correction.Kind.UPDATE]
    if not fixes:
        return "", ""
    kinds = {note.kind for note in fixes}
    if len(kinds) > 1:
        words = "corrected and clarified"
    elif kinds == {Correction.Kind.CLARIFICATION}:
        words = "clarified"
    else:
        words = "corrected"
    return words, f"correction-{fixes[0].pk}" if len(fixes) == 1 else "corrections"


def render_article(request, article, *, preview=False):
    """Render ``article`` exactly as readers see it.

    ``article`` should come from ``Article.objects.for_story()``, so the page
    costs a fixed number of queries. With ``preview`` the page says it is not
    published and asks search engines not to index it.
    """
    credits = article.source_credits.all()
    related = related_stories(request, article)
    # The 1200×630 crop made for share cards, or the original until it exists.
    image_url = social_image_url(article.featured_image, request)
    image_width, image_height = renditions.social_image_size(article.featured_image)
    corrections = list(article.corrections.all())
    fixed_as, fixed_anchor = fixed_notice(corrections)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "bylines": article.bylines.all(),
            "origin_credits": [c for c in credits if c.role == SourceCredit.Role.ORIGIN],
            "cited_credits": [c for c in credits if c.role == SourceCredit.Role.CITED],
            "corrections": corrections,
            "fixed_as": fixed_as,
            "fixed_anchor": fixed_anchor,
            "related_stories": related,
            # Highlights the story's desk in the navigation.
            "current_section": article.section.parent or article.section
            if article.section
            else None,
            "preview": preview,
            # The page's language (<html lang>): its words are the story's.
            "page_language": article.language,
            "canonical_url": absolute_url(request, article.get_absolute_url()),
            "share_image_url": image_url,
            "share_image_width": image_width,
            "share_image_height": image_height,
        },
    )
    if preview:
        response["X-Robots-Tag"] = "noindex"
    return response
