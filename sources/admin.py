from django.contrib import admin

from articles.admin_addresses import KeepsOldAddresses, MakesSlugFromName
from articles.admin_labels import TellsOfHtmlInLabels
from articles.models import public_sources
from newsroom.admin_deletes import NamesWhatProtectsIt
from newsroom.admin_stale_saves import RefusesStaleSaves
from sources.models import Source


@admin.register(Source)
class SourceAdmin(
    NamesWhatProtectsIt,
    RefusesStaleSaves,
    TellsOfHtmlInLabels,
    MakesSlugFromName,
    KeepsOldAddresses,
    admin.ModelAdmin,
):
    # A page (and so old addresses to keep) once a public story carries them.
    public_rows = staticmethod(public_sources)
    list_display = ["name", "kind", "country", "url"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "country", "notes"]
    prepopulated_fields = {"slug": ["name"]}
