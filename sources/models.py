"""Sources: the agencies and outlets stories are based on or cite."""

from django.db import models

from articles.fields import CleanCharField, CleanTextField
from articles.models import cached_reverse
from articles.slugs import LowerCaseSlug, slug_for_name


class Source(LowerCaseSlug, models.Model):
    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSPAPER = "newspaper", "Newspaper"
        BROADCASTER = "broadcaster", "Broadcaster"
        GOVERNMENT = "government", "Government"
        ORGANISATION = "organisation", "Organisation"
        OTHER = "other", "Other"

    name = CleanCharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    url = models.URLField("home page", blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = CleanCharField(max_length=100, blank=True)
    notes = CleanTextField(
        blank=True, help_text="For the desk (writers and editors); never shown to readers."
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
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("sources:detail", slug=self.slug)

    def public_paths(self):
        """Every public address that contains the slug: the source page (it has no feed)."""
        return [self.get_absolute_url()]


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
