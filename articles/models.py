"""Stories and what hangs off them: bylines, source credits."""

import math
import re
from datetime import timedelta
from functools import lru_cache
from html import unescape

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.core.validators import RegexValidator
from django.db import connections, models, router
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from articles import slugs
from articles.fields import CleanCharField, CleanTextField
from articles.images import featured_image_path, validate_image_upload
from articles.renditions import schedule_renditions
from articles.sanitiser import clean_body
from newsroom.formats.en.formats import DATETIME_FORMAT as DESK_DATETIME_FORMAT

# The body's paragraphs (the first with words in it summarises a story without a standfirst).
_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.S)

# Adults' reading speeds as the International Reading Speed Texts measured them
# (Trauzettel-Klosinski et al., 2012): English 228 words a minute, Chinese 255
# characters and Japanese 357. Chinese and Japanese put no spaces between
# words, so each of their characters counts as one word, as word processors
# count them, and is read at its own language's rate per character.
WORDS_PER_MINUTE = 230
CHARACTERS_PER_MINUTE = {"zh": 255, "ja": 357}
# Han characters, kana and their compatibility forms: one counted word each.
_ONE_CHARACTER_WORDS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
_SPACED = rf"[^\W{_ONE_CHARACTER_WORDS}]+"
_WORD = re.compile(rf"[{_ONE_CHARACTER_WORDS}]|{_SPACED}(?:[’'-]{_SPACED})*")
# Where one block of the body ends and the next begins, words do not run on:
# "<li>Certify the count</li><li>Convene parliament</li>" is five words, not four.
_BLOCK_BOUNDARY = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|blockquote|figure|figcaption|table|caption|tr|td|th|hr|br)\b[^>]*>",
    re.I,
)


@lru_cache(maxsize=4096)
def _reverse(viewname, kwargs, urlconf, prefix):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def cached_reverse(viewname, **kwargs):
    """``reverse(viewname, kwargs=kwargs)``, worked out once per process for each address.

    For the public pages of stories, sections, authors and sources, whose
    address depends only on the values passed here (slugs, a date): a story
    page names some twenty of them, and ``reverse`` is the costliest part of
    each link. What else ``reverse`` reads, the request's URLconf and script
    prefix, is part of the key; the URL patterns themselves only change when a
    test overrides ``ROOT_URLCONF``, which empties the memo (below). No
    pattern is translated, so the active language plays no part.
    """
    return _reverse(viewname, tuple(kwargs.items()), get_urlconf(), get_script_prefix())


@receiver(setting_changed, dispatch_uid="articles_cached_reverse")
def _forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


def count_words(html):
    """Count the words a reader sees in an HTML body.

    A Chinese or Japanese character counts as one word (those scripts put no
    spaces between words); so does each word of the scripts that do.
    """
    return len(_WORD.findall(unescape(strip_tags(_BLOCK_BOUNDARY.sub(" ", html or "")))))


