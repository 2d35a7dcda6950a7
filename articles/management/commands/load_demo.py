"""Load the demo newsroom: sections, authors, sources, stories, images and two accounts.

Run it as often as you like (``make run`` does, on every start). The content is
loaded into a newsroom with no stories only; once there are stories, a run
leaves every section, author, source and story as the desk left it, edited,
renamed or taken down, and adds nothing beside them. A first version of this
command updated the demo rows by slug on each run: it put back headlines the
desk had edited and dropped bylines it had added, and a story or section
renamed in the admin was made again at its old slug (a second "Science" in the
navigation; a story the checklist refused to publish at another's old address,
which stopped ``make run``). What a later run still does is move the demo's
clock: publication times are relative to now, so the published demo stories
found at their slugs are dated afresh, the front page looks current and the
scheduled story stays in the future.

The demo ``editor`` account (an Editor: may publish) and ``writer`` account (a
Writer, on the draft's byline: may write and submit for review) each get a
random password, printed once when the account is created; ``--reset-password``
prints new ones. Because it prints working passwords, the command refuses to
run unless ``DEBUG`` is on (or ``--force`` is given).
"""

import io
import re
import secrets
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles import demo_content, services
from articles.models import Article, Byline, SourceCredit
from articles.roles import EDITORS, WRITERS, ensure_roles
from authors.models import Author, AuthorLink
from pages.models import AboutPage
from sections.models import Section
from sources.models import OtherName, Source

EDITOR_USERNAME = "editor"
WRITER_USERNAME = "writer"
# username: (first name, last name, group); the editor first, as it is printed first.
# Each is named as the author it is linked to (demo_content.AUTHORS), so the
# admin's "Welcome, Mara" tells two people at one screen who is signed in, and
# a story's history names the same person as its byline.
ACCOUNTS = {
    EDITOR_USERNAME: ("Mara", "Lindqvist", EDITORS),
    WRITER_USERNAME: ("Samir", "Haddad", WRITERS),
}
IMAGE_SIZE = (1600, 900)


