"""The editorial workflow: every status change and the rules around it, in one place.

The admin, management commands (the importer's ``--publish``) and tests all call
these functions, so a rule enforced here holds however a request arrives: hiding
a button is a courtesy, refusing here is the rule.

Statuses move draft → review → published → archived, with "back to draft" (which
needs a note saying why) from review, published and archived. A story published
with a future ``published_at`` is *scheduled*: nothing runs at that time, because
``Article.objects.published()`` compares with the clock on every query.
"""

import difflib
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language_info

from articles import cache, slugs
from articles.importer import is_page_junk, language_from_script, writes_in_script
from articles.models import (
    NEW_TIME_NOTE_START,
    RECOVERED_NOTE,
    Article,
    Byline,
    Correction,
    PreviewLink,
    SourceCredit,
    StatusChange,
    bylines_prefetch,
    public_authors,
    public_sources,
)
from articles.sanitiser import shows_nothing
from articles.templatetags.newsroom_stories import is_right_to_left
from authors.models import Author
from newsroom.addresses import own_path
from pages.models import AboutPage
from sections.models import Section
from sources.models import Source

Status = Article.Status

HEADLINE_WARN_LENGTH = 110
# Narrower than this, a story's picture is shown small on its page and blurred in
# link previews, whose large cards want 1,200 pixels (600 at the least).
SMALL_PICTURE_WIDTH = 600
# "One or two sentences": longer, a standfirst is warned of; far longer (a story
# pasted into the wrong box), it is not published. Story cards and feeds print
# it whole.
STANDFIRST_WARN_LENGTH = 300
STANDFIRST_MAX_LENGTH = 1000
SIMILAR_HEADLINE_RATIO = 0.85
SIMILAR_HEADLINE_DAYS = 7
# A publication time further back than this, on a story not yet public, dates
# it in the past: it goes out among that day's stories, not at the top.
BACKDATED_AFTER = timedelta(hours=1)

# The span of sensible publication times. Before the floor is a typo (0001 for
# 2001), not an archive: a wire archive imported with its own dates reaches
# back into the 20th century at most. Beyond the ceiling is a typo too (2062
# for 2026): a story held longer than a year stays a draft until it is due.
EARLIEST_PUBLICATION = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_SCHEDULE_AHEAD = timedelta(days=366)

# The moves the workflow allows, whoever asks. Who may make them is decided below.
ALLOWED_MOVES = {
    Status.DRAFT: {Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED},
    Status.REVIEW: {Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED},
    # published → published is a reschedule: the same story with a new time.
    Status.PUBLISHED: {Status.DRAFT, Status.ARCHIVED, Status.PUBLISHED},
    Status.ARCHIVED: {Status.DRAFT},
}


# A CSS rule in text ("p { margin: 0 }"): a "{" just after a selector's last
# character (and up to three spaces), then a ":" and a "}" before any other
# brace. Read from each "{" only: a pattern that began at the selector was
# tried from every letter of every word, each read to the word's end, and a
# 40,000-letter word took 20 s (the checklist runs on every save and every
# opening of a story). Python's look-behinds are of fixed width: one per
# number of spaces.
_SELECTOR_CHARACTER = r"[\w.#\-\]\[=\"']"
CSS_RULE = re.compile(
    r"\{(?:"
    + "|".join(rf"(?<={_SELECTOR_CHARACTER}\s{{{spaces}}}\{{)" for spaces in range(4))
    + r")[^{}:]*:[^{}]*\}"
)


# Text that survives sanitising but should not reach readers: CSS pasted from
# another site's page, escaped markup, and share/subscribe furniture.
BODY_JUNK = [
    (CSS_RULE, "a CSS rule (text like “p { margin: 0 }”)"),
    (
        re.compile(r"@(?:media|import|font-face|keyframes)\b", re.I),
        "a CSS at-rule such as “@media”",
    ),
    (re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?>", re.I), "markup shown as text, like “<div>”"),
    (
        re.compile(
            r"share this (?:article|story)|share on (?:facebook|twitter|x)\b"
            r"|click here to subscribe|sign up for our newsletter",
            re.I,
        ),
        "share or subscribe text copied from another site",
    ),
]


class TransitionError(ValidationError):
    """A status change the workflow refuses; the message says why."""


class PublishBlocked(TransitionError):
    """Publishing refused by the pre-publish checklist; ``checklist`` holds every reason."""

    def __init__(self, checklist):
        self.checklist = checklist
        super().__init__(list(checklist.errors))


@dataclass
class Checklist:
    """What stands between a story and publication: errors block, warnings advise."""

    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def story_whose_old_address_this_is(article, publish_at=None):
    """``(address, story)`` when ``article`` would go public where a public story used to be.

    A follow-up with the same headline gets the same slug, and on the same day
    in the same section the same address, which the first story left when its
    slug changed. Its kept redirect (``keep_old_addresses``) would then be
    shadowed by the follow-up, and readers' old links would reach the wrong
    story. None otherwise, or when the story that left is no longer public.
    ``publish_at`` is the time it is being published for, when known.
    """
    if not (article.slug and article.section_id):
        return None
    when = timezone.localtime(publish_at or article.published_at or timezone.now())
    # One query, on the end of the address; the section only when one is found.
    kept = dict(
        Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path__endswith=f"/{when:%Y/%m/%d}/{article.slug}/"
        )
        .exclude(new_path="")
        .values_list("old_path", "new_path")
    )
    if not kept:
        return None
    address = Article(
        pk=article.pk, slug=article.slug, section=article.section, published_at=when
    ).get_absolute_url()
    target = kept.get(address)
    if target is None or target == address:
        return None
    try:
        match = resolve(urlsplit(target).path)
    except Resolver404:
        return None
    if match.view_name != "articles:detail":
        return None
    holder = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(slug=match.kwargs["slug"])
        .only("headline")
        .first()
    )
    return (address, holder) if holder is not None else None


def publication_time_error(when, *, now=None):
    """Why ``when`` cannot be a story's publication time, or None when it can.

    It would date the story at an address no reader expects (/1/01/01/) and
    put a year such as 1 in the story list's date bar; or schedule it for a
    time no desk means. The admin form and the pre-publish checklist both ask,
    so the form, "Publish selected" and commands refuse the same times.
    """
    if when is None:
        return None
    if when < EARLIEST_PUBLICATION:
        return (
            f"The publication time is in the year {when.year}, before "
            f"{EARLIEST_PUBLICATION.year}: check the year."
        )
    now = now or timezone.now()
    if when > now + LATEST_SCHEDULE_AHEAD:
        return (
            f"The publication time is in {when.year}, more than a year ahead: check the "
            "year. A story held longer stays a draft until it is nearly due."
        )
    return None


