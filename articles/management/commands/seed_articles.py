"""Seed many realistic stories quickly, for benchmarks and for trying the site at scale.

``python manage.py seed_articles --count 100000`` files stories under the demo
sections, bylined to the demo reporters and a staff of generated ones, credited
to the demo agencies and a set of generated outlets, with featured images and
bodies the length of real news copy. Those the desk has are used as it left
them, renamed included, and never made again beside them (``desk_row``).
Publication times are spread over ``--years`` years, so a section's 500th
page exists at 100,000 stories, and a share of the stories are drafts, in
review, scheduled or archived.

Rows go in in batches, one transaction per batch: on PostgreSQL one
``INSERT … SELECT FROM unnest()`` per table (``insert_stories_postgresql``),
elsewhere ``bulk_create``. Either skips ``Article.save()``, so what ``save()``
derives is computed here instead:
bodies are assembled from a fixed set of paragraphs of the demo copy, cleaned
with ``clean_body`` once per body variant (not once per row) and their words
counted once. On PostgreSQL the search vector is built the same way: the
database computes each body variant's, standfirst's and dateline's part once, and
every row is inserted with its finished vector (only the short headline and the
names of its writers and sources, their other names too, are parsed per row). The
search-vector trigger (migrations 0003, 0007, 0023 and 0024) keeps such a
vector because ``insert_batch`` sets ``newsroom.keep_search_vector`` for its
transaction, and the bylines and credits inserted with it then leave the
names as sent; parsing every body again in the trigger was about 40% of the
database's work for a seed.

The same ``--seed`` gives the same stories. Slugs carry the seed, so a second
run with the same seed is refused instead of clashing; use another seed to add
more.
"""

import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.text import slugify

from articles import demo_content
from articles.models import Article, Byline, SourceCredit, count_words
from articles.renditions import make_renditions
from articles.sanitiser import clean_body
from articles.search import SEARCH_CONFIG  # the trigger's configuration too (0010)
from authors.models import Author
from sections.models import Section
from sources.models import OtherName, Source

BODY_VARIANTS = 300
PARAGRAPHS_PER_BODY = (12, 20)
IMAGE_DIR = "seed"
# Shares of the stories that are not public (the rest are published, in the past).
DRAFT_SHARE = 0.03
REVIEW_SHARE = 0.01
SCHEDULED_SHARE = 0.01
ARCHIVED_SHARE = 0.01
IMAGE_SHARE = 0.7
ORIGINAL_REPORTING_SHARE = 0.15
MAX_YEARS = 100

_BLOCK = re.compile(r"<(p|h2|blockquote)>.*?</\1>", re.S)
# The demo copy names days relative to its story's date ("{day}", "{day-1}").
# Seeded copy is shared by many stories, so its days are named from one date:
# "on Wednesday", not the placeholder, in snippets and on the page.
DAYS_NAMED_FROM = datetime(2026, 1, 7, 12, tzinfo=UTC)


def demo_copy(text):
    """Demo ``text`` with the days it names written out (``load_demo.name_days``)."""
    # Imported here, as ``ensure_images`` imports its drawing: the command module.
    from articles.management.commands.load_demo import name_days

    return name_days(text, DAYS_NAMED_FROM)


def desk_row(model, slug, name, same_name):
    """The desk's row that a demo (or generated) section, author or source is, or None.

    The one at ``slug`` (in any case), else the one ``same_name(name)`` finds
    (the desk changed the slug), else the one the slug's old page now
    redirects to (the desk renamed both: ``articles.services.keep_old_addresses``
    keeps the old address of a public page). Used as the desk left it, never
    made again beside it: a second "World" in the navigation, or a second
    source of a name, which ``Source.name`` refuses.
    """
    return (
        model._default_manager.filter(slug__iexact=slug).order_by("pk").first()
        or same_name(name)
        or _moved_to(model, slug)
    )


def _named_alike(model):
    """``model``'s oldest row of a name, in any case (sections and authors keep no key)."""
    return lambda name: model._default_manager.filter(name__iexact=name).order_by("pk").first()


def _moved_to(model, slug):
    """The ``model`` row a kept redirect from the page at ``slug`` leads to, or None."""
    moved = (
        Redirect.objects.filter(
            site=Site.objects.get_current(), old_path=model(slug=slug).get_absolute_url()
        )
        .values_list("new_path", flat=True)
        .first()
    )
    if moved is None:
        return None
    try:
        match = resolve(urlsplit(moved).path)
    except Resolver404:
        return None
    if match.view_name != f"{model._meta.app_label}:detail":
        return None
    return model._default_manager.filter(slug=match.kwargs["slug"]).first()


