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