def old_address_message(address, holder):
    """Why a story may not take ``address``: another story, ``holder``, was there before.

    The same words from the checklist and from the story form's slug box.
    """
    return (
        f"This story’s address, {address}, is where “{holder.headline}” used to be: "
        "readers’ old links and shares still lead there. Give this story another slug."
    )


def check_article(article, *, publish_at=None, credits=True, address=True):
    """Run the pre-publish checklist on ``article`` as it is saved now.

    ``publish_at`` is the time it is about to be published for, when that is
    not (yet) the story's own: it decides the story's address.

    Bylines and source credits are read from the database, not from a prefetched
    cache, so in the admin this runs after the inlines are saved and sees them.
    ``credits=False`` leaves them out, and ``address=False`` the check of the
    address, for a form that checks those itself before anything is saved.
    """
    checklist = Checklist()
    headline = (article.headline or "").strip()
    saved = article.pk is not None

    if not headline:
        checklist.errors.append("The story has no headline.")
    if not slug_re.fullmatch(article.slug or ""):
        # Its address: every page that lists the story links to it.
        checklist.errors.append(
            f"The slug “{article.slug}” cannot be the story's address: use letters, "
            "digits and hyphens only."
            if article.slug
            else "The story has no slug: write one (its address) before publishing."
        )
    if not article.section_id:
        checklist.errors.append("Choose a section for the story.")
    if credits and not (saved and Byline.objects.filter(article=article).exists()):
        checklist.errors.append("Add at least one byline.")
    has_source = not credits or (saved and SourceCredit.objects.filter(article=article).exists())
    if not article.is_original_reporting and not has_source:
        checklist.errors.append(
            "Add a source, or tick “original reporting” if this is our own reporting."
        )
    if article.featured_image and not (article.featured_image_alt or "").strip():
        checklist.errors.append("The featured image needs alt text describing what it shows.")
    body = _BodyReader(article.body)
    if shows_nothing(_plain_text(_HEADINGS.sub(" ", article.body or ""))):
        # Readers would get a headline, "1 min read" and nothing under it.
        checklist.errors.append(
            "The story has no body text: write the story before publishing it."
            if not body.image_sources
            else "The story's body has pictures but no words: add the text readers read "
            "with them (a caption in the body counts)."
        )
    if body.images_without_alt == 1:
        checklist.errors.append(
            "1 image in the body has no alt text: double-click it in the editor and "
            "describe what it shows."
        )
    elif body.images_without_alt:
        checklist.errors.append(
            f"{body.images_without_alt} images in the body have no alt text: double-click "
            "each in the editor and describe what it shows."
        )
    blocked_image_hosts = _blocked_image_hosts(body.image_sources)
    if blocked_image_hosts:
        checklist.errors.append(_blocked_images_message(blocked_image_hosts))
    unplaced = _page_relative_images(body.image_sources)
    if unplaced:
        checklist.errors.append(_page_relative_images_message(unplaced))
    time_error = publication_time_error(publish_at or article.published_at)
    if time_error:
        checklist.errors.append(time_error)
    holder = (
        story_whose_old_address_this_is(article, publish_at)
        if address and not time_error
        else None
    )
    if holder is not None:
        checklist.errors.append(old_address_message(*holder))

    if (
        article.status in Article.IN_PROGRESS
        and article.published_at is not None
        and article.published_at < timezone.now() - BACKDATED_AFTER
    ):
        when = date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        checklist.warnings.append(
            f"The publication time is in the past ({when}): published, the story is "
            "dated then and listed among that day's stories, not at the top. Clear the "
            "time to publish it now."
        )
    if slugs.is_stand_in(article.slug, headline):
        # The address works, but says nothing of the story and lives for good.
        checklist.warnings.append(
            f"The slug “{article.slug}” is a dated stand-in: the headline has no "
            f"{slugs.SPELT_LETTERS} letters to make one from. Write a slug readers can read, "
            "such as a few words in Latin letters."
        )
    if len(headline) > HEADLINE_WARN_LENGTH:
        checklist.warnings.append(
            f"The headline is {len(headline)} characters long; over {HEADLINE_WARN_LENGTH} "
            "is cut off in search results and link previews."
        )
    standfirst = len((article.standfirst or "").strip())
    if standfirst > STANDFIRST_MAX_LENGTH:
        checklist.errors.append(
            f"The standfirst is {standfirst:,} characters long, over the {STANDFIRST_MAX_LENGTH:,} "
            "a standfirst may have: story lists and feeds print it whole. Keep one or two "
            "sentences, and move the rest into the body."
        )
    elif standfirst > STANDFIRST_WARN_LENGTH:
        checklist.warnings.append(
            f"The standfirst is {standfirst:,} characters long; over {STANDFIRST_WARN_LENGTH} "
            "it reads as a paragraph in story lists and feeds. One or two sentences suit it."
        )
    if not standfirst:
        checklist.warnings.append("There is no standfirst; feeds and link previews use it.")
    elif _repeats_opening(_plain_text(article.standfirst), body.first_paragraph):
        checklist.warnings.append(
            "The standfirst repeats the start of the body’s first paragraph, so readers "
            "read the same words twice. Rewrite the standfirst or cut the repeat from the body."
        )
    width = article.featured_image_width if article.featured_image else None
    if width and width < SMALL_PICTURE_WIDTH:
        checklist.warnings.append(
            f"The picture is {width}×{article.featured_image_height} pixels: the story page "
            f"shows it that small, and link previews blur it. One at least "
            f"{SMALL_PICTURE_WIDTH} pixels wide (1,200 is best) suits both."
        )
    skipped = _skipped_heading_level(body.subheadings)
    if skipped:
        checklist.warnings.append(skipped)
    checklist.warnings.extend(_body_junk(article.body))
    furniture = _page_furniture(body.lines)
    if furniture:
        checklist.warnings.append(furniture)
    mislabelled = _copy_in_another_language(article, headline)
    if mislabelled:
        checklist.warnings.append(mislabelled)
    if headline:
        similar = _similar_recent_headline(article, headline)
        if similar is not None:
            when = date_format(timezone.localtime(similar.published_at), "SHORT_DATETIME_FORMAT")
            checklist.warnings.append(
                f"A story with a near-identical headline was published {when}: "
                f"“{similar.headline}”."
            )
    return checklist