class Command(BaseCommand):
    help = (
        "Load fictional demo content and demo editor and writer accounts "
        "(idempotent; DEBUG only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (it creates two accounts: not for production).",
        )
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="Give the demo accounts new random passwords and print them.",
        )

    def handle(self, *args, force=False, reset_password=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates two accounts and prints their passwords, so it only "
                "runs with DEBUG on. Use --force if you really mean to load it here."
            )
        with transaction.atomic():
            accounts = self.load_accounts(reset_password)
            if Article.objects.exists():
                self.move_the_clock()
            else:
                self.load_content(accounts)
        for username, (_user, password) in accounts.items():
            role = "editor" if username == EDITOR_USERNAME else "writer"
            if password:
                self.stdout.write(f"Demo {role} login: username: {username}")
                self.stdout.write(f"Demo {role} login: password: {password}")
            else:
                self.stdout.write(
                    f"The demo {role} account “{username}” already exists; its password is "
                    "unchanged. Run with --reset-password for a new one."
                )

    def load_content(self, accounts):
        """Sections, authors, sources, stories, corrections and pages, into a newsroom
        with no stories."""
        editor = accounts[EDITOR_USERNAME][0]
        sections = self.load_sections()
        authors = self.load_authors(sections, accounts)
        sources = self.load_sources()
        stories = self.load_stories(sections, authors, sources, editor)
        self.load_corrections(stories)
        pages = self.load_pages()
        scheduled = sum(1 for s in demo_content.STORIES if s.get("status") == "scheduled")
        drafts = sum(1 for s in demo_content.STORIES if s.get("status") == "draft")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(sections)} sections, {len(authors)} authors, "
                f"{len(sources)} sources, {len(stories)} stories "
                f"({scheduled} scheduled, {drafts} draft), {pages} About pages."
            )
        )

    def move_the_clock(self):
        """Date the published demo stories afresh; leave everything else as the desk left it.

        A story's time is the demo's clock, not an editorial decision: it is
        set directly, without a status-change row per run, with the weekdays
        its standfirst and body name where the desk has not rewritten them. A demo story the
        desk sent back, unpublished or archived is left so, and said to be; one
        renamed or deleted is not found, and not made again.
        """
        now = timezone.now()
        found = {
            article.slug: article
            for article in Article.objects.filter(
                slug__in=[entry["slug"] for entry in demo_content.STORIES]
            )
        }
        dated = 0
        for entry in demo_content.STORIES:
            article = found.get(entry["slug"])
            if article is None:
                continue
            if article.status == Article.Status.PUBLISHED:
                published_at = demo_time(entry, now)
                moved = {"published_at": published_at}
                # The days the copy names follow its new date ("agreed early on
                # Friday"), where the desk has rewritten neither standfirst nor
                # body: one rewritten alone would name other days than the other.
                copy = {field: entry[field].strip() for field in ("standfirst", "body")}
                if all(
                    getattr(article, field) == name_days(text, article.published_at)
                    for field, text in copy.items()
                ):
                    moved |= {
                        field: name_days(text, published_at) for field, text in copy.items()
                    }
                Article.objects.filter(pk=article.pk).update(**moved)
                dated += 1
            elif entry.get("status") != "draft" or article.status != Article.Status.DRAFT:
                self.stdout.write(
                    f"Left “{article.headline}” {article.get_status_display().lower()}, "
                    "as the desk left it."
                )
        self.stdout.write(
            self.style.SUCCESS(
                "The newsroom has stories already: no demo content was added, and what is "
                "there is as the desk left it. "
                + (
                    "1 published demo story was dated afresh."
                    if dated == 1
                    else f"{dated} published demo stories were dated afresh."
                )
                + " To start the demo again, delete the database (db.sqlite3) and run it again."
            )
        )

    # Rows ------------------------------------------------------------------------

    def load_accounts(self, reset_password):
        """``{username: (user, new password or None when unchanged)}`` for the demo accounts.

        The Writers and Editors groups are brought up to date first and each
        account joins its own, so the demo shows what an editor and a writer
        really see. Only if the Editors group is missing does the editor fall
        back to a superuser.
        """
        ensure_roles()
        accounts = {}
        for username, (first_name, last_name, group_name) in ACCOUNTS.items():
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
            )
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                user.groups.add(group)
            user.is_superuser = group is None and group_name == EDITORS
            user.is_staff = True
            password = None
            if created or reset_password:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
            user.save()
            accounts[username] = (user, password)
        return accounts

    def load_sections(self):
        sections = {}
        for slug, name, parent_slug, position, description in demo_content.SECTIONS:
            # A section of the desk's own at a demo slug is used as it is.
            sections[slug], _ = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "parent": sections[parent_slug] if parent_slug else None,
                    "position": position,
                    "description": description,
                    "show_in_nav": True,
                },
            )
        return sections

    def load_authors(self, sections, accounts):
        """The demo's writers; one of the desk's own at a demo slug is used as it is."""
        authors = {}
        for entry in demo_content.AUTHORS:
            author, created = Author.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "name": entry["name"],
                    "job_title": entry["job_title"],
                    "bio": entry["bio"],
                    "beat": sections[entry["beat"]],
                },
            )
            if created:
                if entry.get("user"):
                    user = accounts[entry["user"]][0]
                    # Unlink the account from any other author first: the link is one-to-one.
                    Author.objects.filter(user=user).update(user=None)
                    author.user = user
                    author.save(update_fields=["user"])
                for position, (label, url) in enumerate(entry["links"]):
                    AuthorLink.objects.create(
                        author=author, url=url, label=label, position=position
                    )
            authors[entry["slug"]] = author
        return authors

    def load_sources(self):
        """The demo's sources; one of the desk's own at a demo slug is used as it is.

        A new one gets its other names, but none the desk has given a source
        of its own (a name is one source's only).
        """
        sources = {}
        for entry in demo_content.SOURCES:
            fields = {
                key: value for key, value in entry.items() if key not in ("slug", "other_names")
            }
            source, created = Source.objects.get_or_create(slug=entry["slug"], defaults=fields)
            if created:
                give_other_names(source, entry.get("other_names", ()))
            sources[entry["slug"]] = source
        return sources

    def load_stories(self, sections, authors, sources, editor):
        """The demo's stories, each started as an editor's first save would start it.

        A story is recorded as created by the account of its first writer that
        has one (the writer's draft is the writer's, in their "My drafts" and
        not the editor's), or else by the editor. Published and scheduled ones
        go through ``articles.services.publish``, so the demo has the same
        status-change record and checklist as a real story.
        """
        now = timezone.now()
        stories = {}
        for entry in demo_content.STORIES:
            published_at = demo_time(entry, now)
            writers = [authors[slug] for slug in entry["authors"]]
            created_by = next((a.user for a in writers if a.user is not None), editor)
            article = Article.objects.create(
                slug=entry["slug"],
                headline=entry["headline"],
                standfirst=name_days(entry["standfirst"], published_at),
                dateline=entry["dateline"],
                body=name_days(entry["body"].strip(), published_at),
                section=sections[entry["section"]],
                is_pinned=entry.get("pinned", False),
                featured_image_alt=entry.get("image_alt", ""),
                featured_image_caption=entry.get("image_caption", ""),
                featured_image_credit=entry.get("image_credit", ""),
                created_by=created_by,
            )
            for position, author in enumerate(writers):
                Byline.objects.create(article=article, author=author, position=position)
            SourceCredit.objects.create(
                article=article,
                source=sources[entry["origin"]],
                role=SourceCredit.Role.ORIGIN,
                position=0,
            )
            for position, slug in enumerate(entry["cited"]):
                SourceCredit.objects.create(
                    article=article,
                    source=sources[slug],
                    role=SourceCredit.Role.CITED,
                    position=position,
                )
            if entry.get("image"):
                # Saved through the field, so upload rules and renditions apply as for
                # an editor's upload.
                article.featured_image.save(
                    f"{entry['slug']}.jpg", draw_illustration(entry["image"]), save=True
                )
            if entry.get("status") != "draft":  # published, or scheduled by its future time
                services.publish(article, user=None, when=published_at)
            self.record_first_version(article, created_by)
            stories[entry["slug"]] = article
        return stories

    def record_first_version(self, article, user):
        """Start the story's history, as a first save would, to compare edits with."""
        with reversion.create_revision():
            reversion.add_to_revision(article)
            reversion.set_comment("Loaded as demo content")
            reversion.set_user(user)

    def load_corrections(self, stories):
        for entry in demo_content.CORRECTIONS:
            article = stories[entry["story"]]
            if not article.corrections.filter(note=entry["note"]).exists():
                services.add_correction(article, kind=entry["kind"], note=entry["note"])

    def load_pages(self):
        """The About pages, written once: an editor's later changes are kept."""
        for entry in demo_content.PAGES:
            if not AboutPage.objects.filter(url=entry["url"], sites=settings.SITE_ID).exists():
                page = AboutPage.objects.create(
                    url=entry["url"], title=entry["title"], content=entry["content"]
                )
                page.sites.add(settings.SITE_ID)
        return len(demo_content.PAGES)


