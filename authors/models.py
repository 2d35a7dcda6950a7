"""Authors: the people stories are bylined to, staff or not."""

import re

from django.conf import settings
from django.db import models

from articles.fields import LabelField, LinkField, NameField, PlainTextField, readers_can_open
from articles.images import random_upload_name, validate_image_upload
from articles.models import cached_reverse
from articles.slugs import LowerCaseSlug, slug_for_name


def author_photo_path(instance, filename):
    """``upload_to`` for an author's photo: a random name under authors/, its extension kept."""
    return random_upload_name(filename, prefix="authors/")


def _words(text):
    """``text``'s words, case folded: "Asia-Pacific editor" is asia, pacific, editor."""
    return [word.casefold() for word in re.findall(r"\w+", text)]


class Author(LowerCaseSlug, models.Model):
    """A person on bylines, with a profile at /authors/<slug>/ once a public story names them.

    ``user`` is the staff account that signs in as them, when they have one.
    """

    name = NameField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    job_title = LabelField(max_length=150, blank=True)
    bio = PlainTextField(blank=True, help_text="A short biography, shown on the author page.")
    photo = models.ImageField(
        upload_to=author_photo_path,
        blank=True,
        validators=[validate_image_upload],
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    beat = models.ForeignKey(
        "sections.Section",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beat_authors",
        help_text="The section this author usually covers.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
        help_text="The staff account of this author, if any (agency writers have none).",
    )
    # The profile's last save (name, title, biography, photo, beat, links: the
    # admin saves the author with its links). Dates the author's page in the
    # sitemap with their latest public story.
    updated_at = models.DateTimeField(auto_now=True)

    # Told on the name of a new author whose name makes another's address
    # (``LowerCaseSlug``). Two journalists may share a name (``AuthorAdmin``
    # warns of it): a second "Priya Raman" needs an address of her own.
    names_address_advice = (
        "If it is the same person, use that profile; if it is someone else, write a slug of "
        "their own for this one (a middle initial tells the two apart)."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # Never saved without an address, nor onto another's: made from the
            # name, or a dated stand-in for a name in another script.
            self.slug, _ = slug_for_name(self, "author")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("authors:detail", slug=self.slug)

    @property
    def beat_beside_title(self):
        """The beat to show beside the job title: None if there is none, or the title names it.

        "Africa correspondent · Covers Africa" says one thing twice. The title
        names the beat when the beat's words stand in it in a row, whatever
        their case: "Middle East correspondent" names Middle East, "European
        affairs editor" does not name Europe.
        """
        if self.beat_id is None:
            return None
        beat, title = _words(self.beat.name), _words(self.job_title)
        size = len(beat)
        named = any(title[start : start + size] == beat for start in range(len(title) - size + 1))
        return None if beat and named else self.beat

    def public_paths(self):
        """Every public address that contains the slug: the author page and both feeds."""
        return [
            self.get_absolute_url(),
            cached_reverse("feeds:author_rss", slug=self.slug),
            cached_reverse("feeds:author_atom", slug=self.slug),
        ]


class AuthorLink(models.Model):
    """A public link on an author's profile (personal site, social account)."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    label = LabelField(max_length=60)
    url = LinkField("address")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.label}: {self.url}"

    @property
    def openable_url(self):
        """The address to link readers to: ``url`` if readers can open it, else "".

        As ``Source.openable_url``: a link stored before the rule is shown as
        its label alone until the author is next saved with it mended.
        """
        return self.url if readers_can_open(self.url) else ""