class _BodyReader(HTMLParser):
    """The parts of a story body the checklist reads: first paragraph, images, subheadings."""

    def __init__(self, body):
        super().__init__()  # convert_charrefs: text and addresses arrive unescaped
        self.first_paragraph = None
        # The words of each paragraph, list item and subheading, a line each
        # (a <br> starts another), as the importer reads copy's lines.
        self.lines = []
        self._line = None
        self.image_sources = []
        # Blank alt counts as none, as for the featured image: a news picture is
        # never decoration.
        self.images_without_alt = 0
        # (level, words) in reading order; the body's subheadings are <h2>-<h4>
        # (articles/sanitiser.py), and headings never nest.
        self.subheadings = []
        self._in_first_paragraph = False
        self._subheading = None
        self.feed(body or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in _LINE_BLOCKS or (tag == "br" and self._line is not None):
            self._end_line()
            self._line = ""
        if tag in _SUBHEADING_LEVELS:
            self._subheading = [_SUBHEADING_LEVELS[tag], ""]
            self.subheadings.append(self._subheading)
        elif tag == "br" and self._subheading is not None:
            self._subheading[1] += " "
        if tag == "img":
            src = (dict(attrs).get("src") or "").strip()
            if src:
                self.image_sources.append(src)
            if not (dict(attrs).get("alt") or "").strip():
                self.images_without_alt += 1
        elif tag == "p":
            self._in_first_paragraph = self.first_paragraph is None
            if self._in_first_paragraph:
                self.first_paragraph = ""
        elif tag == "br" and self._in_first_paragraph:
            self.first_paragraph += " "

    def close(self):
        super().close()
        self._end_line()

    def _end_line(self):
        if self._line is not None:
            self.lines.append(self._line)
            self._line = None

    def handle_endtag(self, tag):
        if tag in _LINE_BLOCKS:
            self._end_line()
        if tag == "p":
            self._in_first_paragraph = False
        elif tag in _SUBHEADING_LEVELS:
            self._subheading = None

    def handle_data(self, data):
        if self._line is not None:
            self._line += data
        if self._in_first_paragraph:
            self.first_paragraph += data
        if self._subheading is not None:
            self._subheading[1] += data


_SUBHEADING_LEVELS = {"h2": 2, "h3": 3, "h4": 4}
_LINE_BLOCKS = {"p", "li", *_SUBHEADING_LEVELS}


def _skipped_heading_level(subheadings):
    """A warning naming the first subheading that skips a level, else None.

    The story page's headline is its level-1 heading, so the body's first
    subheading should be level 2, and each one after it at most one level
    deeper than the one before. A level-3 subheading straight after the
    headline, or a level 4 under a level 2, leaves a gap in the outline that
    screen-reader users move through the story by, and that accessibility
    checkers flag. A warning, not a block: the words all reach readers.
    Subheadings with no words are passed over: readers see no heading there,
    and the warning would have nothing to name.
    """
    above, above_words = 1, None
    for level, words in subheadings:
        words = " ".join(words.split())
        if not words:
            continue
        if level > above + 1:
            shown = Truncator(words).chars(80)
            under = (
                "the headline"
                if above_words is None
                else f"the level-{above} subheading “{Truncator(above_words).chars(80)}”"
            )
            return (
                f"The subheading “{shown}” is a level-{level} heading straight after "
                f"{under}: make it a level-{above + 1} heading (“Heading {above + 1}” in "
                "the editor’s Format menu), or screen readers’ outline of the story "
                "skips a level."
            )
        above, above_words = level, words
    return None


# Subheadings alone are not a story: "<h2>Subhead</h2>" went live as one.
_HEADINGS = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)


def _copy_in_another_language(article, headline):
    """A warning if the copy is mostly in a script its Language is not written in, else None.

    Language defaults to English, and a story written in Arabic and left so
    went out as ``lang="en"`` with no ``dir="rtl"``: read left to right, with
    its full stops on the wrong side and an English voice in screen readers.
    Only a script says so for sure (``importer.language_from_script``); copy in
    Latin letters, or a story marked Persian whose copy is in Arabic script,
    is left alone. A warning, not a block: the copy may be quoting at length.
    """
    copy = " ".join([headline, _plain_text(article.standfirst), _plain_text(article.body)])
    found = language_from_script(copy)
    language = article.language or settings.LANGUAGE_CODE
    if found is None or writes_in_script(language, found[1]):
        return None
    code, script = found
    name = _language_name(code, script)
    set_name = _language_name(language, language)
    laid_out = (
        " and lay it out left to right"
        if is_right_to_left(code) and not is_right_to_left(language)
        else ""
    )
    return (
        f"The copy looks to be in {name} (it is mostly in {script} script), but the "
        f"story's Language is “{language}”: readers' browsers will take it for "
        f"{set_name}{laid_out}, and screen readers will read it out as {set_name}. "
        f"Set Language to the language the copy is in (“{code}” if it is {name})."
    )


def _language_name(code, fallback):
    """``code``'s name in English ("Arabic" for "ar"), or ``fallback`` if Django has none."""
    try:
        return get_language_info(code.lower())["name"]
    except KeyError:
        return fallback


def _plain_text(text):
    """What a reader sees of ``text``: no tags, entities decoded, spaces collapsed."""
    return " ".join(unescape(strip_tags(text or "")).split())


def _repeats_opening(standfirst, paragraph):
    """Is ``standfirst`` the whole of ``paragraph``, or its opening sentences?"""
    if not standfirst or paragraph is None:
        return False
    paragraph = " ".join(paragraph.split())
    return paragraph == standfirst or paragraph.startswith(standfirst + " ")


def _blocked_image_hosts(sources):
    """Where each image in ``sources`` that readers' browsers will refuse comes from.

    The public pages' Content-Security-Policy names where images may come from
    (``img-src``, or ``default-src`` without it); an image from anywhere else
    shows as a broken box. Images on ``MEDIA_URL`` are the site's own uploads,
    the remedy the checklist offers, so they always pass (on S3 storage the
    settings put that host in the policy too). One host per refused image.
    """
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    policy = directives.get("img-src", directives.get("default-src", []))
    blocked = []
    for src in sources:
        if settings.MEDIA_URL and src.startswith(settings.MEDIA_URL):
            continue
        try:
            url = urlsplit(src)
        except ValueError:  # "http://[::1" and the like: no browser loads it either
            blocked.append(src)
            continue
        if not any(_policy_allows(source, url) for source in policy):
            blocked.append(url.hostname or src)
    return blocked


