"""Sources: the agencies and outlets stories are based on or cite."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Value
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
        "Méridian news service" is the source "Meridian News Service". A
        source's other names count as its name ("BBC" is the source "British
        Broadcasting Corporation" that has it as one; ``OtherName``). Each name
        keeps its key in an indexed column, so this is one query of two indexed
        lookups however many sources there are, not a read of every name (the
        database's own folding of case and accents differs between backends:
        SQLite's ``LIKE`` folds ASCII only). Of two rows with the same name,
        the older is found, and a source's own name before another's other name.

        The source found says which of its names it was found by: ``found_by``
        (as stored) and ``found_by_other_name``.
        """
        keys = [key for key in map(name_key, filter(None, names)) if key]
        if not keys:
            return None
        # Neither half may be ordered inside the union (SQLite refuses it).
        by_name = (
            self.filter(name_key__in=keys)
            .annotate(found_key=F("name_key"), found_by=F("name"), found_by_other_name=Value(False))
            .order_by()
        )
        by_other_name = (
            self.filter(other_names__name_key__in=keys)
            .annotate(
                found_key=F("other_names__name_key"),
                found_by=F("other_names__name"),
                found_by_other_name=Value(True),
            )
            .order_by()
        )
        found = {}
        for source in by_name.union(by_other_name, all=True).order_by("found_by_other_name", "pk"):
            found.setdefault(source.found_key, source)
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

        Another source's other name is refused the same way (``OtherName``):
        "BBC" is the name of the source that goes by it.

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
                errors["name"] = [
                    ValidationError(
                        format_html(
                            "{}. Credit that one, or give this source a name of its own.",
                            whose_name(same, self.name),
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


def whose_name(source, name):
    """What the admin says of ``name``, which ``source`` has (found by ``named``): HTML.

    "The source “British Broadcasting Corporation” has “BBC” as another name
    already", linked to that source's form, and whether ``name`` was written
    otherwise than it is there.
    """
    if source.found_by == name:
        how = ""
    else:
        how = ", written with other capitals, accents, dashes, apostrophes or invisible characters"
    link = reverse("admin:sources_source_change", args=[source.pk])
    if source.found_by_other_name:
        return format_html(
            'The source <a href="{}">“{}”</a> has “{}” as another name already{}',
            link,
            source.name,
            source.found_by,
            how,
        )
    return format_html(
        'The source <a href="{}">“{}”</a> has this name already{}', link, source.name, how
    )


class OtherName(models.Model):
    """Another name a source goes by: "BBC" for "British Broadcasting Corporation".

    Wire copy and writers credit a source by its short name as often as by
    its full one. A source's other names find it as its name does
    (``SourceQuerySet.named``: the importer's "Source: BBC", the admin's
    check for a name taken) and in the admin's searches (the source list, the
    story form's source box). A name is one source's only: an other name may
    not be any source's name or another other name, compared by key as names
    are (``articles.names.name_key``). Keys are unique among other names in
    the database; against sources' names, which live in another table, the
    check is ``validate_unique``'s (docs/decisions/0039).
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="other_names")
    name = NameField(
        max_length=150,
        help_text="As copy credits it: “BBC” for “British Broadcasting Corporation”. Wire copy "
        "signed with it is credited to this source, and the admin's searches find it by it.",
    )
    # What the name is to a reader, kept by ``save`` as ``Source.name_key`` is.
    name_key = models.TextField(editable=False, unique=True)

    class Meta:
        # In the order the desk gave them: the first is the one most used.
        ordering = ["pk"]
        verbose_name = "other name"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        """Refuse a name its source has, or another source has as its name or an other name.

        The error names the source that has it, with a link to its form. The
        source is compared as it stands in the form: renamed there, its new
        name is its name ("BBC" may become an other name as the source is
        renamed "British Broadcasting Corporation").
        """
        exclude = set(exclude or ())
        errors = {}
        if self.name and "name" not in exclude:
            # The key as ``save`` will store it; its uniqueness is checked here,
            # in words an editor can act on.
            exclude.add("name_key")
            if (message := self._taken(name_key(self.name))) is not None:
                errors["name"] = [ValidationError(message, code="unique")]
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _taken(self, key):
        """Why this other name may not be saved (HTML), or None if it may."""
        if not key:
            return "Write the name in letters: this one shows none."
        try:
            source = self.source  # as the form has it, renamed or not saved yet
        except Source.DoesNotExist:
            source = None
        if source is not None and name_key(source.name or "") == key:
            return "This is the source's name: an other name is one it also goes by."
        taken = OtherName.objects.filter(name_key=key).exclude(pk=self.pk)
        holder = taken.select_related("source").first()
        if holder is not None:
            if self.source_id is not None and holder.source_id == self.source_id:
                return "This source has this other name already."
            found_by, holder = holder.name, holder.source
            holder.found_by, holder.found_by_other_name = found_by, True
        else:
            # Its own source's stored name is no other's, whatever the form renames it to.
            holder = (
                Source.objects.exclude(pk=self.source_id)
                .filter(name_key=key)
                .order_by("pk")
                .first()
            )
            if holder is None:
                return None
            holder.found_by, holder.found_by_other_name = holder.name, False
        return format_html(
            "{}. A name is one source's only: take it off that one first, or leave it out here.",
            whose_name(holder, self.name),
        )


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
