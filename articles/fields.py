"""Model fields for plain text: headlines, standfirsts, names, and the notes editors keep.

They are Django's ``CharField`` and ``TextField`` with the control characters
taken out (:func:`articles.sanitiser.clean_text`), and any direction override
left open closed (:func:`articles.sanitiser.close_direction_marks`), on every
save, from the admin, an import, a management command or the shell, so no path
can store a headline that breaks the feeds and sitemaps listing the story, or
a name that turns the rest of a byline around. Their form
fields clean too, before validation, so an editor who pastes a NUL gets clean
text rather than "Null characters are not allowed."

Rows written around ``save()`` (``QuerySet.update``, raw SQL, fixtures) are not
cleaned here; the feeds and the news sitemap clean what they print as well.

Names and the short labels beside them (``LabelField``), and the longer text
readers see as typed (``PlainTextField``: biographies, section descriptions),
also refuse HTML tags when validated, as the story form refuses them in a
headline (:func:`refuse_html_tags`).
"""

import functools
import ipaddress
import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from articles.names import strip_invisible
from articles.sanitiser import (
    clean_text,
    close_direction_marks,
    html_tags_in,
    quoted_tags,
    shows_nothing,
)


def clean_plain_text(value):
    """``value`` without control characters and with its direction overrides closed;
    "" when it shows nothing at all (a headline of one zero-width space is none)."""
    value = close_direction_marks(clean_text(value))
    if isinstance(value, str) and shows_nothing(value):
        return ""
    return value


def refuse_html_tags(value):
    """Refuse plain text with HTML tags in it, naming the first three to take out.

    A name or headline copied from a web page can bring ``<b>`` or a
    ``<script>`` with it. Escaped, they are harmless, but readers would see
    them as typed. Words with angle brackets or ampersands ("<2%", "AT&T")
    are not tags.
    """
    tags = html_tags_in(value)
    if tags:
        raise ValidationError(
            "This is plain text: take out the HTML that came with the paste "
            "(%(tags)s). Readers would see it as typed.",
            code="html_in_plain_text",
            params={"tags": quoted_tags(tags)},
        )


class CleanTextFormField(forms.CharField):
    """A form ``CharField`` that drops control characters before it strips and validates."""

    def to_python(self, value):
        return super().to_python(clean_plain_text(value))


class NameFormField(CleanTextFormField):
    """A name's form field: zero-width spaces and the like go too (``articles.names``)."""

    def to_python(self, value):
        return super().to_python(strip_invisible(value))


class _CleanTextMixin:
    # The column is the Django field's own; cleaning happens in Python only.
    # Migrations record the Django field, so moving a field to or from these
    # classes needs no migration (and SQLite no table rebuild).
    migration_path = None

    def pre_save(self, model_instance, add):
        value = clean_plain_text(super().pre_save(model_instance, add))
        # On the instance too, so what the caller holds is what was stored.
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanTextFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, self.migration_path, args, kwargs


class CleanCharField(_CleanTextMixin, models.CharField):
    """A ``CharField`` stored without control characters."""

    migration_path = "django.db.models.CharField"


class CleanTextField(_CleanTextMixin, models.TextField):
    """A ``TextField`` stored without control characters."""

    migration_path = "django.db.models.TextField"


class LabelField(CleanCharField):
    """A short label readers see as typed (a job title, a link's label): no HTML tags.

    The refusal is a validator of the model field, so every form made from the
    model (the admin's, with its inlines) and ``full_clean()`` give it; code
    that saves rows without validating them (the importer) looks for tags
    itself (``articles.sanitiser.html_tags_in``). A row stored with tags before
    this rule is refused when next saved until they are taken out, as a
    story's headline is, and the admin says so on opening it
    (``articles.admin_labels``).
    """

    default_validators = [refuse_html_tags]


class PlainTextField(CleanTextField):
    """Longer plain text readers see as typed (a biography, a section's description): no HTML tags.

    As ``LabelField``, for text a page prints escaped: "<b>Covers Europe</b>"
    pasted from a web page was shown to readers with its tags.
    """

    default_validators = [refuse_html_tags]


class NameField(LabelField):
    """The name of a source or writer, stored without control or invisible characters.

    A zero-width space pasted into "Meridian News Service" made a second
    source that looked the same; see ``articles.names`` for what is taken out
    and what (the joiners Persian and Indic scripts need) is kept.
    """

    def pre_save(self, model_instance, add):
        value = strip_invisible(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NameFormField, **kwargs})


