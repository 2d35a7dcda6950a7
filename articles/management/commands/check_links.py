"""List the stored home pages and profile links readers cannot open (after an upgrade).

``LinkField`` refuses addresses readers cannot follow (decision 0032), but
only when a form is saved: a source or author stored before a rule keeps its
address, unlinked on the public pages, until an editor mends it and is told
why only on that save. This lists every such row, with the refusal the admin
would give and where to mend it, so a desk can fix them all at once rather
than meet them one by one. It changes nothing: which address to write instead
is the desk's to find.

A password in an address is shown as ``***``: the list may be pasted into a
ticket or kept in a deploy's log.
"""

import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.urls import reverse

from articles.fields import PublicLinkValidator
from authors.models import AuthorLink
from sources.models import Source

_PASSWORD = re.compile(r"(//[^/?#@:]*):[^/?#@]*@")


def shown(url):
    """``url`` with any password in it replaced by ``***``."""
    return _PASSWORD.sub(r"\1:***@", url)


def stored_links():
    """``(url, what, admin_path)`` for every stored address a public page links to.

    Sources' home pages by name, then writers' profile links by writer and in
    their order on the profile; rows with no address are not links.
    """
    sources = Source.objects.exclude(url="").only("name", "url").order_by("name", "pk")
    for source in sources.iterator():
        yield (
            source.url,
            f"Source “{source.name}”, home page",
            reverse("admin:sources_source_change", args=[source.pk]),
        )
    links = (
        AuthorLink.objects.select_related("author")
        .only("label", "url", "author__name")
        .order_by("author__name", "author__pk", "position", "pk")
    )
    for link in links.iterator():
        yield (
            link.url,
            f"Author “{link.author.name}”, link “{link.label}”",
            reverse("admin:authors_author_change", args=[link.author_id]),
        )


class Command(BaseCommand):
    help = "List stored source home pages and author profile links readers cannot open."

    def handle(self, *args, **options):
        check = PublicLinkValidator()
        found = 0
        for url, what, admin_path in stored_links():
            try:
                check(url)
            except ValidationError as error:
                found += 1
                self.stdout.write(
                    f"{what}: {shown(url)}\n  {' '.join(error.messages)}\n  Mend: {admin_path}"
                )
        if not found:
            self.stdout.write("Every stored home page and profile link is one readers can open.")
            return
        # Two whole sentences, not one with an ending added (decision 0040).
        self.stdout.write(
            "1 stored address readers cannot open: the site shows no link for it, and the "
            "admin refuses to save its row until the address is mended."
            if found == 1
            else f"{found} stored addresses readers cannot open: the site shows no link for "
            "them, and the admin refuses to save each row until its address is mended."
        )