_DAY = re.compile(r"\{day(?P<offset>[+-]\d+)?\}")
# The demo's copy is in English whatever the machine's locale.
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def give_other_names(source, names):
    """``names`` as ``source``'s other names, but none the desk has given a source (its only)."""
    for name in names:
        if Source.objects.named(name) is None:
            OtherName.objects.create(source=source, name=name)


def demo_time(entry, now):
    """When the demo story ``entry`` is dated: ``hours_ago`` before ``now``.

    A day on the markets (``"trading_day"``) is moved back to the Friday when
    that falls at a weekend: loaded on a Monday evening, the demo said
    "European stock markets had their worst day in six weeks on Sunday".
    """
    published_at = now - timedelta(hours=entry["hours_ago"])
    if entry.get("trading_day"):
        days_past_friday = timezone.localdate(published_at).weekday() - 4
        if days_past_friday > 0:
            published_at -= timedelta(days=days_past_friday)
    return published_at


def name_days(text, published_at):
    """``text`` with its "{day}", "{day+2}" and "{day-1}" named from ``published_at``.

    A demo story dated Saturday said leaders "agreed early on Friday"; the days
    it names now follow the day it is published, in the site's time zone.
    """
    day = timezone.localdate(published_at)

    def named(match):
        offset = int(match.group("offset") or 0)
        return _DAY_NAMES[(day + timedelta(days=offset)).weekday()]

    return _DAY.sub(named, text)