FIRST_NAMES = [
    "Amara", "Bruno", "Chen", "Dalia", "Elif", "Farah", "Gustavo", "Hana", "Ivan", "Jonas",
    "Kofi", "Leila", "Mateo", "Nadia", "Oren", "Priya", "Quentin", "Rosa", "Sven", "Tomasz",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia",
]
LAST_NAMES = [
    "Abebe", "Bianchi", "Castillo", "Dimitrov", "Eriksen", "Fontaine", "García", "Haddadi",
    "Ivanova", "Jensen", "Kamau", "Lindgren", "Moreau", "Nakamura", "Okonkwo", "Petrov",
    "Quispe", "Rahman", "Sato", "Tanaka", "Urquhart", "Varga", "Wójcik", "Yilmaz", "Zhou",
]
JOB_TITLES = ["Correspondent", "Reporter", "Senior reporter", "Editor", "Data reporter"]
OUTLET_PLACES = [
    ("Baltic", "Latvia"), ("Andean", "Peru"), ("Sahel", "Niger"), ("Pacific", "Fiji"),
    ("Alpine", "Switzerland"), ("Caspian", "Azerbaijan"), ("Nile", "Egypt"),
    ("Mekong", "Vietnam"), ("Atlantic", "Portugal"), ("Great Lakes", "Uganda"),
]
OUTLET_KINDS = [
    ("Press Service", Source.Kind.AGENCY),
    ("Herald", Source.Kind.NEWSPAPER),
    ("Broadcasting", Source.Kind.BROADCASTER),
    ("Ministry of Information", Source.Kind.GOVERNMENT),
    ("Observatory", Source.Kind.ORGANISATION),
]
PLACES = [
    "Brussels", "Nairobi", "Lima", "Jakarta", "Amman", "Geneva", "Lagos", "Santiago", "Manila",
    "Warsaw", "Accra", "Bogotá", "Hanoi", "Tbilisi", "Dakar", "Oslo", "Quito", "Colombo",
]
SUBJECTS = [
    "Ministers", "Farmers", "Central bankers", "Rescue teams", "Negotiators", "Voters",
    "Port workers", "Scientists", "Regional leaders", "Health officials", "Fishing fleets",
    "Opposition parties", "Mediators", "Engineers", "Election monitors", "Teachers’ unions",
]
ACTIONS = [
    "agree on", "reject", "delay", "push for", "warn over", "celebrate", "question",
    "prepare for", "vote on", "clash over", "win backing for", "count the cost of",
]
TOPICS = [
    "new water rules", "a border reopening", "emergency grain reserves", "the power grid deal",
    "a fisheries quota", "a disputed census", "the coastal defence plan", "rail links",
    "drought relief", "a vaccine rollout", "interest rates", "a mining licence",
    "the budget", "a ceasefire plan", "wildfire prevention", "a trade corridor",
]


