"""Sections: the desks and regions stories are filed under (World › Europe)."""

from django.core.exceptions import ValidationError
from django.db import models

from articles.fields import LabelField, PlainTextField
from articles.models import cached_reverse
from articles.slugs import LowerCaseSlug

# Section pages live at the site root (/world/), so a section may not take a
# slug that the site's own URLs use.
RESERVED_SLUGS = frozenset(
    {
        "admin", "authors", "sources", "search", "feeds", "feed", "rss", "atom",
        "sitemap.xml", "robots.txt", "static", "media", "preview", "corrections",
        "healthz", "ckeditor", "sections", "api", "news-sitemap.xml", "about",
    }
)


def validate_section_slug(value):
    """Refuse a slug one of the site's own routes starts with ("admin", "feeds")."""
    # Whatever the case: "/Admin/" is sent to "/admin/" (newsroom.middleware).
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(slug)s” is used by the site's own pages; choose another slug.",
            params={"slug": value},
        )


class Section(LowerCaseSlug, models.Model):
    """A desk or region stories are filed under, at /<slug>/; a parent makes World › Europe."""

    name = LabelField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, validators=[validate_section_slug])
    description = PlainTextField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level section; World › Europe has World as parent.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the navigation and on the home page (lowest first)."
    )
    show_in_nav = models.BooleanField("shown in navigation", default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent} › {self.name}"
        return self.name

    def get_absolute_url(self):
        return cached_reverse("sections:detail", slug=self.slug)

    def public_paths(self):
        """The section's own public addresses: its page and both feeds.

        Its stories' addresses contain the slug too; see
        ``articles.services.keep_section_addresses``.
        """
        return [
            self.get_absolute_url(),
            cached_reverse("feeds:section_rss", slug=self.slug),
            cached_reverse("feeds:section_atom", slug=self.slug),
        ]

    def clean(self):
        # A section may not be its own ancestor: the navigation would loop.
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A section cannot sit inside itself."})
            ancestor = ancestor.parent