def draw_illustration(name):
    """Draw one demo illustration (gradient, motif, label) and return it as a JPEG file."""
    spec = demo_content.IMAGES[name]
    width, height = IMAGE_SIZE
    top, bottom = (_rgb(colour) for colour in spec["colours"])
    image = Image.new("RGB", IMAGE_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    _draw_motif(draw, spec["motif"], width, height)
    font = _font(120)
    box = draw.textbbox((0, 0), spec["label"], font=font)
    draw.text(
        ((width - (box[2] - box[0])) / 2, height * 0.42),
        spec["label"],
        font=font,
        fill=(255, 255, 255),
    )
    # Centred, so the mark survives the crops list pages make of the picture.
    mark_font = _font(32)
    mark = "Newsroom demo illustration"
    mark_width = draw.textlength(mark, font=mark_font)
    draw.text(((width - mark_width) / 2, height - 70), mark, font=mark_font, fill=(235, 235, 235))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    # Named, so the image field reads its size from it and stores it: an
    # unnamed file counts as none, and the row kept no width or height.
    return ContentFile(buffer.getvalue(), name=f"{name}.jpg")


def _draw_motif(draw, motif, width, height):
    light = (255, 255, 255)
    if motif == "circles":
        for i in range(6):
            radius = 120 + i * 70
            cx, cy = width * 0.72, height * 0.3
            draw.ellipse(
                [cx - radius, cy - radius, cx + radius, cy + radius], outline=light, width=3
            )
    elif motif == "road":
        draw.polygon(
            [
                (width * 0.3, height),
                (width * 0.7, height),
                (width * 0.52, height * 0.3),
                (width * 0.48, height * 0.3),
            ],
            fill=(60, 40, 20),
        )
        for i in range(8):
            y = height * 0.35 + i * 75
            draw.rectangle([width * 0.497, y, width * 0.503, y + 35], fill=light)
    elif motif == "mountain":
        draw.polygon(
            [
                (0, height),
                (width * 0.42, height * 0.35),
                (width * 0.58, height * 0.35),
                (width, height),
            ],
            fill=(30, 10, 10),
        )
        draw.ellipse([width * 0.44, height * 0.05, width * 0.56, height * 0.3], fill=(90, 80, 80))
    elif motif == "waves":
        for i in range(7):
            y = height * 0.55 + i * 50
            draw.arc([-200, y - 120, width + 200, y + 120], 200, 340, fill=light, width=3)
    elif motif == "bars":
        heights = [0.3, 0.45, 0.4, 0.6, 0.55, 0.35, 0.5, 0.25, 0.2]
        bar = width / (len(heights) * 2)
        for i, share in enumerate(heights):
            x = bar / 2 + i * bar * 2
            draw.rectangle([x, height * (1 - share), x + bar, height], fill=(200, 204, 240))


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except (AttributeError, OSError, TypeError):
        # Pillow built without FreeType: the small bitmap font still labels the image.
        return ImageFont.load_default()


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
