from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from articles.admin_addresses import KeepsOldAddresses, MakesSlugFromName
from articles.admin_labels import TellsOfHtmlInLabels
from articles.admin_uploads import AsksForUploadsAgain
from articles.images import NewsImageFormField
from articles.models import public_authors
from articles.names import name_key
from authors.models import Author, AuthorLink
from newsroom.admin_autocomplete import AutocompleteForAnyValue
from newsroom.admin_deletes import NamesWhatProtectsIt
from newsroom.admin_search import FindsEitherApostrophe
from newsroom.admin_stale_saves import RefusesStaleSaves
from sections.admin import SectionListFilter


def linkable_accounts(author=None):
    """Active staff accounts no other author is linked to (and ``author``'s own), by username.

    The account ``author`` is linked to stays a choice even once it has left the
    staff, so the profile can still be saved as it is.
    """
    accounts = Q(is_active=True, is_staff=True, author__isnull=True)
    if author is not None and author.user_id:
        accounts |= Q(pk=author.user_id)
    return get_user_model().objects.filter(accounts).order_by("username")


class StaffAccountField(forms.ModelChoiceField):
    """A staff account, named as colleagues know it: "Walt Reyes (wreyes)"."""

    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 0


@admin.register(Author)
class AuthorAdmin(
    FindsEitherApostrophe,
    NamesWhatProtectsIt,
    RefusesStaleSaves,
    TellsOfHtmlInLabels,
    AutocompleteForAnyValue,
    AsksForUploadsAgain,
    MakesSlugFromName,
    KeepsOldAddresses,
    admin.ModelAdmin,
):
    # A page (and so old addresses to keep) once a public story carries them.
    public_rows = staticmethod(public_authors)
    list_display = ["thumbnail", "name", "job_title", "beat", "user"]
    # The name alone, as the story list's headline: it heads each row and is its
    # one link (the photo, with an empty alt, made a nameless link ahead of it).
    list_display_links = ["name"]
    list_filter = [("beat", SectionListFilter)]
    # The beat column names its parents (World › Europe › Balkans), as the sections' list.
    list_select_related = ["beat", "beat__parent", "beat__parent__parent", "user"]
    search_fields = ["name", "slug", "job_title", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    # Not "user": its autocomplete asks for permission on accounts, which editors
    # lack (it answered them 403), so the account is a plain select of the staff.
    autocomplete_fields = ["beat"]
    inlines = [AuthorLinkInline]
    # Photos are checked and re-encoded while the form cleans (articles/images.py).
    formfield_overrides = {models.ImageField: {"form_class": NewsImageFormField}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = linkable_accounts()
            kwargs["form_class"] = StaffAccountField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Which account signs in as which author is for those who link them: a writer
    # reading the list learnt each editor's user name, half of a password guess.

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if self.has_change_permission(request):
            return shown
        return [name for name in shown if name != "user"]

    def get_exclude(self, request, obj=None):
        excluded = super().get_exclude(request, obj) or ()
        if self.has_change_permission(request, obj):
            return excluded
        return [*excluded, "user"]

    def lookup_allowed(self, lookup, value, request=None):
        # Nor filtered by it: "?user__isnull=False" listed who has an account,
        # "?user=3" whose account is which.
        if lookup.split("__", 1)[0] == "user" and not self.has_change_permission(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # A class made for this request: its field may be changed in place.
        account = form.base_fields.get("user")
        if account is not None and obj is not None:
            account.queryset = linkable_accounts(obj)
        return form

    # A save that changes nothing leaves the profile's time of change alone: it
    # dates the author's page for search engines (the authors sitemap), as a
    # story's does (docs/decisions/0026). Django's admin writes the row on
    # every save, before the links.

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # the row as stored; ``save_related`` dates a change to the links
        super().save_model(request, obj, form, change)
        if "name" not in form.changed_data:
            return
        # Two journalists may share a name, but the byline box lists them
        # alike, by name. Said, not refused. Names are compared as readers tell
        # them apart (``name_key``: "Jean–Pierre" with an en dash is
        # "Jean-Pierre"); authors keep no key column, and a desk has hundreds.
        key = name_key(obj.name)
        namesakes = [
            author
            # Oldest first among names that sort alike: the order a desk met them in, and
            # the same on every database (PostgreSQL left ties to chance).
            for author in Author.objects.exclude(pk=obj.pk)
            .only("pk", "name", "slug")
            .order_by("name", "pk")
            if name_key(author.name) == key
        ]
        if namesakes:
            # Each as stored: "RAMÁN" is told of the "Priya Raman" already there,
            # not of the name just typed.
            named = ", ".join(f"“{author.name}” ({author.slug})" for author in namesakes)
            self.message_user(
                request,
                f"Another author is named {named}. The byline box lists both by name alone: "
                "if this is someone else, a middle initial in one of the names tells them apart."
                if len(namesakes) == 1
                else f"Other authors are named {named}. The byline box lists them all by name "
                "alone: if this is someone else, a middle initial in one of the names tells "
                "them apart.",
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and not form.has_changed() and any(f.has_changed() for f in formsets):
            Author.objects.filter(pk=form.instance.pk).update(updated_at=timezone.now())

    @admin.display(description="Photo")
    def thumbnail(self, obj):
        if not obj.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="40" height="40" '
            'style="object-fit:cover;border-radius:50%">',
            obj.photo.url,
        )
