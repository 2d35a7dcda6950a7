"""Small factories for tests: each makes a valid row with sensible defaults.

Pass keyword arguments to override any field. Names are unique per call so
factories can be called many times in one test.
"""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Byline, SourceCredit
from authors.models import Author
from sections.models import Section
from sources.models import Source

_counter = itertools.count(1)


def _next():
    return next(_counter)


def make_section(**fields):
    n = _next()
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    n = _next()
    fields.setdefault("name", f"Author {n}")
    fields.setdefault("slug", f"author-{n}")
    fields.setdefault("bio", "Covers world news.")
    return Author.objects.create(**fields)


def make_source(**fields):
    n = _next()
    fields.setdefault("name", f"Agency {n}")
    fields.setdefault("slug", f"agency-{n}")
    fields.setdefault("kind", Source.Kind.AGENCY)
    return Source.objects.create(**fields)


def make_user(username=None, *, staff=False, superuser=False, groups=(), **fields):
    n = _next()
    user = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=fields.pop("password", "correct horse battery staple"),
        is_staff=staff or superuser,
        is_superuser=superuser,
        **fields,
    )
    if groups:
        from django.contrib.auth.models import Group

        user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_article(*, authors=None, origin=None, cited=(), **fields):
    """A published, public story unless ``status``/``published_at`` say otherwise."""
    n = _next()
    fields.setdefault("headline", f"Leaders meet in Paris, day {n}")
    fields.setdefault("slug", f"leaders-meet-in-paris-{n}")
    fields.setdefault("standfirst", "Talks continue into the night.")
    fields.setdefault("dateline", "Paris")
    fields.setdefault("body", "<p>Leaders met in Paris on Friday.</p><h2>Talks</h2><p>More.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=n % 24 + 1))
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article.objects.create(**fields)
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        Byline.objects.create(article=article, author=author, position=position)
    if origin is not None:
        SourceCredit.objects.create(article=article, source=origin, role=SourceCredit.Role.ORIGIN)
    for position, source in enumerate(cited):
        SourceCredit.objects.create(
            article=article, source=source, role=SourceCredit.Role.CITED, position=position
        )
    return article


def make_hidden_articles(**fields):
    """One story in each state a reader must never see: draft, review, archived, scheduled.

    Headlines are "Draft story", "Review story", "Archived story" and
    "Scheduled story"; slugs end in "-story" so tests can look for traces.
    """
    now = timezone.now()
    states = [
        ("draft", {"status": Article.Status.DRAFT}),
        ("review", {"status": Article.Status.REVIEW}),
        ("archived", {"status": Article.Status.ARCHIVED, "published_at": now - timedelta(1)}),
        ("scheduled", {"published_at": now + timedelta(hours=2)}),
    ]
    return [
        make_article(
            headline=f"{name.title()} story", slug=f"{name}-{_next()}-story", **state, **fields
        )
        for name, state in states
    ]


def make_image_bytes(image_format="PNG", size=(64, 48), mode="RGB", color="red", **save_kwargs):
    """The bytes of a real image, drawn in memory (no binary fixtures in the repository)."""
    import io

    from PIL import Image

    stream = io.BytesIO()
    Image.new(mode, size, color).save(stream, image_format, **save_kwargs)
    return stream.getvalue()


def make_png_bomb(width=20000, height=20000):
    """A small PNG (about 50 KB) that declares ``width``×``height`` one-bit pixels.

    Decoded, it would take hundreds of megabytes: a decompression bomb. Written
    by hand, chunk by chunk, because drawing it with Pillow would allocate all
    of it.
    """
    import struct
    import zlib

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed pixels
    pixels = b"".join(compressor.compress(row * 100) for _ in range(height // 100))
    pixels += compressor.flush()
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def make_16bit_gradient_png(size=(1300, 700), colour=False, transparent=None):
    """A 16-bit PNG, greyscale or (``colour``) RGB, black at the left to white at the right.

    Column ``x`` holds ``round(x * 65535 / (width - 1))`` in every channel, so
    an 8-bit copy should hold about ``x * 255 / (width - 1)``. ``transparent``
    is a 16-bit grey written as the PNG's transparent colour (tRNS). Written
    by hand because Pillow writes no 16-bit RGB PNG.
    """
    import struct
    import zlib

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    width, height = size
    channels = 3 if colour else 1
    colour_type = 2 if colour else 0
    header = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 0)
    row = b"\x00" + b"".join(
        struct.pack(">H", round(x * 65535 / (width - 1))) * channels for x in range(width)
    )
    chunks = chunk(b"IHDR", header)
    if transparent is not None:
        chunks += chunk(b"tRNS", struct.pack(">H", transparent) * channels)
    chunks += chunk(b"IDAT", zlib.compress(row * height))
    return b"\x89PNG\r\n\x1a\n" + chunks + chunk(b"IEND", b"")


def make_hostile_uploads():
    """Files that must never be stored as images, by what each one pretends to be.

    Maps a short description to ``(uploaded file name, bytes)``.
    """
    jpeg = make_image_bytes("JPEG", size=(400, 300), color="blue")
    return {
        "svg with a script": (
            "drawing.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><script>alert(document.cookie)</script></svg>',
        ),
        "svg named .jpg": (
            "photo.jpg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        "html named .jpg": (
            "photo.jpg",
            b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        ),
        "gif header with html": (
            "animation.gif",
            b"GIF89a/*\x00\x00\x00\x00*/=1;<html><script>alert(document.cookie)</script></html>",
        ),
        "truncated jpeg": ("photo.jpg", jpeg[: len(jpeg) // 2]),
        "empty file": ("photo.jpg", b""),
        "decompression bomb": ("map.png", make_png_bomb()),
        "text file": ("notes.txt", b"Minister to resign, sources say.\n"),
    }


def make_busy_desk(stories=24):
    """A desk big enough for query-count tests: four top-level sections, each with a
    subsection, six authors, four sources, and ``stories`` public stories, each with
    two bylines, an origin source and two cited sources, newest first in the list.

    A query per story, byline, source or section would show in any count taken on it.
    Returns (top_sections, subsections, authors, sources, stories).
    """
    now = timezone.now()
    tops = [make_section(name=f"Desk {n}", position=n) for n in range(4)]
    subs = [make_section(name=f"Sub-desk {n}", parent=top) for n, top in enumerate(tops)]
    authors = [make_author() for _ in range(6)]
    sources = [make_source() for _ in range(4)]
    sections = tops + subs
    made = [
        make_article(
            section=sections[n % len(sections)],
            authors=[authors[n % 6], authors[(n + 1) % 6]],
            origin=sources[n % 4],
            cited=[sources[(n + 1) % 4], sources[(n + 2) % 4]],
            published_at=now - timedelta(minutes=10 * (n + 1)),
        )
        for n in range(stories)
    ]
    return tops, subs, authors, sources, made


def make_small_desk(cls):
    """Give test class ``cls`` one section, author and source and a public story by them.

    For tests of what surrounds a page (caching, headers, purges) rather than
    what it lists: ``cls.section`` ("World", /world/), ``cls.author``,
    ``cls.source`` (the story's origin) and ``cls.story``.
    """
    cls.section = make_section(name="World", slug="world")
    cls.author = make_author(name="Ana Reporter", slug="ana-reporter")
    cls.source = make_source(name="Wire Agency", slug="wire-agency")
    cls.story = make_article(
        headline="Summit ends with a deal",
        section=cls.section,
        authors=[cls.author],
        origin=cls.source,
    )