def _page_relative_images(sources):
    """The image addresses in ``sources`` relative to the page they are on ("x", "img/a.jpg").

    A story's address is several folders deep (/world/2026/11/29/slug/), so the
    browser looks for "img/a.jpg" under it, where nothing is: readers get a
    broken picture. Uploads are named from the site's root or by their host.
    """
    unplaced = []
    for src in sources:
        try:
            url = urlsplit(src)
        except ValueError:
            continue  # named by _blocked_image_hosts
        if not (url.scheme or url.netloc or url.path.startswith("/")):
            unplaced.append(src)
    return unplaced


def _page_relative_images_message(sources):
    shown = ", ".join(f"“{src}”" for src in dict.fromkeys(sources))
    if len(sources) == 1:
        return (
            f"The body shows an image at an address relative to the page ({shown}); "
            "readers' browsers will not find it from the story's address. Upload the image "
            "instead (Image → Upload)."
        )
    return (
        f"The body shows {len(sources)} images at an address relative to the page ({shown}); "
        "readers' browsers will not find them from the story's address. Upload each image "
        "instead (Image → Upload)."
    )


def _policy_allows(source, url):
    """Does one CSP source expression ("'self'", "data:", "https://host") allow ``url``?

    A host source's port and path are not compared: the policy names neither.
    """
    # An address without a scheme ("//host/x.jpg") takes the page's, and pages are https.
    scheme = url.scheme.lower() or "https"
    if source == "'self'":
        relative = not url.scheme and not url.netloc
        return relative or (scheme in ("http", "https") and url.hostname == _site_host())
    if source == "*":
        return scheme in ("http", "https")
    if source.endswith(":"):
        return scheme == source[:-1].lower()
    if source.startswith("'"):
        return False  # 'none', nonces and hashes name no address
    allowed = urlsplit(source if "://" in source else f"{scheme}://{source}")
    # CSP lets an http source load the same host over https, never the reverse.
    if scheme != allowed.scheme and (allowed.scheme, scheme) != ("http", "https"):
        return False
    host, wanted = url.hostname or "", allowed.hostname or ""
    if wanted.startswith("*."):
        return host.endswith(wanted[1:])
    return host == wanted


def _site_host():
    """The host of the public site, which CSP calls 'self' (the sites framework's domain)."""
    return urlsplit(f"//{Site.objects.get_current().domain}").hostname


def _blocked_images_message(hosts, where="The body"):
    shown = ", ".join(dict.fromkeys(hosts))
    if len(hosts) == 1:
        return (
            f"{where} shows an image from {shown}; readers' browsers will not load it. "
            "Upload the image instead (Image → Upload)."
        )
    return (
        f"{where} shows {len(hosts)} images from {shown}; readers' browsers will not load "
        "them. Upload each image instead (Image → Upload)."
    )


def blocked_images_message(html, where):
    """What to say of the images in ``html`` readers' browsers will refuse, or "".

    For rich text that has no checklist of its own (an About page), refused on
    its field as a story is refused publication.
    """
    hosts = _blocked_image_hosts(_BodyReader(html).image_sources)
    return _blocked_images_message(hosts, where) if hosts else ""


def _body_junk(body):
    text = unescape(strip_tags(body or ""))
    return [
        f"The body contains {description}; remove it before publishing."
        for pattern, description in BODY_JUNK
        if pattern.search(text)
    ]


def _page_furniture(lines):
    """A warning quoting the body's lines the importer would drop as page junk, else None.

    Copy pasted from a wire's or a paper's page brings "ADVERTISEMENT" and the
    agency's "All rights reserved" notice with it, each a paragraph of its
    own; the importer takes such lines out, the editor keeps them. Lines
    ``BODY_JUNK`` already warns of are not named twice.
    """
    found = [
        line
        for line in (" ".join(line.split()) for line in lines)
        if line
        and is_page_junk(line)
        and not any(pattern.search(line) for pattern, _ in BODY_JUNK)
    ]
    if not found:
        return None
    shown = ", ".join(f"“{Truncator(line).words(8)}”" for line in found[:3])
    if len(found) > 3:
        shown += f" and {len(found) - 3} more"
    return (
        f"The body contains lines copied with another site's page, not copy: {shown}; "
        "remove them before publishing."
    )


def _similar_recent_headline(article, headline):
    since = timezone.now() - timedelta(days=SIMILAR_HEADLINE_DAYS)
    recent = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .exclude(pk=article.pk)
        .only("headline", "published_at")
    )
    wanted = headline.casefold()
    for other in recent:
        ratio = difflib.SequenceMatcher(None, wanted, other.headline.casefold()).ratio()
        if ratio >= SIMILAR_HEADLINE_RATIO:
            return other
    return None


# Who may do what ---------------------------------------------------------------


def can_publish(user):
    """Editors and superusers publish, schedule, unpublish and archive."""
    return bool(user and user.is_active and user.has_perm("articles.publish_article"))


def is_own_story(user, article):
    """The user started the story or is on its byline (through ``Author.user``)."""
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_edit(user, article):
    """May ``user`` change ``article``'s copy?

    Editors may change any story. Writers may change their own stories while they
    are drafts or in review, never once published or archived.
    """
    if not (user and user.is_active and user.is_staff):
        return False
    if can_publish(user):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk is not None and article.status not in Article.IN_PROGRESS:
        return False
    return is_own_story(user, article)