def public_q(prefix=""):
    """``published()``'s condition as a ``Q``, on the story ``prefix`` leads to.

    For a query that reaches stories through another row (``prefix`` =
    "article__": a byline's or a credit's story), where a subquery of
    ``Article.objects.published()`` would cost a join the condition does not
    need. The same words as ``published()``, which is built from it.
    """
    return models.Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of public: published, and its time has come.

        Visibility is decided at query time, so a story scheduled for 14:00 is
        public at 14:00 everywhere without a job runner.
        """
        return self.filter(public_q())

    def withdrawn(self):
        """Archived stories readers could once read: taken down after their time had come.

        Their addresses answer 410 Gone rather than 404. A story archived as a
        draft, or unscheduled before its time, was never public and stays a 404,
        so nothing about it leaks.
        """
        # The time the move recorded, not the story's time now: a story
        # unpublished, given a later time, then archived was still public once.
        # As services.has_been_public asks of one story.
        taken_down = StatusChange.objects.filter(
            article=models.OuterRef("pk"),
            from_status=Article.Status.PUBLISHED,
            created_at__gte=models.F("published_at"),
        )
        return self.filter(models.Exists(taken_down), status=Article.Status.ARCHIVED)

    def scheduled(self):
        """Published stories whose time has not come yet."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self):
        """What a list of stories needs, in a fixed number of queries."""
        return self.select_related("section", "section__parent").prefetch_related(
            bylines_prefetch()
        )

    def for_story(self, *, with_section=True):
        """Everything the story page shows, in one query per relation.

        The reader's page and the editor's preview both use it, so a preview
        costs what the page costs. The search vector is left behind: no page
        shows it, and it is a few kilobytes per story that PostgreSQL would
        have to decompress and print as text for every request.

        Of the story's writers and sources it reads what the page prints (a
        writer's biography and picture, a source's notes, are for their own
        pages), and of the story neither its import note nor its fingerprint:
        fewer columns to send and fewer model fields to fill, on every request.

        ``with_section=False`` leaves the story's section (and its parent) out
        of the query, for a caller that takes it from the request's section
        tree, which the page's navigation loads anyway
        (``SectionTree.attach``): two joins fewer to compile and run.
        """
        stories = self.defer(*STORY_UNSHOWN_FIELDS)
        if with_section:
            stories = stories.select_related("section", "section__parent")
        return stories.prefetch_related(
            models.Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("author")
                .only(*STORY_BYLINE_FIELDS)
                .order_by("position", "pk"),
            ),
            models.Prefetch(
                "source_credits",
                queryset=SourceCredit.objects.select_related("source")
                .only(*STORY_CREDIT_FIELDS)
                .order_by("role", "position", "pk"),
            ),
            "corrections",
        )

    def related_to(self, article, limit, *, desk_section_ids=()):
        """Up to ``limit`` stories a reader of ``article`` would want next, best first.

        In this order, newest first within each kind, each story once and never
        ``article`` itself:

        1. stories in its section from the last ``RELATED_WINDOW``;
        2. stories from that window sharing an author with it, or a source
           other than a news agency (the house agency and the wires are
           credited on most of the news, so sharing one says nothing);
        3. stories from that window in the other sections of its desk
           (``desk_section_ids``: its top-level section and every section
           under that, so World and its regions for a story in Europe);
        4. its section's older stories, so a quiet section still lists its own.

        One query: each kind is its own ``ORDER BY published_at DESC LIMIT``
        (an index walk that stops early), joined with ``UNION ALL``, and the
        few rows are ranked here. Cutting every kind to ``limit`` loses
        nothing: a kind only needs as many rows as the kinds before it left
        room for, plus those it shares with them. Authors and sources are read
        from ``article.bylines.all()`` and ``article.source_credits.all()``
        (with each credit's source), so a story loaded with ``for_story()``
        costs no query for them. Choose the columns with ``only()`` before
        calling; the result is a list.
        """
        others = self.exclude(pk=article.pk).order_by(*NEWEST_FIRST)
        recent = timezone.now() - RELATED_WINDOW
        # Kinds 2 and 3 stop at the window: without a bound, for a writer who
        # left years ago or an outlet no longer cited (many stories in the
        # statistics, all of them old) PostgreSQL walks the whole archive
        # newest first to find four.
        latest = others.filter(published_at__gte=recent)
        kinds = []
        if article.section_id:
            kinds.append((RELATED_SECTION, others.filter(section_id=article.section_id)))
        author_ids = {byline.author_id for byline in article.bylines.all()}
        if author_ids:
            bylined = Byline.objects.filter(author_id__in=author_ids).values("article_id")
            kinds.append((RELATED_SHARED, latest.filter(pk__in=bylined)))
        # Sharing an agency relates nearly every story to every other: the house
        # agency is credited on most of the news. The newspapers, broadcasters,
        # governments and organisations a story credits are particular to it.
        # Told by kind, not by counting credits as the page is built, which cost
        # a query part per source and milliseconds of SQL (decision 0022).
        source_ids = {
            credit.source_id
            for credit in article.source_credits.all()
            if credit.source.kind != credit.source.Kind.AGENCY
        }
        if source_ids:
            credited = SourceCredit.objects.filter(source_id__in=source_ids).values("article_id")
            kinds.append((RELATED_SHARED, latest.filter(pk__in=credited)))
        desk_ids = set(desk_section_ids) - {article.section_id}
        if desk_ids:
            kinds.append((RELATED_DESK, latest.filter(section_id__in=desk_ids)))
        if not kinds:
            return []
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            parts = [
                stories.annotate(related_by=models.Value(kind))[:limit] for kind, stories in kinds
            ]
        else:
            # SQLite allows no LIMIT on a part of a compound query; it does
            # inside ``id IN (...)`` (see ``newest_of``).
            parts = [
                self.filter(pk__in=stories.values("pk")[:limit])
                .annotate(related_by=models.Value(kind))
                .order_by()
                for kind, stories in kinds
            ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        rank = {}
        for story in rows:
            kind = story.related_by
            if kind == RELATED_SECTION and story.published_at < recent:
                kind = RELATED_SECTION_ARCHIVE
            # A story of several kinds (same section and same author) counts as the best.
            if story.pk not in rank or kind < rank[story.pk][0]:
                rank[story.pk] = (kind, story)
        ranked = sorted(
            rank.values(),
            key=lambda pair: (pair[0], -pair[1].published_at.timestamp(), -pair[1].pk),
        )
        return [story for _, story in ranked[:limit]]

    def newest_of(self, candidate_lists, per_list):
        """The stories that are among the ``per_list`` newest of any of ``candidate_lists``.

        One query: each list becomes ``SELECT id ... ORDER BY published_at DESC
        LIMIT per_list`` (an index scan that stops early), and the outer query
        reads the rows of their ``UNION ALL`` by primary key. A window function
        over the same stories (or ``OR`` of the conditions) would rank or scan
        every matching story, which at 100,000 stories is most of the table.
        Build the candidate lists from this queryset; the outer query keeps its
        filters too.
        """
        if not candidate_lists:
            return self.none()
        parts = [
            stories.order_by(*NEWEST_FIRST).values("pk")[:per_list] for stories in candidate_lists
        ]
        if not connections[self.db].features.supports_slicing_ordering_in_compound:
            # SQLite allows no LIMIT on a part of a compound query; it does
            # inside ``id IN (...)``. (Compiling the extra level costs time,
            # so the databases that can do without it do.)
            base = self.model._base_manager
            parts = [base.filter(pk__in=part).order_by().values("pk") for part in parts]
        ids = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return self.filter(pk__in=ids)

    def latest_per_group(self, group_of_section, per_group):
        """The newest ``per_group`` stories of each group of sections, in one query.

        ``group_of_section`` maps a section id to the id of the group it counts
        under (on the home page: its top-level section). Each story gets
        ``group_id``. One query whatever the number of groups (``newest_of``).
        """
        sections_of_group = {}
        for section_id, group_id in group_of_section.items():
            sections_of_group.setdefault(group_id, []).append(section_id)
        if not sections_of_group:
            return self.none()
        group = models.Case(
            *(
                models.When(section_id=section_id, then=models.Value(group_id))
                for section_id, group_id in group_of_section.items()
            ),
            output_field=models.IntegerField(),
        )
        candidates = [
            self.filter(section_id__in=section_ids) for section_ids in sections_of_group.values()
        ]
        return self.newest_of(candidates, per_group).annotate(group_id=group)


# Columns a save writes that are no change of their own: when the story was
# last changed, the search index a database trigger keeps, and what is worked
# out from the body and the image, which are compared themselves.
NOT_A_CHANGE = frozenset(
    {"updated_at", "search_vector", "word_count", "featured_image_width", "featured_image_height"}
)

# Public lists read newest first; the primary key breaks ties between stories
# published in the same second.
NEWEST_FIRST = ("-published_at", "-pk")

# Related stories, best kind first (ArticleQuerySet.related_to).
RELATED_SECTION = 1
RELATED_SHARED = 2
RELATED_DESK = 3
RELATED_SECTION_ARCHIVE = 4
# How long a story in the same section outranks everything else. Past it, a
# story by the same writer or from the same outlet is the better next read.
RELATED_WINDOW = timedelta(days=30)


def public_authors():
    """Authors with a public story: those whose page, feeds and listing readers see."""
    from authors.models import Author

    bylined = Article.objects.published().filter(bylines__author=models.OuterRef("pk"))
    return Author.objects.filter(models.Exists(bylined))


def public_sources():
    """Sources a public story credits (as its origin or cited): those with a page."""
    from sources.models import Source

    credited = Article.objects.published().filter(source_credits__source=models.OuterRef("pk"))
    return Source.objects.filter(models.Exists(credited))


# What the story page (and its preview) never reads of a story: the search
# vector (a few kilobytes PostgreSQL would print as text for every request),
# the importer's note and the fingerprint that finds duplicate wire copy.
STORY_UNSHOWN_FIELDS = ("search_vector", "import_note", "content_fingerprint")
# What the story page reads of its bylines and credits: names and addresses,
# a writer's job title (structured data), a source's kind (related stories
# pass over agencies) and home page (structured data links to it).
STORY_BYLINE_FIELDS = (
    "article", "author", "position", "author__name", "author__slug", "author__job_title"
)
STORY_CREDIT_FIELDS = (
    "article", "source", "role", "position",
    "source__name", "source__slug", "source__kind", "source__url",
)


def bylines_prefetch():
    """Bylines with their authors, in byline order: one query for any number of stories."""
    return models.Prefetch(
        "bylines", queryset=Byline.objects.select_related("author").order_by("position", "pk")
    )


# A story's language is printed as stored in its page's ``<html lang>``, its
# cards' ``lang`` attributes and the JSON-LD's ``inLanguage``, which want a
# BCP 47 tag, not a name ("French"): a primary language subtag of two or three
# letters, then any script, region or variant subtags (pt-BR, zh-Hant-TW,
# es-419). The news sitemap's ``news:language`` is narrower and is derived
# from it (sitemaps.news_language).
validate_language_code = RegexValidator(
    r"\A[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z",
    message="Use a language code such as en, fr or pt-BR.",
    code="invalid_language",
)

# ISO 639-1, every two-letter language code, and the six withdrawn ones older
# systems still write (iw for he, in for id, ji for yi, jw, mo, sh). Three-letter
# codes (fil, yue) are too many to list, and are taken as written.
_ISO_639_1 = (
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co
    cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu
    gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl
    km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my
    na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa
    sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts
    tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu iw in ji jw mo sh"""
)
TWO_LETTER_LANGUAGES = frozenset(_ISO_639_1.split())


def validate_known_language(value):
    """Refuse a two-letter language code no language has ("zz", "fe" typed for "fr")."""
    primary = value.partition("-")[0].lower()
    if len(primary) == 2 and primary not in TWO_LETTER_LANGUAGES:
        raise ValidationError(
            "“%(code)s” is no language’s code. Use a language code such as en, fr or pt-BR.",
            code="unknown_language",
            params={"code": primary},
        )


class LanguageCodeField(CleanCharField):
    """A language tag with its primary subtag in lower case, however it was typed.

    Tags are case-insensitive, so "EN" is taken as "en" rather than refused;
    the other subtags keep the case they were typed in (pt-BR and pt-br are
    the same tag).
    """

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        primary, dash, subtags = value.partition("-")
        return primary.lower() + dash + subtags

    def pre_save(self, model_instance, add):
        value = self.to_python(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class Article(models.Model):
    """A story: its copy, its section and address, and where it is in the workflow.

    Writers are on it through ``Byline`` and sources through ``SourceCredit``.
    What readers may see is ``Article.objects.published()``; a change of status
    goes through ``articles.services.transition``, which checks who may make it
    and records it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    # Copy still being written or edited: no reader's page shows it, and its
    # writer may still change it (services.can_edit).
    IN_PROGRESS = (Status.DRAFT, Status.REVIEW)

    headline = CleanCharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The story's address; keep it short and readable."
    )
    standfirst = CleanTextField(
        blank=True, help_text="One or two sentences under the headline; also the summary in feeds."
    )
    dateline = CleanCharField(
        max_length=100, blank=True, help_text="Where the story was reported from, e.g. Paris."
    )
    body = models.TextField(blank=True)
    section = models.ForeignKey(
        "sections.Section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    authors = models.ManyToManyField(
        "authors.Author", through="Byline", related_name="articles", blank=True
    )
    sources = models.ManyToManyField(
        "sources.Source", through="SourceCredit", related_name="articles", blank=True
    )
    is_original_reporting = models.BooleanField(
        "original reporting",
        default=False,
        help_text="Our own reporting: the story needs no origin source to be published.",
    )
    featured_image = models.ImageField(
        upload_to=featured_image_path,
        blank=True,
        validators=[validate_image_upload],
        width_field="featured_image_width",
        height_field="featured_image_height",
    )
    # Stored so pages can give <img> its width and height without opening the file.
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_alt = CleanCharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for screen readers.",
    )
    featured_image_caption = CleanCharField("caption", max_length=300, blank=True)
    featured_image_credit = CleanCharField("credit", max_length=150, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the story goes public; a time in the future schedules it.",
    )
    is_pinned = models.BooleanField(
        "lead story",
        default=False,
        help_text="Lead the home page with this story, in the place of the story that "
        "leads now; scheduled, it leads from its time.",
    )
    language = LanguageCodeField(
        max_length=10,
        default="en",
        validators=[validate_language_code, validate_known_language],
        help_text="A language code such as en, fr or pt-BR.",
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    # Set only by substantive updates, so a typo fix does not show as "Updated".
    substantive_update_at = models.DateTimeField(null=True, blank=True, editable=False)
    # PostgreSQL full-text search, kept current by a trigger in the database
    # (migrations), whatever writes the row. A plain column on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    content_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    import_note = CleanTextField(blank=True, editable=False)
    # Who started the story: writers may edit their own drafts (articles/services.py).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The last change to the story: its row, its bylines or its sources. A
    # save that changes none of them leaves it alone (``save``), so machines
    # are not told of a change that is not there (``last_modified_at``). The
    # story form takes it as the version it was opened on, so any column
    # counts, not only those readers see (docs/decisions/0026).
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # Set by ``save()``: False when it found the story stored exactly as it
    # was to be written, so there was nothing to tell readers' caches
    # (``articles.cache.record_change``).
    saved_a_change = True
    # Set by a caller that wrote the story's rows before saving it, as the
    # admin's restore does (django-reversion writes a version's rows, then the
    # form saves them): the stored row cannot tell whether this save changes
    # the story, so it counts as a change.
    rows_written_before_save = False

    class Meta:
        # What the desk calls them: "Add story", "Select story to change".
        verbose_name = "story"
        verbose_name_plural = "stories"
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # A section's public list in its exact order, tie-breaker included:
            # a deep page (?page=500) walks 10,000 entries of this index for its
            # ids instead of sorting every story of the section.
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_order_idx",
            ),
            # The admin's list and the date hierarchy's range read the newest
            # first across every status: without it, a sort of the whole table.
            models.Index(fields=["-published_at", "-id"], name="article_pub_order_idx"),
            # The sitemap index's date of the stories sitemap: the latest change
            # to a public story is a step down one of these (and the
            # status-and-publication index above), not a read of every row.
            models.Index(
                fields=["-updated_at"],
                name="article_public_saved_idx",
                condition=models.Q(status="published"),
            ),
            models.Index(
                fields=["-substantive_update_at"],
                name="article_public_update_idx",
                condition=models.Q(status="published"),
            ),
            # The home page's lead: a handful of pinned stories among 100,000.
            models.Index(
                fields=["-published_at"],
                name="article_pinned_idx",
                condition=models.Q(is_pinned=True),
            ),
        ]
        constraints = [
            # One definition of "public" (``published()``) asks for a time that
            # has come; a published story with none would be on no page, yet
            # listed as published. The form and the workflow refuse it; this
            # refuses whatever writes around them (a shell, a script, SQL).
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_story_has_time",
                violation_error_message="A published or scheduled story needs a publication time.",
            ),
        ]
        get_latest_by = "published_at"
        permissions = [
            ("publish_article", "Can publish, schedule, unpublish and archive stories"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Whatever path the body came by (admin, import, shell), it is sanitised
        # and its derived numbers recomputed here, in one place. A save that
        # writes other fields only (a publish, an archive) leaves the body as
        # stored: cleaning it again costs a parse of the whole body, and a body
        # stored before a later limit (articles/body_limits.py) would refuse
        # the save, so the story could not even be taken down.
        update_fields = kwargs.get("update_fields")
        if update_fields is None and not (self.slug or "").strip():
            # A story without an address broke every page that links to it
            # (get_absolute_url cannot reverse an empty slug). The admin and the
            # importer make one from the headline; a shell or a script that did
            # not gets the same.
            self.slug, _ = slugs.story_slug(
                Article,
                self.headline or "",
                self.dateline or "",
                slugs.ARTICLE_SLUG_CHARS,
                exclude_pk=self.pk,
            )
        if update_fields is None or "body" in update_fields:
            self.body = clean_body(self.body)
            self.word_count = count_words(self.body)
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "word_count"}
        unchanged = self._columns_as_stored(kwargs)
        self.saved_a_change = unchanged is None
        if unchanged is not None:
            # Written as they are (the signals, the version history and the
            # callers see a save as before), but for the time of the last change.
            self.updated_at, kwargs["update_fields"] = unchanged
        self.rows_written_before_save = False
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        when = timezone.localtime(self.published_at or self.created_at or timezone.now())
        return cached_reverse(
            "articles:detail",
            section=self.section.slug if self.section_id else "news",
            year=when.year,
            month=f"{when.month:02d}",
            day=f"{when.day:02d}",
            slug=self.slug,
        )

    @property
    def summary(self):
        """What describes the story to search engines and link previews: the standfirst,
        or without one the text of the body's first paragraph; '' if neither.

        Reads the body: for a story page, not a list (whose rows leave it out).
        """
        if (self.standfirst or "").strip():
            return self.standfirst.strip()
        for paragraph in _PARAGRAPH.finditer(self.body or ""):
            text = " ".join(unescape(strip_tags(paragraph.group(1))).split())
            if text:
                return text
        return ""

    @property
    def reading_time(self):
        """Minutes to read, at least one, at the pace the story's language is read."""
        primary = (self.language or "").split("-")[0]
        per_minute = CHARACTERS_PER_MINUTE.get(primary, WORDS_PER_MINUTE)
        return max(1, math.ceil(self.word_count / per_minute))

    @property
    def last_modified_at(self):
        """The story's last change for machines: JSON-LD, feeds, sitemaps, meta tags.

        The latest of its publication, its last save and its last substantive
        update. ``updated_at`` alone can predate publication (a story saved
        before its scheduled time) and misses corrections, which set
        ``substantive_update_at`` with an UPDATE, not a save. None for a story
        never saved.
        """
        moments = (self.published_at, self.updated_at, self.substantive_update_at)
        return max((moment for moment in moments if moment is not None), default=None)

    @property
    def shown_update_at(self):
        """The "Updated" time readers see under the publication time, or None.

        The last substantive update, only when it came after the publication
        time: a story corrected at 13:00, taken down and published again at
        13:19 read "13:19 · Updated 13:00", an update before the story it
        updates. A correction made since the story came back shows again.
        Machines are given the latest of all (``last_modified_at``).
        """
        updated = self.substantive_update_at
        if updated is None or self.published_at is None or updated <= self.published_at:
            return None
        return updated

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def _columns_as_stored(self, save_kwargs):
        """``(updated_at, columns)`` when every column the save writes holds its stored value.

        ``updated_at`` is the stored time of the last change, ``columns`` the
        names to write without it. None when anything differs, when the story
        is new, or when the save leaves ``updated_at`` alone anyway. One
        query, on the database written to (never a replica).
        """
        if self._state.adding or self.pk is None or self.rows_written_before_save:
            return None
        if save_kwargs.get("force_insert"):
            return None
        update_fields = save_kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            return None
        deferred = self.get_deferred_fields()
        named = None if update_fields is None else set(update_fields)
        written = [
            field
            for field in self._meta.concrete_fields
            if not field.primary_key
            and field.attname not in deferred
            and (named is None or {field.name, field.attname} & named)
        ]
        compared = [field for field in written if field.name not in NOT_A_CHANGE]
        if not compared:
            return None  # a save of ``updated_at`` alone: the caller means a change
        using = save_kwargs.get("using") or router.db_for_write(type(self), instance=self)
        stored = (
            type(self)
            ._base_manager.using(using)
            .filter(pk=self.pk)
            .values("updated_at", *(field.attname for field in compared))
            .first()
        )
        if stored is None:
            return None
        # An image file compares by its name, which is a new one for every upload.
        if any(getattr(self, field.attname) != stored[field.attname] for field in compared):
            return None
        return stored["updated_at"], [field.name for field in written if field.name != "updated_at"]


class Byline(models.Model):
    """One author on a story's byline; ``position`` keeps the order of names."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.Author", on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_byline")
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class SourceCredit(models.Model):
    """A source linked to a story, as its origin ("Source: X") or as cited in the text."""

    class Role(models.TextChoices):
        ORIGIN = "origin", "Based on (Source: …)"
        CITED = "cited", "Cited in the text"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="source_credits")
    source = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, related_name="credits"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.ORIGIN)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "source", "role"], name="unique_source_credit"
            )
        ]

    def __str__(self):
        # Read in the version history and on the delete page: the role's form
        # label ("Based on (Source: …)") nested brackets inside the brackets.
        # The headline is unquoted, as a byline's is: the history quotes the
        # whole ("Added source credit “Reuters (source) on Floods …”").
        return f"{self.source} ({self.role_word}) on {self.article}"

    @property
    def role_word(self):
        """The credit's role in a few plain words: "source" or "cited in the text"."""
        return ROLE_WORDS.get(self.role, self.role)


# How a credit's role reads inside a sentence ("Reuters (source) on <headline>").
ROLE_WORDS = {
    SourceCredit.Role.ORIGIN: "source",
    SourceCredit.Role.CITED: "cited in the text",
}


class CorrectionQuerySet(models.QuerySet):
    def shown_to_readers(self):
        """Corrections readers have seen: a public record, never to be rewritten or removed.

        A correction is shown with its story (``Article.objects.published()``),
        whenever it was made. So it has been seen if its story is public now, or
        was taken off the site after both its time had come and the correction
        was made (the test ``ArticleQuerySet.withdrawn`` makes of a story).
        """
        return self.filter(_shown_to_readers())

    def not_shown_to_readers(self):
        """Corrections no reader has seen yet: made while a story readers had seen was off
        the site, or on a draft or a scheduled story before ``services.add_correction``
        refused those (``services.correction_refused``)."""
        return self.exclude(_shown_to_readers())


def _shown_to_readers():
    # Moves off the published status made after the correction, at a time the
    # story had gone public: readers saw it, with the correction, until then.
    taken_down_since = StatusChange.objects.filter(
        article=models.OuterRef("article"),
        from_status=Article.Status.PUBLISHED,
        created_at__gte=models.OuterRef("created_at"),
        published_at__lte=models.F("created_at"),
    )
    return models.Q(article__in=Article.objects.published()) | models.Q(
        models.Exists(taken_down_since)
    )


class Correction(models.Model):
    """A dated note an editor attaches to a published story, shown to readers.

    Once readers have seen it (``CorrectionQuerySet.shown_to_readers``) it is
    part of the public record: the story form shows it read-only, and a wrong
    one is put right by another correction (docs/decisions/0007-django-reversion.md).
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.CORRECTION)
    note = CleanTextField(help_text="Plain text, shown to readers under the story.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["-created_at"], name="correction_created_idx")]

    def __str__(self):
        # Named under its story (the form's rows, its history, the delete page):
        # the headline again, and a bare ISO date, read as code there.
        # The desk's format spelt out, not looked up: Django writes the history
        # with translation off, where "DATETIME_FORMAT" is its own "Nov. 29, 2026, 12:38 a.m.".
        when = date_format(timezone.localtime(self.created_at), DESK_DATETIME_FORMAT)
        return f"{self.get_kind_display()} of {when}"


def display_name(user):
    """A staff member as the newsdesk names them: full name, else the username."""
    return user.get_full_name() or user.get_username()


# The note ``articles.services.recover`` writes on the change that brings a
# deleted story back as a draft. It is also how that change is told from a move
# in the workflow (``StatusChange.is_recovery``), so the rows written before
# that was shown read right too.
RECOVERED_NOTE = "Recovered after deletion."

# How the note of a change to a published story's time by a plain save begins
# (``articles.services.record_new_time``): a scheduled story moved to another
# time, or a live one redated. It is how such a row is told from "publish now",
# which is the same move (published → published).
NEW_TIME_NOTE_START = "Publication time moved from "


class StatusChange(models.Model):
    """One move of a story through the workflow: who, when, from what, to what, and why.

    Written by ``articles.services.transition``, and for the two moves that skip
    it, by ``services.recover`` (a deleted story back as a draft) and the
    importer (copy filed straight into review); shown on the story's admin page.

    The record outlives its story: deleting a story leaves its status history
    in place (no cascade, and no database constraint to demand one), so a
    story recovered from its history (same id) has it again, notes and all,
    and the record of who did what stays whether or not it is recovered.
    """

    article = models.ForeignKey(
        Article,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="status_changes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who it was, as named when the change was made: the record still says so
    # after their account is deleted (``user`` is then empty).
    user_name = models.CharField(max_length=150, blank=True, editable=False)
    from_status = models.CharField(max_length=10, choices=Article.Status.choices)
    to_status = models.CharField(max_length=10, choices=Article.Status.choices)
    # The publication time this change set, or (moving a published story elsewhere)
    # the one in effect: "scheduled for 14:00" and "unscheduled" stay on record.
    published_at = models.DateTimeField(null=True, blank=True)
    note = CleanTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        if self.is_recovery:
            return f"{self.article}: {self.recovery_label}"
        return f"{self.article}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    def save(self, *args, **kwargs):
        if self.user is not None and not self.user_name:
            # A full name can be longer than the column (first and last, 150 each).
            self.user_name = display_name(self.user)[: self._meta.get_field("user_name").max_length]
        super().save(*args, **kwargs)

    @property
    def made_by(self):
        """Who made the change, for the history: their name now, as named then, or "System"."""
        if self.user is not None:
            return display_name(self.user)
        if self.user_name:
            return f"{self.user_name} (account deleted)"
        # A command or a scheduled job, not a person.
        return "System"

    @property
    def was_scheduled(self):
        """True when this change published the story for a time after the change itself."""
        return (
            self.to_status == Article.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > self.created_at
        )

    @property
    def is_new_time(self):
        """True when a plain save moved a published story's time: rescheduled or redated."""
        published = Article.Status.PUBLISHED
        return (
            self.from_status == self.to_status == published
            and self.note.startswith(NEW_TIME_NOTE_START)
        )

    @property
    def from_label(self):
        """Where the story was, as editors say it: "Scheduled" when it was not public yet."""
        published = Article.Status.PUBLISHED
        if self.is_new_time:
            # A plain save may not move a live story into the future, nor a
            # scheduled one into the past: its new time tells which it was.
            return "Scheduled" if self.was_scheduled else self.get_from_status_display()
        if self.from_status == published and (
            self.to_status == published  # publishing now, or rescheduling
            or (self.published_at is not None and self.published_at > self.created_at)
        ):
            return "Scheduled"
        return self.get_from_status_display()

    @property
    def is_recovery(self):
        """True when this change brought the story back after it was deleted.

        Not a move in the workflow: the story comes back as a draft from the
        status it was deleted in, which may have been draft already.
        """
        return self.note == RECOVERED_NOTE and self.to_status == Article.Status.DRAFT

    @property
    def recovery_label(self):
        """A recovery as the history says it: "Recovered as Draft", never "Draft → Draft".

        A story deleted in another status says which: "Deleted while Published →
        Recovered as Draft" (it had been taken off the site by the deletion).
        """
        recovered = f"Recovered as {self.get_to_status_display()}"
        if self.from_status == self.to_status:
            return recovered
        return f"Deleted while {self.get_from_status_display()} → {recovered}"

    @property
    def to_label(self):
        """Where it went; "Published now" for a scheduled story published early, and
        "Dated …" for a live story given another publication time."""
        published = Article.Status.PUBLISHED
        if self.is_new_time and not self.was_scheduled:
            when = date_format(timezone.localtime(self.published_at), "DATETIME_FORMAT")
            return f"Dated {when}"
        if self.from_status == self.to_status == published and not self.was_scheduled:
            return "Published now"
        return self.get_to_status_display()


PREVIEW_LINK_SALT = "articles.preview-link"


class PreviewLink(models.Model):
    """A shareable, expiring, revocable link to an unpublished story.

    The URL carries ``key`` signed with the project's secret (``get_absolute_url``,
    read back by ``from_token``), so links cannot be guessed or forged; the row is
    what makes them revocable.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        token = signing.Signer(salt=PREVIEW_LINK_SALT).sign(self.key)
        return reverse("workflow:shared_preview", kwargs={"token": token})

    @classmethod
    def from_token(cls, token):
        """The link whose address ends in ``token``, with its story, or None.

        None for a token not signed with this site's secret (forged, or cut
        short in an e-mail) as for one whose row is gone.
        """
        try:
            key = signing.Signer(salt=PREVIEW_LINK_SALT).unsign(token)
        except signing.BadSignature:
            return None
        return cls.objects.select_related("article").filter(key=key).first()

    @property
    def is_active(self):
        """Usable now: not revoked, not expired, and the story still waiting for publication.

        A link is for reviewing a story before it goes out. The story being public
        or archived is read here, at request time, because a scheduled story goes
        public with no code running; once it has been public, ``services.transition``
        withdraws the link for good as the story leaves the site, so taking a story
        down (or back to draft) never brings its old links back.
        """
        return (
            self.revoked_at is None
            and self.expires_at > timezone.now()
            and self.article.status != Article.Status.ARCHIVED
            and not self.article.is_public
        )


class PendingImport(models.Model):
    """Copy previewed on the admin's import page, waiting for the editor to confirm it.

    The bytes wait here, not in the session: twenty files of up to 1 MB each
    made a session of tens of megabytes, read and decoded on every admin page
    the editor opened until they confirmed. The session holds only ``token``.
    Rows left unconfirmed are deleted once older than a session can live
    (``articles.admin_import``), and with their user.
    """

    token = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    section = models.ForeignKey(
        "sections.Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish = models.BooleanField(default=False)

    def __str__(self):
        return f"Import previewed by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"


class PendingImportFile(models.Model):
    """One file (or the pasted copy) of a :class:`PendingImport`, as the bytes previewed."""

    pending = models.ForeignKey(PendingImport, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    raw = models.BinaryField()

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


def story_changed(article_ids, using=None):
    """Record that stories changed now, through rows of their own (bylines, sources).

    An UPDATE of ``updated_at`` alone: no signal, no version. The story's own
    save, which the admin makes before its bylines and sources, cannot know
    of them; the page cache hears of the rows' changes through their own signals.
    """
    Article._base_manager.using(using).filter(pk__in=article_ids).update(
        updated_at=timezone.now()
    )


def credit_changed(sender, instance, raw=False, using=None, origin=None, **kwargs):
    """Signal receiver: a byline or source credit was saved or deleted, so its story changed.

    Readers see bylines and sources on the story page and in its structured
    data. Rows written raw (fixtures, a restored version) are left to whoever
    writes them; rows deleted with their story leave nothing to change.
    """
    if raw or isinstance(origin, Article) or getattr(origin, "model", None) is Article:
        return
    story_changed([instance.article_id], using)


def credits_added(sender, instance, action, reverse, pk_set, using, **kwargs):
    """Signal receiver: ``article.authors.add()`` and the like wrote bylines or credits.

    Removing them deletes the rows through their model (``credit_changed``).
    """
    if action != "post_add" or not pk_set:
        return
    story_changed(pk_set if reverse else [instance.pk], using)


for _credit in (Byline, SourceCredit):
    _uid = f"story-changed-{_credit._meta.label_lower}"
    post_save.connect(credit_changed, sender=_credit, dispatch_uid=f"{_uid}-save")
    post_delete.connect(credit_changed, sender=_credit, dispatch_uid=f"{_uid}-delete")
for _through in (Article.authors.through, Article.sources.through):
    _uid = f"story-changed-{_through._meta.label_lower}"
    m2m_changed.connect(credits_added, sender=_through, dispatch_uid=_uid)

# Image renditions are made once, after the row commits (articles/renditions.py).
# The author photo is hooked here too, so every image gets the same treatment.
post_save.connect(schedule_renditions, sender=Article, dispatch_uid="article_image_renditions")
post_save.connect(
    schedule_renditions, sender="authors.Author", dispatch_uid="author_photo_renditions"
)