class Command(BaseCommand):
    help = "Seed many realistic stories with bulk inserts (for benchmarks; DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=1000, help="Stories to create (default: %(default)s)."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (reproducible; default: %(default)s)."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="Stories per INSERT (and per batch; default: %(default)s).",
        )
        parser.add_argument(
            "--years",
            type=float,
            default=8,
            help=(
                f"Publication times spread over this many years (at most {MAX_YEARS}; "
                "default: %(default)s)."
            ),
        )
        parser.add_argument(
            "--authors", type=int, default=60, help="Authors in all (default: %(default)s)."
        )
        parser.add_argument(
            "--sources", type=int, default=40, help="Sources in all (default: %(default)s)."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Batches inserted at once (default: 2 on PostgreSQL, 1 elsewhere).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (not for production)."
        )

    def handle(self, *args, count, seed, batch_size, years, workers, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_articles fills the site with invented stories, so it only runs with "
                "DEBUG on. Use --force if you really mean to seed this database."
            )
        # Each named with the value given: "--count and --batch-size must be
        # positive" left the operator to find which of the two was wrong.
        for option, value, why in (
            ("--count", count, ""),
            ("--batch-size", batch_size, ""),
            ("--workers", 1 if workers is None else workers, ""),
            ("--authors", options["authors"], ": stories need both authors and sources"),
            ("--sources", options["sources"], ": stories need both authors and sources"),
        ):
            if value < 1:
                raise CommandError(f"{option} must be 1 or more (it is {value}){why}.")
        # Within a century: older dates are what the pre-publish checklist calls a
        # typo (before 1900), and "1e9" years overflowed Python's dates.
        if not 0 < years <= MAX_YEARS:
            raise CommandError(
                f"--years must be more than 0 and at most {MAX_YEARS} (it is {years:g}): "
                "stories are dated in the past, within a century."
            )
        rng = random.Random(seed)  # noqa: S311 - invented stories, not secrets
        slug_suffix = f"s{seed}"
        if Article.objects.filter(slug__endswith=f"-{slug_suffix}-0").exists():
            raise CommandError(
                f"Stories from --seed {seed} are already here; use another --seed to add more."
            )
        started = time.monotonic()
        demo_sections = self.ensure_sections()
        sections = list(dict.fromkeys(demo_sections.values()))
        authors = self.ensure_authors(options["authors"], demo_sections, rng)
        sources = self.ensure_sources(options["sources"], rng)
        images = self.ensure_images()
        bodies = self.body_variants(rng)
        self.stdout.write(
            f"{len(sections)} sections, {len(authors)} authors, {len(sources)} sources, "
            f"{len(images)} images, {len(bodies)} body variants ready "
            f"({time.monotonic() - started:.1f}s)."
        )

        # The search vector's dateline, standfirst and body parts, computed once per text.
        weighted_b = list(
            dict.fromkeys(
                [*PLACES, *(demo_copy(story["standfirst"]) for story in demo_content.STORIES)]
            )
        )
        parts = self.search_vector_parts(
            [(text, "B") for text in weighted_b] + [(body, "C") for body, _ in bodies]
        )
        b_parts = dict(zip(weighted_b, parts[: len(weighted_b)], strict=True))
        # And their hyphenated words joined (migration 0025), also once per text.
        standfirsts = [demo_copy(story["standfirst"]) for story in demo_content.STORIES]
        joined = self.joined_spellings(standfirsts + [body for body, _ in bodies])
        joined_standfirsts = dict(zip(standfirsts, joined[: len(standfirsts)], strict=True))
        bodies = [
            (body, word_count, part, body_joined)
            for (body, word_count), part, body_joined in zip(
                bodies, parts[len(weighted_b) :], joined[len(standfirsts) :], strict=True
            )
        ]
        plan = StoryPlan(
            rng, sections, authors, sources, images, bodies, b_parts, years, slug_suffix,
            joined_standfirsts,
        )
        now = timezone.now()
        if workers is None:
            # SQLite takes one writer at a time; PostgreSQL spends most of an insert
            # maintaining indexes (the search vector's GIN index above all), which
            # a second connection does on the other core while this thread plans
            # the next batch.
            workers = 2 if connection.vendor == "postgresql" else 1
        if connection.in_atomic_block:
            # Called inside a transaction (as in tests): other connections
            # would not see its rows, so insert on this one.
            workers = 1
        made = 0
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending = []
            for start in range(0, count, batch_size):
                # Planned here, in order, so the stories depend on --seed alone.
                end = min(start + batch_size, count)
                stories = [plan.story(index, count, now) for index in range(start, end)]
                if workers == 1:
                    self.insert_batch(stories)
                else:
                    pending.append(pool.submit(self.insert_in_thread, stories))
                    # Keep at most one batch waiting per worker, so memory stays flat.
                    while len(pending) > workers:
                        pending.pop(0).result()
                made += len(stories)
                self.stdout.write(f"  {made}/{count} stories ({time.monotonic() - started:.1f}s)")
            for future in pending:
                future.result()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {count} stories in {elapsed:.1f}s (seed {seed}).")
        )

    # Supporting rows --------------------------------------------------------------

    def ensure_sections(self):
        """The demo sections, by their demo slug: the desk's rows where it has them
        (``desk_row``: as they are, renamed included), made where it has none."""
        by_slug = {}
        for slug, name, parent_slug, position, description in demo_content.SECTIONS:
            by_slug[slug] = desk_row(
                Section, slug, name, _named_alike(Section)
            ) or Section.objects.create(
                slug=slug,
                name=name,
                parent=by_slug.get(parent_slug),
                position=position,
                description=description,
            )
        return by_slug

    def ensure_authors(self, total, sections, rng):
        """The demo reporters plus generated ones, ``total`` in all (never fewer than the demo).

        ``sections`` maps the demo's section slugs to the sections used. One
        of the desk's authors that two demo or generated ones are found as
        (``desk_row``) is listed once.
        """
        authors = {}
        for entry in demo_content.AUTHORS:
            author = desk_row(
                Author, entry["slug"], entry["name"], _named_alike(Author)
            ) or Author.objects.create(
                slug=entry["slug"],
                name=entry["name"],
                job_title=entry["job_title"],
                bio=entry["bio"],
                beat=sections.get(entry["beat"]),
            )
            authors[author.pk] = author
        names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(names)
        beats = list(dict.fromkeys(sections.values()))
        for first, last in names:
            if len(authors) >= total:
                break
            name = f"{first} {last}"
            # Drawn whether or not the author is made: the stories depend on
            # --seed alone, not on which rows a run found.
            beat, job_title = rng.choice(beats), rng.choice(JOB_TITLES)
            author = desk_row(
                Author, slugify(name), name, _named_alike(Author)
            ) or Author.objects.create(
                slug=slugify(name),
                name=name,
                job_title=f"{job_title}, {beat.name}",
                bio=f"{name} reports for the {beat.name} desk.",
                beat=beat,
            )
            authors[author.pk] = author
        return list(authors.values())

    def ensure_sources(self, total, rng):
        """The demo sources plus generated outlets, ``total`` in all (never fewer than the demo).

        Found as ``ensure_authors`` finds authors. A source's name is its own
        (``Source.name`` is unique, and ``validate_unique`` refuses one written
        differently): one the desk renamed away from its demo slug, and then
        made again there under its demo name, stopped the command with an
        IntegrityError. A demo source made here gets its other names, as
        ``load_demo`` gives them.
        """
        from articles.management.commands.load_demo import give_other_names

        sources = {}
        for entry in demo_content.SOURCES:
            fields = {
                key: value for key, value in entry.items() if key not in ("slug", "other_names")
            }
            source = desk_row(Source, entry["slug"], entry["name"], Source.objects.named)
            if source is None:
                source = Source.objects.create(slug=entry["slug"], **fields)
                give_other_names(source, entry.get("other_names", ()))
            sources[source.pk] = source
        outlets = [
            (place, country, suffix, kind)
            for place, country in OUTLET_PLACES
            for suffix, kind in OUTLET_KINDS
        ]
        for place, country, suffix, kind in outlets:
            if len(sources) >= total:
                break
            name = f"{place} {suffix}"
            source = desk_row(
                Source, slugify(name), name, Source.objects.named
            ) or Source.objects.create(slug=slugify(name), name=name, kind=kind, country=country)
            sources[source.pk] = source
        return list(sources.values())

    def ensure_images(self):
        """One stored illustration (and its renditions) per demo image, shared by many stories.

        Returns ``(name, width, height)`` for each; files already stored are reused.
        """
        # Imported here: drawing needs Pillow fonts, which only this step uses.
        from articles.management.commands.load_demo import IMAGE_SIZE, draw_illustration

        images = []
        for key in demo_content.IMAGES:
            name = f"{IMAGE_DIR}/{key}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, draw_illustration(key))
            make_renditions(default_storage, name)
            images.append((name, *IMAGE_SIZE))
        return images

    def body_variants(self, rng):
        """``BODY_VARIANTS`` bodies of 12–20 paragraphs (and headings, quotes) of demo copy.

        The blocks come from the demo stories, which are clean by construction;
        each assembled body still goes through ``clean_body`` once, so what is
        stored is exactly what ``Article.save()`` would store.
        """
        blocks = [
            match.group(0).replace("\n", " ")
            for story in demo_content.STORIES
            for match in _BLOCK.finditer(demo_copy(story["body"]))
        ]
        paragraphs = [block for block in blocks if block.startswith("<p>")]
        others = [block for block in blocks if not block.startswith("<p>")]
        variants = []
        for _ in range(BODY_VARIANTS):
            size = rng.randint(*PARAGRAPHS_PER_BODY)
            chosen = rng.sample(paragraphs, min(size, len(paragraphs)))
            for _ in range(size // 4):
                chosen.insert(rng.randrange(1, len(chosen)), rng.choice(others))
            body = clean_body("\n".join(chosen))
            variants.append((body, count_words(body)))
        return variants

    def search_vector_parts(self, weighted_texts):
        """Each ``(text, weight)``'s search vector in PostgreSQL's text form (``None`` elsewhere).

        Computed by the database in one query with the trigger's configuration,
        so a row assembled from these parts holds exactly what the trigger would
        have stored.
        """
        if connection.vendor != "postgresql":
            return [None] * len(weighted_texts)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setweight(to_tsvector(%s::regconfig, text), weight)::text "
                "FROM unnest(%s::text[], %s::\"char\"[]) WITH ORDINALITY AS t(text, weight, n) "
                "ORDER BY n",
                [
                    SEARCH_CONFIG,
                    [text for text, _ in weighted_texts],
                    [weight for _, weight in weighted_texts],
                ],
            )
            return [vector for (vector,) in cursor.fetchall()]

    def joined_spellings(self, texts):
        """Each text's hyphenated words joined, as the trigger's function gives them
        (``None`` where there are none, and everywhere off PostgreSQL)."""
        if connection.vendor != "postgresql":
            return [None] * len(texts)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT articles_joined_spellings(text) "
                "FROM unnest(%s::text[]) WITH ORDINALITY AS t(text, n) ORDER BY n",
                [texts],
            )
            return [joined for (joined,) in cursor.fetchall()]

    # Stories ----------------------------------------------------------------------

    def insert_in_thread(self, stories):
        try:
            self.insert_batch(stories)
        finally:
            # Each thread has its own connection; do not leave it open.
            connections.close_all()

    @transaction.atomic
    def insert_batch(self, stories):
        """Insert planned stories with their bylines and credits, in one transaction."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Invented rows: losing the last batch in a crash costs nothing, and
                # not waiting for each commit to reach the disk saves time.
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
                # The rows carry finished search vectors (``SEEDED_VECTOR_SQL``):
                # the trigger keeps them instead of parsing every body again, and
                # the bylines and credits need not refresh them (migration 0024).
                cursor.execute("SET LOCAL newsroom.keep_search_vector TO 'on'")
                insert_stories_postgresql(cursor, stories)
                # SET LOCAL lasts until the outermost transaction ends, which is later
                # than this batch when the command runs inside one (as in tests).
                cursor.execute("SET LOCAL newsroom.keep_search_vector TO 'off'")
            return
        Article.objects.bulk_create([story for story, _, _, _ in stories])
        Byline.objects.bulk_create(
            Byline(article=story, author=author, position=position)
            for story, authors, _, _ in stories
            for position, author in enumerate(authors)
        )
        SourceCredit.objects.bulk_create(
            SourceCredit(article=story, source=source, role=role, position=position)
            for story, _, credits, _ in stories
            for position, (source, role) in enumerate(credits)
        )


def insert_stories_postgresql(cursor, stories):
    """The stories, then their bylines and credits: one ``INSERT … SELECT FROM unnest()`` each.

    Each statement sends one array per column, and the database assembles each
    story's search vector from its parts (``SEEDED_VECTOR_SQL``). Through
    ``bulk_create`` the seed spent most of its time in Python, compiling each
    row's SQL value by value while the planning thread waited for the lock:
    100,000 stories took 131 s on a slow machine where this takes 82 s
    (docs/performance.md). The values are still what ``bulk_create`` would
    write: each field's ``pre_save`` and ``get_db_prep_save``, in the model's
    column order, and the story's id comes back for its bylines and credits.
    """
    fields = [
        field
        for field in Article._meta.concrete_fields
        if not field.primary_key and field.column != "search_vector"
    ]
    columns = [[] for _ in fields]
    # The dateline's, standfirst's and body's finished parts: each distinct one
    # is sent (and read by the database) once per batch, and rows name theirs
    # by its place in that list (1-based, as SQL arrays are).
    finished_parts = {}
    vector_inputs = [[] for _ in VECTOR_INPUTS]
    for article, _, _, inputs in stories:
        for values, field in zip(columns, fields, strict=True):
            values.append(field.get_db_prep_save(field.pre_save(article, True), connection))
        *parts, standfirst_joined, body_joined, names, headline = inputs
        numbers = [finished_parts.setdefault(part, len(finished_parts) + 1) for part in parts]
        for values, value in zip(
            vector_inputs,
            [*numbers, standfirst_joined, body_joined, names, headline],
            strict=True,
        ):
            values.append(value)
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    arrays = ", ".join([*(_array_of(field) for field in fields), *VECTOR_INPUTS.values()])
    cursor.execute(
        # The model's own table and columns, and bound values.
        f"INSERT INTO {quote(Article._meta.db_table)} ({names}, search_vector) "  # noqa: S608
        f"SELECT {names}, {SEEDED_VECTOR_SQL} "
        f"FROM (SELECT %s::tsvector[] AS parts) AS finished, unnest({arrays}) WITH ORDINALITY "
        f"AS t({names}, {', '.join(VECTOR_INPUTS)}, seed_row) "
        "ORDER BY t.seed_row RETURNING id, slug",
        [list(finished_parts), *columns, *vector_inputs],
    )
    ids = {slug: pk for pk, slug in cursor.fetchall()}
    for article, _, _, _ in stories:
        article.pk = ids[article.slug]
        article._state.adding = False
    _insert_rows(
        cursor,
        Byline,
        ["article", "author", "position"],
        [
            (story.pk, author.pk, position)
            for story, authors, _, _ in stories
            for position, author in enumerate(authors)
        ],
    )
    _insert_rows(
        cursor,
        SourceCredit,
        ["article", "source", "role", "position"],
        [
            (story.pk, source.pk, str(role), position)
            for story, _, credits, _ in stories
            for position, (source, role) in enumerate(credits)
        ],
    )


def _insert_rows(cursor, model, field_names, rows):
    """``rows`` (tuples of database values, in ``field_names``' order) into ``model``'s table."""
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    arrays = ", ".join(_array_of(field) for field in fields)
    cursor.execute(
        # The model's own table and columns, and bound values.
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608
        f"SELECT * FROM unnest({arrays})",
        [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * len(fields),
    )


def _array_of(field):
    """The placeholder for an array of ``field``'s values: "%s::varchar(200)[]"."""
    return f"%s::{field.db_type(connection)}[]"


class StoryPlan:
    """Decides, reproducibly, what the ``index``-th seeded story looks like."""

    def __init__(
        self, rng, sections, authors, sources, images, bodies, b_parts, years,
        slug_suffix, joined_standfirsts,
    ):
        self.rng = rng
        self.sections = sections
        self.sources = sources
        # source id -> its other names, in the desk's order (the index holds them, 0031)
        self.other_names = {source.pk: [] for source in sources}
        others = OtherName.objects.filter(source__in=sources).order_by("pk")
        for source_id, name in others.values_list("source", "name"):
            self.other_names[source_id].append(name)
        self.images = images
        # (body, word count, the body's search-vector part or None, its hyphenated
        # words joined or None)
        self.bodies = bodies
        self.span = timedelta(days=365.25 * years)
        self.slug_suffix = slug_suffix
        self.standfirsts = [demo_copy(story["standfirst"]) for story in demo_content.STORIES]
        # dateline or standfirst -> its search-vector part, weighted B (None off PostgreSQL)
        self.b_parts = b_parts
        # standfirst -> its hyphenated words joined (None: none, or not PostgreSQL)
        self.joined_standfirsts = joined_standfirsts
        # Reporters mostly write for their own beat.
        self.authors = authors
        self.authors_by_section = {
            section.pk: [author for author in authors if author.beat_id == section.pk] or authors
            for section in sections
        }

    def story(self, index, count, now):
        """``(article, authors, [(source, role), ...], vector inputs)`` for the
        ``index``-th story of ``count``.

        Index 0 is the newest; times step back evenly with a little jitter, so
        every day of the span has stories and pages deep in a section exist.
        The vector inputs are what ``SEEDED_VECTOR_SQL`` builds the search
        vector from, in ``VECTOR_INPUTS``' order (``None`` off PostgreSQL).
        """
        rng = self.rng
        section = rng.choice(self.sections)
        headline = (
            f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TOPICS)} "
            f"in {rng.choice(PLACES)}"
        )
        body, word_count, body_part, body_joined = rng.choice(self.bodies)
        published_at = now - self.span * (index + rng.random()) / count - timedelta(minutes=1)
        status = Article.Status.PUBLISHED
        roll = rng.random()
        if roll < DRAFT_SHARE:
            status, published_at = Article.Status.DRAFT, None
        elif roll < DRAFT_SHARE + REVIEW_SHARE:
            status, published_at = Article.Status.REVIEW, None
        elif roll < DRAFT_SHARE + REVIEW_SHARE + SCHEDULED_SHARE:
            published_at = now + timedelta(hours=rng.randint(1, 24 * 14))
        elif roll < DRAFT_SHARE + REVIEW_SHARE + SCHEDULED_SHARE + ARCHIVED_SHARE:
            status = Article.Status.ARCHIVED
        image_name, width, height = rng.choice(self.images)
        with_image = rng.random() < IMAGE_SHARE
        original = rng.random() < ORIGINAL_REPORTING_SHARE
        standfirst = rng.choice(self.standfirsts)
        dateline = rng.choice(PLACES)
        article = Article(
            headline=headline,
            slug=f"{slugify(headline)[:150]}-{self.slug_suffix}-{index}",
            standfirst=standfirst,
            dateline=dateline,
            body=body,
            word_count=word_count,
            section=section,
            status=status,
            published_at=published_at,
            is_original_reporting=original,
            # The newest story leads the home page, as an editor would pin one.
            is_pinned=index == 0 and status == Article.Status.PUBLISHED,
            featured_image=image_name if with_image else "",
            featured_image_width=width if with_image else None,
            featured_image_height=height if with_image else None,
            featured_image_alt="An illustration standing in for a news photograph."
            if with_image
            else "",
            featured_image_credit="Illustration: Newsroom seed" if with_image else "",
        )
        beat_authors = self.authors_by_section[section.pk]
        authors = [rng.choice(beat_authors)]
        if rng.random() < 0.25:
            second = rng.choice(self.authors)
            if second != authors[0]:
                authors.append(second)
        picked = rng.sample(self.sources, 3)
        credits = [] if original else [(picked[0], SourceCredit.Role.ORIGIN)]
        credits += [(source, SourceCredit.Role.CITED) for source in picked[1 : rng.randint(1, 3)]]
        parts = None
        if body_part is not None:
            # Bylines, then credits, in their positions' order, then the credited
            # sources' other names: as the trigger joins them.
            names = " ".join(
                [author.name for author in authors]
                + [source.name for source, _ in credits]
                + [other for source, _ in credits for other in self.other_names[source.pk]]
            )
            parts = (
                self.b_parts[dateline],
                self.b_parts[standfirst],
                body_part,
                self.joined_standfirsts[standfirst],
                body_joined,
                names,
                headline,
            )
        return article, authors, credits, parts