def can_delete(user, article):
    """May ``user`` delete ``article``?

    Superusers may delete any story (often on legal advice). Otherwise only a
    draft that was never published or scheduled goes, by an editor or by the
    writer who started it (not one who is only on its byline: a colleague's
    draft is theirs to drop): an abandoned draft has no readers, no address
    and no public record to keep. Anything that has been out is archived.
    """
    if not (user and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if article.pk is None or article.status != Status.DRAFT:
        return False
    if article.status_changes.filter(to_status=Status.PUBLISHED).exists():
        return False
    if can_publish(user):
        return True
    return user.has_perm("articles.delete_article") and article.created_by_id == user.pk


def can_preview(user, article):
    """Staff preview: editors see any story, writers the stories they may work on."""
    if not (user and user.is_active and user.is_staff):
        return False
    if can_publish(user):
        return True
    return user.has_perm("articles.view_article") and is_own_story(user, article)


def check_move_allowed(article, to_status, *, user, note="", published_at=None):
    """Raise :class:`TransitionError` if ``user`` may not move ``article`` to ``to_status``.

    This checks the workflow and the user's rights, not the pre-publish checklist.
    ``user=None`` is the system (an operator's command) and may make any valid move.
    """
    from_status = Status(article.status)
    to_status = Status(to_status)
    to_label = to_status.label.lower()
    if article.pk is None and to_status == Status.ARCHIVED:
        # Archiving spikes a story that exists; a new story saved straight into
        # the archive would sit where nobody looks for it.
        raise TransitionError(
            "A new story cannot be archived. Save it as a draft first; "
            "a draft can be archived from its page."
        )
    if to_status not in ALLOWED_MOVES[from_status]:
        if to_status == from_status:
            raise TransitionError(f"The story is already {to_label}.")
        # Only the moves this user may make: a writer was offered "published"
        # and "archived" for their own published story.
        allowed = sorted(
            status.label.lower()
            for status in ALLOWED_MOVES[from_status]
            if status != from_status and _rights_error(article, from_status, status, user) is None
        )
        where = f"it can go to: {', '.join(allowed)}" if allowed else "only an editor can move it"
        raise TransitionError(
            f"A story that is {from_status.label.lower()} cannot be moved to {to_label}; {where}."
        )
    if to_status == from_status == Status.PUBLISHED and (
        published_at is None or published_at == article.published_at
    ):
        raise TransitionError("The story is already published; give a new time to reschedule it.")
    if to_status == Status.DRAFT and from_status != Status.DRAFT and not note.strip():
        raise TransitionError(
            "Say why the story goes back to draft: a note is required.", code="note_required"
        )
    if to_status == Status.ARCHIVED and article.is_public and not note.strip():
        # Taking a live story down, as unpublishing does: the history says why.
        raise TransitionError(
            "Say why the story is taken off the site: a note is required.", code="note_required"
        )
    error = _rights_error(article, from_status, to_status, user)
    if error:
        raise TransitionError(error)


def _rights_error(article, from_status, to_status, user):
    """Why ``user`` may not move ``article`` from ``from_status`` to ``to_status``, or None.

    ``user=None`` is the system, which may make any move.
    """
    if user is None:
        return None
    if to_status in (Status.PUBLISHED, Status.ARCHIVED):
        if not can_publish(user):
            verb = "archive" if to_status == Status.ARCHIVED else "publish or schedule"
            return f"Only editors can {verb} stories."
    elif from_status in (Status.PUBLISHED, Status.ARCHIVED):
        if not can_publish(user):
            return "Only editors can unpublish or restore stories."
    elif not can_edit(user, article):
        return "You can only move your own stories through review."
    return None


# Status changes ------------------------------------------------------------------


def transition(article, to_status, *, user, note="", published_at=None):
    """Move ``article`` to ``to_status``, record the change and return the ``StatusChange``.

    Publishing runs the pre-publish checklist and raises :class:`PublishBlocked`
    on any error. ``published_at`` is the publication time when publishing (a
    future time schedules the story); it defaults to the story's own time, or now.
    Only the status fields are written, so copy loaded elsewhere is not overwritten.
    A story published pinned takes the lead (:func:`take_the_lead`); the stories
    it replaced are left on ``article.leads_replaced``.
    """
    to_status = Status(to_status)
    with transaction.atomic():
        # The front page's lock first, then the story's row (``lock_the_front_page``
        # says why in that order), so two editors clicking at once make two
        # ordered changes.
        lock_the_front_page()
        current = (
            Article.objects.select_for_update().only("status", "published_at").get(pk=article.pk)
        )
        # The lead as the home page has it, before this move changes it.
        settle_the_lead()
        article.status = current.status
        check_move_allowed(article, to_status, user=user, note=note, published_at=published_at)
        from_status = article.status
        leaves_public = from_status == Status.PUBLISHED and _has_gone_public(
            article, current.published_at
        )
        if to_status == Status.PUBLISHED:
            checklist = check_article(article, publish_at=published_at)
            if not checklist.ok:
                raise PublishBlocked(checklist)
            article.published_at = published_at or article.published_at or timezone.now()
        article.status = to_status
        fields = ["status", "published_at", "updated_at"]
        # Said by the admin: "… is no longer the lead story".
        article.unpinned_leaving = leaves_public and article.is_pinned
        if article.unpinned_leaving:
            # Taken off the site, it leads nothing; put back later, it would take
            # the lead from whatever leads then. Pinned again when it is wanted
            # there. (A pinned draft sent for review keeps its pin: it is meant
            # to lead once published.)
            article.is_pinned = False
            fields.append("is_pinned")
        article.save(update_fields=fields)
        # Published pinned, from any button or action: it leads now.
        article.leads_replaced = take_the_lead(article) if to_status == Status.PUBLISHED else []
        if leaves_public or article.is_public or to_status == Status.ARCHIVED:
            # A preview link is for a story before it goes out. Once readers have
            # seen it, or it is archived, its links are withdrawn for good: a story
            # taken down, or back to draft, must not reopen to whoever holds one.
            revoke_preview_links(article)
        return StatusChange.objects.create(
            article=article,
            user=user,
            from_status=from_status,
            to_status=to_status,
            # Publishing: the time it sets. Leaving published: the time that was in
            # effect, so the history can tell unscheduling from taking a story down.
            published_at=article.published_at
            if Status.PUBLISHED in (to_status, from_status)
            else None,
            note=note.strip(),
        )


def record_new_time(article, previous, *, user):
    """Record that a save gave published ``article`` another time than ``previous``.

    A scheduled story moved to another time, or a live one redated, keeps its
    status, so no workflow move records it; without this row the history went
    on saying "Scheduled for" the old time. The row reads "Scheduled →
    Scheduled for <new time>" or "Published → Dated <new time>", and its note
    names the old time. Returns the ``StatusChange``, or None when nothing moved.
    """
    if article.status != Status.PUBLISHED or article.published_at == previous:
        return None
    was = date_format(timezone.localtime(previous), "DATETIME_FORMAT") if previous else "none"
    return StatusChange.objects.create(
        article=article,
        user=user,
        from_status=Status.PUBLISHED,
        to_status=Status.PUBLISHED,
        published_at=article.published_at,
        note=f"{NEW_TIME_NOTE_START}{was}.",
    )


WITHDRAWN, NOT_PUBLIC = "withdrawn", "not public"


def hidden_page_at(path):
    """``WITHDRAWN`` or ``NOT_PUBLIC`` if ``path`` is the address of a story, writer or
    source readers may not see now; None for a public one, or for any other address.

    A kept redirect is followed only when this is None: one to a story since
    taken down must neither lead to it nor name its new slug, and one to a
    writer's or source's renamed page must not name the new slug once the
    page is gone (their only public story taken down). Two or three small
    queries, and only when a kept redirect is found.
    """
    # A row may name the page in full, on one of the site's own host names.
    local = own_path(path)
    if local is None:
        return None
    try:
        match = resolve(urlsplit(local).path)
    except Resolver404:
        return None
    slug = match.kwargs.get("slug")
    if match.view_name in ("authors:detail", "feeds:author_rss", "feeds:author_atom"):
        return _not_public(Author.objects.filter(slug=slug), public_authors())
    if match.view_name in ("sources:detail", "feeds:source_rss", "feeds:source_atom"):
        return _not_public(Source.objects.filter(slug=slug), public_sources())
    if match.view_name != "articles:detail":
        return None
    stories = Article.objects.filter(slug=slug)
    if stories.withdrawn().exists():
        return WITHDRAWN
    # Public, or no story at all there (an editor's redirect to a page that is
    # gone): nothing to hide.
    return _not_public(stories, Article.objects.published())


# Pages that answer whatever the database holds.
_ALWAYS_LIVE = frozenset(
    {
        "articles:home", "articles:search", "authors:index", "sources:index", "feeds:index",
        "workflow:corrections", "pages:about",
    }
)


def live_page_at(path):
    """What ``path`` shows readers now ("the Europe section"), or "" where it is no page.

    A kept redirect is followed only where the address answers 404 (the
    redirect middleware acts then): one from a live page does nothing while
    the page is there, which the redirects admin says. One or two small queries.
    """
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return ""
    name, slug = match.view_name, match.kwargs.get("slug")
    if name in _ALWAYS_LIVE:
        return "a page of the site"
    if name == "articles:detail":
        story = Article.objects.published().filter(slug=slug).only("headline").first()
        return f"the story “{story.headline}”" if story else ""
    if name == "sections:detail":
        section = Section.objects.filter(slug=slug).only("name").first()
        return f"the {section.name} section" if section else ""
    if name == "authors:detail":
        author = public_authors().filter(slug=slug).only("name").first()
        return f"{author.name}'s page" if author else ""
    if name == "sources:detail":
        source = public_sources().filter(slug=slug).only("name").first()
        return f"the page of {source.name}" if source else ""
    if name == "pages:page":
        page = AboutPage.objects.filter(url=urlsplit(path).path).only("title").first()
        return f"the About page “{page.title}”" if page else ""
    return ""


def _not_public(rows, public):
    """``NOT_PUBLIC`` when ``rows`` holds something and none of it is in ``public``."""
    if rows.exists() and not rows.filter(pk__in=public.values("pk")).exists():
        return NOT_PUBLIC
    return None


def has_been_public(article):
    """Whether readers could once see ``article``, now off the site or not.

    Public now, or a move took it off the site after its time had come: its
    address was shared then, and may be again once it is back.
    """
    return (
        article.is_public
        or article.status_changes.filter(
            from_status=Status.PUBLISHED, created_at__gte=F("published_at")
        ).exists()
    )


def _has_gone_public(article, published_at):
    """Whether a story in the published status has reached its time: readers could see it.

    ``published_at`` is the time saved on the story. The admin saves a typed time
    before it makes the move, so a live story sent back to draft with a later time
    in the same save would look merely scheduled; the time set by the move that
    published it says otherwise.
    """
    now = timezone.now()
    if published_at is not None and published_at <= now:
        return True
    published = (
        article.status_changes.filter(to_status=Status.PUBLISHED)
        .values_list("published_at", flat=True)
        .first()
    )
    return published is not None and published <= now


def submit_for_review(article, *, user, note=""):
    """The writer hands the story to the desk."""
    return transition(article, Status.REVIEW, user=user, note=note)


def publish(article, *, user, when=None):
    """Publish now, or schedule when ``when`` (or the story's ``published_at``) is in the future."""
    return transition(article, Status.PUBLISHED, user=user, published_at=when)


def unpublish(article, *, user, note):
    """Take a story off the site and back to draft; ``note`` says why."""
    return transition(article, Status.DRAFT, user=user, note=note)


def archive(article, *, user, note=""):
    """Take a story off the site for good; this is what "delete" means in daily work."""
    return transition(article, Status.ARCHIVED, user=user, note=note)


def next_scheduled_at():
    """When the next scheduled story goes public, or None.

    Caches of public pages must not live past this moment, or a story would
    appear late.
    """
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


# Updates, corrections and addresses ------------------------------------------------


def mark_substantive_update(article, when=None):
    """Show readers an "Updated" time; only for real changes, never for a typo fix.

    Has no effect on a story that is not public yet: its first publication is
    not an update.
    """
    if not article.is_public:
        return False
    article.substantive_update_at = when or timezone.now()
    # That column alone: the rest of the copy in memory may be older than the
    # row, and ``updated_at`` stays the version the story form was opened on.
    # A save, not an UPDATE, so the pages that show the time hear of it even
    # when nothing else changed (articles.cache).
    article.save(update_fields=["substantive_update_at"])
    return True


class CorrectionRefused(ValidationError):
    """A correction or update on a story no reader has seen; the message says what to do."""


NOT_SEEN_CORRECTION = (
    "No reader has seen this story yet, so there is no earlier version to correct or "
    "update: make the change in the story itself, and take this correction out. "
    "Corrections and updates can be added once the story has been public."
)


def correction_refused(article):
    """Why a correction or update may not be added to ``article`` now, or None.

    A correction tells readers what changed since they read the story. Added
    while the story was a draft or scheduled, one was shown once the story
    went public ("This story has been corrected", and in the corrections log),
    though no reader had seen a wrong version: the change belongs in the copy.
    So it is refused until readers could see the story (``has_been_public``):
    public now, or taken down (and perhaps back as a draft, scheduled again or
    archived) after they had, when a correction records what changed since.
    """
    if article.pk is None or not has_been_public(article):
        return NOT_SEEN_CORRECTION
    return None


def add_correction(article, *, kind, note, when=None):
    """Attach a dated correction, clarification or update, which is also a substantive update.

    Refused (:class:`CorrectionRefused`) on a story no reader has seen
    (``correction_refused``).
    """
    refused = correction_refused(article)
    if refused:
        raise CorrectionRefused(refused, code="not_seen")
    correction = Correction.objects.create(
        article=article, kind=kind, note=note, created_at=when or timezone.now()
    )
    mark_substantive_update(article, correction.created_at)
    return correction


def keep_old_addresses(moves):
    """Keep public addresses working with a 301 after they moved; ``moves`` maps old to new.

    Uses ``django.contrib.redirects`` (served by
    ``newsroom.middleware.QueryTolerantRedirectMiddleware``).
    Earlier redirects to an old address are pointed straight at its new one, so
    readers never follow a chain, and redirects away from a new address are
    removed, so an address moved back and forth never loops. However many
    addresses move (a renamed section moves all its stories), the redirects are
    read in one query and written in bulk. Returns the redirects from the old
    addresses.
    """
    # A redirect holds paths of up to 200 characters, and a story's address can
    # be longer (its slug alone may be). Such an address is left to the story
    # page, which finds a story by its slug; a database error here would lose
    # the editor's whole save.
    longest = Redirect._meta.get_field("old_path").max_length
    moves = {
        old: new
        for old, new in moves.items()
        if old and old != new and max(len(old), len(new)) <= longest
    }
    if not moves:
        return []
    site = Site.objects.get_current()
    with transaction.atomic():
        Redirect.objects.filter(site=site, old_path__in=moves.values()).delete()
        kept, changed = [], []
        for redirect in Redirect.objects.filter(
            Q(old_path__in=moves) | Q(new_path__in=moves), site=site
        ):
            if redirect.old_path in moves:
                redirect.new_path = moves[redirect.old_path]
                kept.append(redirect)
            else:
                redirect.new_path = moves[redirect.new_path]
            changed.append(redirect)
        Redirect.objects.bulk_update(changed, ["new_path"])
        already = {redirect.old_path for redirect in kept}
        kept += Redirect.objects.bulk_create(
            Redirect(site=site, old_path=old, new_path=new)
            for old, new in moves.items()
            if old not in already
        )
    if cache.purge_is_configured():
        # A CDN may still hold the old pages; once dropped, it fetches the 301.
        cache.invalidate_on_commit(set(moves))
    return kept


def take_the_lead(article):
    """Make ``article``, pinned and public, the home page's lead; return the stories it replaced.

    The home page leads with the newest pinned story. An editor who pinned an
    older one saw nothing change, and several stories ended up pinned with no
    word of which leads. The other public pinned stories are unpinned instead,
    so the story pinned last leads. A story scheduled for later replaces no one
    yet: the newest pinned story, it leads from its time. Unpinning is the front
    page's arrangement, not an edit: the stories' modified times stay as they are.

    Two editors pinning two stories at the same instant each looked for the other
    pinned stories before the other's pin was committed, and both stories stayed
    pinned. The site's row is locked first, so one lead is chosen at a time: the
    second waits for the first to commit, then finds its story and unpins it.
    (SQLite lets one writer at a time in; it has no row locks and needs none.)
    """
    if not (article.is_pinned and article.is_public):
        return []
    with transaction.atomic():
        lock_the_front_page()
        return _unpin_all_but(article)


def settle_the_lead():
    """Unpin the public stories a later pinned one has taken the lead from; return them.

    A pinned story scheduled for later takes the lead at its time, with no job
    running then to unpin the story it replaced: that one stayed ticked "Lead
    story" in the admin, and led the home page again, hours out of date, as
    soon as the new lead was unpinned or taken down. Every move in the workflow,
    and every admin save that pins or unpins, settles it first: the newest
    pinned public story (the one the home page leads with) keeps its pin, the
    others lose it.
    """
    with transaction.atomic():
        lock_the_front_page()
        pinned = Article.objects.published().filter(is_pinned=True)
        lead = pinned.order_by("-published_at", "-pk").values_list("pk", flat=True).first()
        if lead is None:
            return []
        # A story another editor is saving now is left to the next settling: a
        # stale pin on a story older than the lead changes nothing on the page.
        stale = list(
            pinned.exclude(pk=lead).select_for_update(skip_locked=True).only("pk", "headline")
        )
        Article.objects.filter(pk__in=[story.pk for story in stale]).update(is_pinned=False)
        return stale


def lock_the_front_page():
    """Lock the home page's arrangement (its lead) until the transaction ends.

    The front page is the site's: its row stands for it. Whatever may change
    the lead (a workflow move, a save that pins or unpins) takes this lock
    *before* its story's row: the move that takes the lead then locks the other
    pinned stories' rows to unpin them, and a move that held its own story's
    row while it waited here held one of those rows. Two editors, one
    publishing a pinned story while the other took the old lead down, each
    waited for the other, and PostgreSQL failed one of the two moves. A save
    that cannot change the lead (a typo fixed in the lead) holds only its
    row, and the move that unpins that row waits for it to commit.
    """
    list(Site.objects.select_for_update().filter(pk=settings.SITE_ID).values_list("pk"))


def _unpin_all_but(article):
    replaced = list(
        Article.objects.published()
        .filter(is_pinned=True)
        .exclude(pk=article.pk)
        .only("pk", "headline")
    )
    if replaced:
        Article.objects.filter(pk__in=[story.pk for story in replaced]).update(is_pinned=False)
    return replaced


def redirect_old_url(article, old_path):
    """Keep a story's old address working with a 301 after its slug, date or section changed."""
    kept = keep_old_addresses({old_path: article.get_absolute_url()})
    return kept[0] if kept else None


def keep_renamed_addresses(before, after):
    """Keep every public address of a renamed author or source working with a 301.

    ``before`` is the row as it was loaded before the save, ``after`` the row
    saved; the model lists the addresses that contain its slug in
    ``public_paths()``, in the same order for both.
    """
    if before.slug == after.slug:
        return []
    return keep_old_addresses(dict(zip(before.public_paths(), after.public_paths(), strict=True)))


def keep_section_addresses(before, section):
    """Keep a renamed section's page, feeds and public stories working with a 301.

    A story's address starts with its section's slug, so renaming a section
    moves each of its public stories (not those of its subsections, which
    carry their own slug). The story page finds a story by its slug alone and
    redirects any other address to the new one, but that is not enough: an
    earlier redirect to the story would then take two hops, and once the
    story's slug changes too its old address would be lost. So each public
    story gets a redirect as well, read in one query and written in bulk;
    drafts and scheduled stories never had a public address to keep.
    """
    if before.slug == section.slug:
        return []
    moves = dict(zip(before.public_paths(), section.public_paths(), strict=True))
    stories = Article.objects.published().filter(section=section)
    for story in stories.only("slug", "published_at", "created_at", "section"):
        story.section = before
        old_path = story.get_absolute_url()
        story.section = section
        moves[old_path] = story.get_absolute_url()
    return keep_old_addresses(moves)


PREVIEW_LINK_LIFETIME = timedelta(hours=48)


def create_preview_link(article, *, user, lifetime=PREVIEW_LINK_LIFETIME):
    """A link to ``article`` for someone without an account; see ``PreviewLink``."""
    if article.is_public:
        raise ValidationError("The story is public already: share its address instead.")
    if article.status == Status.ARCHIVED:
        raise ValidationError(
            "An archived story cannot be shared for preview: bring it back to draft first."
        )
    return PreviewLink.objects.create(
        article=article,
        key=secrets.token_urlsafe(24),
        created_by=user,
        expires_at=timezone.now() + lifetime,
    )


def working_preview_links(article):
    """``article``'s preview links that work now (``PreviewLink.is_active``), oldest
    first, each with the user who made it."""
    links = article.preview_links.select_related("created_by").order_by("pk")
    return [link for link in links if link.is_active]


def revoke_preview_links(article):
    """Withdraw every preview link to ``article`` not yet withdrawn or expired; return how many.

    Expired links are left as they are, so the count is of links that still worked.
    """
    now = timezone.now()
    return PreviewLink.objects.filter(
        article=article, revoked_at__isnull=True, expires_at__gt=now
    ).update(revoked_at=now)


def recover(article, *, user):
    """Bring a deleted story back, as a draft: it left the site, it returns through review.

    The record keeps the status it was deleted in, and reads as a recovery
    ("Recovered as Draft"; ``StatusChange.is_recovery``), not as a move.
    """
    from_status = article.status
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    article.status = Status.DRAFT
    return StatusChange.objects.create(
        article=article,
        user=user,
        from_status=from_status,
        to_status=Status.DRAFT,
        note=RECOVERED_NOTE,
    )


def last_saved_by(article):
    """``(user, when, move)`` of the latest save or status change of ``article``.

    Copy edits are known from the revision history, status changes from their
    own record; whichever is later is the one that changed the story last.
    ``move`` is that status change when it was the last, else None; ``user``
    may be None (an account since deleted, or no record at all).
    """
    from reversion.models import Version

    candidates = []
    version = (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
        .first()
    )
    if version is not None:
        candidates.append((version.revision.date_created, version.revision.user, None))
    change = article.status_changes.select_related("user").order_by("-created_at", "-pk").first()
    if change is not None:
        candidates.append((change.created_at, change.user, change))
    if not candidates:
        return None, article.updated_at, None
    when, user, move = max(candidates, key=lambda candidate: candidate[0])
    return user, when, move


def move_in_words(move):
    """A status change as what its maker did: "archived this story"."""
    if move.to_status == Status.PUBLISHED:
        scheduled = move.published_at is not None and move.published_at > move.created_at
        return "scheduled this story" if scheduled else "published this story"
    if move.to_status == Status.ARCHIVED:
        return "archived this story"
    if move.to_status == Status.REVIEW:
        return "submitted this story for review"
    if move.from_status == Status.REVIEW:
        return "sent this story back to its writer"
    return "moved this story back to draft"


def sent_back(article, latest=None):
    """The move that sent ``article`` back from review to its writer, if that is where it is.

    Its latest status change, when that took it from review to draft and was
    made by someone else than the writer who started it (an editor returning
    it, not the writer taking a submission back), and was no recovery. None
    otherwise. Its note says what to fix. ``latest`` is that change when the
    caller has read it already.
    """
    if article.pk is None or article.status != Status.DRAFT:
        return None
    if latest is None:
        latest = (
            article.status_changes.select_related("user").order_by("-created_at", "-pk").first()
        )
    if (
        latest is None
        or (latest.from_status, latest.to_status) != (Status.REVIEW, Status.DRAFT)
        or latest.is_recovery
        or latest.user_id == article.created_by_id
    ):
        return None
    return latest


def _with_sent_back(drafts):
    """``drafts`` as a list, each with ``sent_back`` (see above): one query for all."""
    drafts = list(drafts)
    moves = StatusChange.objects.select_related("user").in_bulk(
        [draft.last_move for draft in drafts if draft.last_move]
    )
    for draft in drafts:
        move = moves.get(draft.last_move)
        draft.sent_back = sent_back(draft, move) if move is not None else None
    return drafts


def editor_dashboard(user, limit=8):
    """The lists on the admin home page, each a small queryset fit for a template loop."""
    mine = Q(created_by=user) | Exists(
        Byline.objects.filter(article=OuterRef("pk"), author__user=user)
    )
    # Each list ends its order on the id: two stories saved or published in
    # the same instant (a bulk publish) keep their places between reloads.
    stories = Article.objects.select_related("section").order_by("-updated_at", "-pk")
    if not can_publish(user):
        # Writers see their own stories only, the ones they can open.
        stories = stories.filter(mine)
    corrections = Correction.objects.select_related("article", "article__section")
    if not can_publish(user):
        # Corrections on stories readers can see, as writers reach them there: the
        # headlines of embargoed stories and legal takedowns are the desk's alone.
        corrections = corrections.filter(article__in=Article.objects.published())
    now = timezone.now()
    latest_change = StatusChange.objects.filter(article=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    in_review = stories.filter(status=Status.REVIEW)
    sent_in = StatusChange.objects.filter(article=OuterRef("pk"), to_status=Status.REVIEW)
    return {
        # An editor opens any story from the lists; a writer opens their own,
        # so the lists of everyone's stories link them to the public pages.
        "opens_every_story": can_publish(user),
        "my_drafts": _with_sent_back(
            stories.filter(mine, status=Status.DRAFT).annotate(
                last_move=Subquery(latest_change.values("pk")[:1])
            )[:limit]
        ),
        # Longest waiting first, with who wrote each and when it was sent in:
        # listed by their last save, newest first, the stories waiting longest
        # fell off the end of the list, and nothing said there were more.
        "in_review": in_review.annotate(
            sent_in_at=Subquery(sent_in.order_by("-created_at", "-pk").values("created_at")[:1])
        )
        .prefetch_related(bylines_prefetch())
        .order_by(F("sent_in_at").asc(nulls_first=True), "pk")[:limit],
        "in_review_count": in_review.count(),
        "scheduled": stories.filter(status=Status.PUBLISHED, published_at__gt=now).order_by(
            "published_at", "pk"
        )[:limit],
        "recently_published": Article.objects.published()
        .select_related("section")
        .order_by("-published_at", "-pk")[:limit],
        "recent_corrections": corrections.order_by("-created_at", "-pk")[:limit],
    }
