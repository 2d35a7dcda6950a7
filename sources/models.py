"""Sources: the agencies and outlets stories are based on or cite."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from articles.fields import CleanTextField, LabelField, LinkField, NameField, readers_can_open
from articles.models import cached_reverse
from articles.names import name_key
from articles.slugs import LowerCaseSlug, slug_for_name


class SourceQuerySet(models.QuerySet):
    def named(self, *names):
        """The source called one of ``names`` (the first that one is), or None.

        Names are compared as readers tell them apart (``articles.names.name_key``):
        "Méridian news service" is the source "Meridian News Service". Each row
        keeps its name's key in an indexed column, so this is one indexed
        lookup however many sources there are, not a read of every name (the
        database's own folding of case and accents differs between backends:
        SQLite's ``LIKE`` folds ASCII only). Of two rows with the same name,
        the older is found.
        """
        keys = [key for key in map(name_key, filter(None, names)) if key]
        if not keys:
            return None
        found = {}
        for source in self.filter(name_key__in=keys).order_by("pk"):
            found.setdefault(source.name_key, source)
        for key in keys:
            if key in found:
                return found[key]
        return None


class Source(LowerCaseSlug, models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        GOVERNMENT = "government", "Government"
        ORGANISATION = "organisation", "Organisation"
        OTHER = "other", "Other"

    name = NameField(max_length=150, unique=True)
    # What the name is to a reader (``articles.names.name_key``), kept by
    # ``save`` and indexed for ``SourceQuerySet.named``. A text column: a key
    # can be longer than its name (NFKD spells "ﬃ" as "ffi").
    name_key = models.TextField(editable=False, db_index=True, default="")
    slug = models.SlugField(max_length=150, unique=True)
    url = LinkField("home page", blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = LabelField(max_length=100, blank=True)
    notes = CleanTextField(
        blank=True, help_text="For the desk (writers and editors); never shown to readers."
    )

    objects = SourceQuerySet.as_manager()

    # Told on the name of a new source whose name makes another's address
    # ("Reuters (UK)" beside "Reuters UK"; ``LowerCaseSlug``).
    names_address_advice = (
        "If it is the same source, credit that one; if it is another, write a slug of its own "
        "for this one."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # Never saved without an address, nor onto another's: made from the
            # name, or a dated stand-in for a name in another script.
            self.slug, _ = slug_for_name(self, "source")
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("sources:detail", slug=self.slug)

    @property
    def openable_url(self):
        """The home page to link readers to: ``url`` if readers can open it, else "".

        A home page stored before ``LinkField`` refused "ftp://…", a private
        host or a password in the address is kept until the source is next
        saved; the source page and the structured data link to none of those.
        """
        return self.url if readers_can_open(self.url) else ""

    def public_paths(self):
        """Every public address that contains the slug: the source page and both feeds."""
        return [
            self.get_absolute_url(),
            cached_reverse("feeds:source_rss", slug=self.slug),
            cached_reverse("feeds:source_atom", slug=self.slug),
        ]

    def validate_unique(self, exclude=None):
        """Refuse a name another source has in other capitals, accents, dashes or apostrophes.

        The column is unique as written only: "meridian news service" and
        "Méridian News Service" were taken beside "Meridian News Service", and
        each had its own page and its own credits. The error names the source
        there is, with a link to it; the slug the name made, which that source
        holds too, is not refused beside it (the admin makes a new one from the
        next name typed).

        Of sources that came to share a name when ``name_key`` learnt to fold
        more (migration 0005), the first is saved under its name as before;
        the later ones are refused until renamed.
        """
        exclude = set(exclude or ())
        errors = {}
        if self.name and "name" not in exclude:
            same = Source.objects.exclude(pk=self.pk).named(self.name)
            if same is not None and self._first_of_its_name(same):
                same = None
            if same is not None:
                if same.name == self.name:
                    how = ""
                else:
                    how = (
                        ", written with other capitals, accents, dashes, apostrophes "
                        "or invisible characters"
                    )
                errors["name"] = [
                    ValidationError(
                        format_html(
                            'The source <a href="{}">“{}”</a> has this name already{}. Credit '
                            "that one, or give this source a name of its own.",
                            reverse("admin:sources_source_change", args=[same.pk]),
                            same.name,
                            how,
                        ),
                        code="unique",
                    )
                ]
                exclude.add("name")  # Not said twice in Django's words.
                if self.slug and self.slug.lower() == same.slug.lower():
                    exclude.add("slug")  # The same source, named again.
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _first_of_its_name(self, later):
        """Whether this stored source, older than ``later``, keeps the name it has."""
        if self.pk is None or later.pk < self.pk:
            return False
        stored = Source.objects.filter(pk=self.pk).values_list("name", flat=True).first()
        return stored == self.name


# Our sources, by kind, in the order readers look for them: the wires whose
# copy most stories rest on first, "Other" last. A kind missing here (added to
# ``Source.Kind`` later, or a row written around the choices) is listed under
# "Other" rather than left out.
KIND_HEADINGS = {
    Source.Kind.AGENCY: "News agencies",
    Source.Kind.NEWSPAPER: "Newspapers",
    Source.Kind.BROADCASTER: "Broadcasters",
    Source.Kind.GOVERNMENT: "Governments",
    Source.Kind.ORGANISATION: "Organisations",
    Source.Kind.OTHER: "Other sources",
}