# The columns ``insert_stories_postgresql`` unnests beside the story's own, and
# their arrays' types: the numbers of the story's dateline's, standfirst's and
# body's finished parts, then the texts parsed per row.
VECTOR_INPUTS = {
    "seed_dateline_part": "%s::integer[]",
    "seed_standfirst_part": "%s::integer[]",
    "seed_body_part": "%s::integer[]",
    "seed_standfirst_joined": "%s::text[]",
    "seed_body_joined": "%s::text[]",
    "seed_names": "%s::text[]",
    "seed_headline": "%s::text[]",
}

# The vector the trigger would compute, from the dateline's, standfirst's and
# body's finished parts, the standfirst's and body's hyphenated words joined
# (each NULL when there are none) and the story's bylined and credited names
# with its sources' other names.
# Concatenation shifts the right-hand positions past the left-hand ones, so
# headline (A), dateline (B), standfirst (B), body (C), the joined spellings of
# headline (A), standfirst (B) and body (C), names (D) in this order give the
# trigger's result exactly (migrations 0023, 0024, 0025, 0028 and 0031). The parts are
# read from their text form once per batch; the headline and the names, a few
# words each, are parsed per row.
SEEDED_VECTOR_SQL = (
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, t.seed_headline), 'A')"
    " || finished.parts[t.seed_dateline_part] || finished.parts[t.seed_standfirst_part]"
    " || finished.parts[t.seed_body_part]"
    f" || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig,"
    " coalesce(articles_joined_spellings(t.seed_headline), '')), 'A')"
    f" || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig,"
    " coalesce(t.seed_standfirst_joined, '')), 'B')"
    f" || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig,"
    " coalesce(t.seed_body_joined, '')), 'C')"
    f" || setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, t.seed_names), 'D')"
)
