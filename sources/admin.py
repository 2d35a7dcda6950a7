from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from articles.admin_addresses import KeepsOldAddresses, MakesSlugFromName
from articles.admin_labels import TellsOfHtmlInLabels
from articles.models import public_sources
from articles.names import name_key
from newsroom.admin_deletes import NamesWhatProtectsIt
from newsroom.admin_search import FindsEitherApostrophe
from newsroom.admin_stale_saves import RefusesStaleSaves
from sources.models import OtherName, Source


class OtherNameFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """One name once: "BBC" and "bbc" typed in two rows are one other name.

        Each row is checked against what is stored (``OtherName.validate_unique``);
        two new rows are checked against each other here, where the database's
        own refusal would have been a server error.
        """
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            name = form.cleaned_data.get("name")
            if not name:
                continue
            key = name_key(name)
            if key in seen:
                raise ValidationError(
                    f"“{name}” is given twice: take one of the two rows out.", code="repeated"
                )
            seen.add(key)


class OtherNameInline(admin.TabularInline):
    model = OtherName
    formset = OtherNameFormSet
    extra = 0
    fields = ["name"]


@admin.register(Source)
class SourceAdmin(
    FindsEitherApostrophe,
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
    # The other names too: "BBC" finds "British Broadcasting Corporation" here and
    # in the story form's source box, which searches with this admin.
    search_fields = ["name", "other_names__name", "slug", "country", "notes"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OtherNameInline]