# Host names that lead inside a network, never to a page a reader can open:
# "localhost" and the names under it (RFC 6761), multicast DNS's ".local" (RFC
# 6762), the home network's ".home.arpa" (RFC 8375) and ".internal", reserved
# for private networks. Not the names reserved for examples (".example",
# "example.com"): the demo's outlets use them, and they are placeholders, not
# a colleague's machine.
PRIVATE_HOSTS = ("localhost", "local", "home.arpa", "internal")


# A scheme, as in "ftp:" or "mailto:"; not a host and port ("localhost:8000").
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)


class PublicLinkValidator(URLValidator):
    """Refuse an address readers cannot follow: another scheme than http(s), a user
    name or password before the host, or a private host.

    Django's ``URLValidator`` takes "ftp://…" and "http://localhost/…": the
    source's home page or the author's profile link then went nowhere, or to
    the reader's own machine. It takes "https://user:pass@news.example/" too:
    browsers warn before opening such an address, or refuse it, since
    "https://trusted.example@elsewhere.example/" leads to elsewhere, and the
    page would publish the password to everyone. A host must be a dotted name
    outside ``PRIVATE_HOSTS`` (Django's check already asks for the dot) or a
    public IP address, not one of a private, loopback, link-local or reserved
    network. Each refusal says what to write instead; an address that is no
    address at all gets Django's "Enter a valid URL." alone.
    """

    schemes = ["http", "https"]

    def __call__(self, value):
        scheme = _SCHEME.match(value)
        if scheme and scheme[1].lower() not in self.schemes:
            raise ValidationError(
                "Readers' browsers open web addresses only: write one that starts with "
                "https:// (or http://), not “%(scheme)s:”.",
                code="link_scheme",
                params={"scheme": scheme[1]},
            )
        super().__call__(value)
        parts = urlsplit(value)
        host = (parts.hostname or "").rstrip(".")
        if "@" in parts.netloc:
            raise ValidationError(
                "Write this address without the user name and password before “@”: "
                "readers' browsers warn before opening an address with them, or refuse "
                "it, and the page would show them to everyone.",
                code="link_credentials",
            )
        try:
            private = not ipaddress.ip_address(host).is_global
        except ValueError:
            private = host in PRIVATE_HOSTS or host.endswith(
                tuple(f".{name}" for name in PRIVATE_HOSTS)
            )
        if private:
            raise ValidationError(
                "“%(host)s” is not on the public internet (it is a private, local or "
                "reserved network), so readers cannot open it: write the page's public "
                "address.",
                code="link_private_host",
                params={"host": host},
            )


_PUBLIC_LINK = PublicLinkValidator()


@functools.lru_cache(maxsize=1024)
def readers_can_open(url):
    """Whether ``url`` is an address ``PublicLinkValidator`` takes ("" is not).

    For the pages and the structured data, which link only to such addresses:
    a row stored before a rule of the validator still holds what it refuses
    until it is next saved. The check takes 15 to 50 microseconds (the
    longest for a 2,000-character address); remembered, the same address on
    the next request costs a tenth of a microsecond, as the pages show the
    same home pages and profile links again and again (docs/performance.md).
    An answer depends on the address alone, so it cannot go stale.
    """
    if not url:
        return False
    try:
        _PUBLIC_LINK(url)
    except ValidationError:
        return False
    return True


class LinkFormField(forms.URLField):
    """A link's form field with no ``maxlength`` for the browser to cut a paste at,
    taking the addresses ``LinkField`` takes (``PublicLinkValidator``).

    A browser cuts a longer paste off at ``maxlength`` without a word, and a
    cut address is a broken link saved as if it were whole. Without it, the
    form's own check says how long the address is and keeps it all to edit.
    """

    default_validators = [PublicLinkValidator()]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class LinkField(models.URLField):
    """An address a desk pastes in (a profile, a home page): long ones allowed, none cut.

    Only those readers can follow: web addresses on public hosts
    (``PublicLinkValidator``), on every form made from the model and in
    ``full_clean()``. A row stored before this rule is refused when next
    saved until its address is changed, as a label with HTML is.
    """

    default_validators = [PublicLinkValidator()]

    def __init__(self, *args, **kwargs):
        # Addresses with tracking or search parameters run past Django's 200;
        # 2,000 is about the longest browsers and servers reliably take.
        kwargs.setdefault("max_length", 2000)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LinkFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
