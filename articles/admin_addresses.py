"""What the admins of authors, sources and sections share: their addresses.

Old addresses keep working after a slug changes; an author's or source's slug
may be left for the name to make.
"""

from django import forms
from django.contrib import messages
from django.utils.text import capfirst

from articles import services
from articles.slugs import (
    admin_script_slug,
    is_the_scripts_spelling,
    respelt_message,
    slug_base,
    slug_for_name,
    stand_in_warning,
)


class KeepsOldAddresses:
    """A ``ModelAdmin`` mixin: after a slug change, the old public addresses answer with 301s.

    Done when the admin saves, as for stories (``ArticleAdmin.save_related``),
    not in a model hook: the admin is where slugs are renamed, and a hook would
    read the old row on every save from anywhere (``load_demo`` saves each
    author on every run). ``move_addresses(before, after)`` is the service that
    works out which addresses moved; a section's stories move with it.

    ``public_rows``, when set, returns the rows that have a public page (an
    author or source with a public story): for the others nothing is kept, as
    their old address was never a page, and a redirect from it would announce
    the new slug (a new hire's title) to anyone who tried the old one. Nor is
    "View on site" offered for a page that does not exist yet.
    """

    move_addresses = staticmethod(services.keep_renamed_addresses)
    public_rows = None

    def has_public_page(self, obj):
        return self.public_rows is None or self.public_rows().filter(pk=obj.pk).exists()

    def save_model(self, request, obj, form, change):
        before = type(obj)._default_manager.only("slug").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None and before.slug != obj.slug and self.has_public_page(obj):
            self.move_addresses(before, obj)

    def get_view_on_site_url(self, obj=None):
        if obj is not None and not self.has_public_page(obj):
            return None
        return super().get_view_on_site_url(obj)


class SlugFromNameForm(forms.ModelForm):
    """An author's or source's form whose slug may be left empty: the name makes it.

    The admin writes the slug from the name as it is typed, and writes nothing
    for a name in a script it has no Latin spelling for ("新华社"): the form
    then refused the save ("This field is required."). What it writes for a
    name mostly in another script, where the page's own script lets it, is
    replaced by the server's ("papadopoylos" is "papadopoulos", an Arabic
    name's consonants a stand-in; ``slugs.is_the_scripts_spelling``).
    ``stand_in`` is True
    when the name could not make the slug either, and a dated stand-in was
    given (``articles.slugs.slug_for_name``).
    """

    stand_in = False
    # The admin script's spelling the server's took the place of.
    respelt = None

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.errors or not cleaned.get("name"):
            return cleaned
        if cleaned.get("slug"):
            if not self._slug_is_the_scripts(cleaned):
                return cleaned
            # The server's spelling, unnumbered: the form's unique check then
            # refuses a taken one, as it does a slug the editor typed. A name
            # it cannot spell ("سامي الخطيب") gets a stand-in below.
            spelt = slug_base(cleaned["name"], self._slug_max_length())
            if spelt:
                if spelt != cleaned["slug"]:
                    self.respelt, cleaned["slug"] = cleaned["slug"], spelt
                return cleaned
        self.instance.name = cleaned["name"]
        kind = self._meta.model._meta.verbose_name
        # Set before the form's unique check, which then checks this slug.
        cleaned["slug"], made_from_name = slug_for_name(self.instance, kind)
        self.stand_in = not made_from_name
        return cleaned

    def forget_the_pages_slug(self):
        """On a new author's or source's form sent back unsaved, empty the slug the page made.

        The admin's script (prepopulate.js) writes the slug from the name only
        while the box is empty when the page opens. Sent back filled (a name
        whose address another row has: "Reuters (UK)" beside "Reuters UK"), the
        box kept the first name's slug as the name was rewritten, and the next
        save was refused on a slug the editor never wrote. Empty, the page
        writes it again from the name as it is now; a slug the editor wrote,
        or one refused itself, is left as sent (``WorkflowArticleForm`` does
        the same for a story's headline).
        """
        if self.instance.pk is not None or "slug" in self._errors:
            return
        posted = self.data.get(self.add_prefix("slug")) or ""
        name = self.data.get(self.add_prefix("name")) or ""
        if posted and posted == admin_script_slug(name, self._slug_max_length()):
            self.data = self.data.copy()
            self.data[self.add_prefix("slug")] = ""

    def _slug_max_length(self):
        return self._meta.model._meta.get_field("slug").max_length

    def _slug_is_the_scripts(self, cleaned):
        """A new row's slug is the admin script's spelling of a name in another script."""
        return self.instance.pk is None and is_the_scripts_spelling(
            cleaned["slug"], cleaned["name"], self._slug_max_length()
        )


class MakesSlugFromName:
    """A ``ModelAdmin`` mixin for authors and sources: an empty slug is made from the name.

    A name with no Latin, Greek or Cyrillic letters gets a dated stand-in, and
    the editor is told to write a slug, as the importer tells them of a headline.
    """

    form = SlugFromNameForm

    class Media:
        # Leaves the slug box empty for a name mostly in another script, for the
        # server to spell (``slugs.mostly_other_letters``).
        js = ["admin/js/urlify.js", "articles/admin-slug-spelling.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            formfield.required = False
            formfield.help_text = "The page's address. Left empty, it is made from the name."
        return formfield

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add and request.method == "POST":
            # Drawn after a POST only when the save was refused.
            context["adminform"].form.forget_the_pages_slug()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "stand_in", False):
            warning = stand_in_warning(obj, obj._meta.verbose_name)
            self.message_user(request, f"{capfirst(warning)}.", messages.WARNING)
        if respelt := getattr(form, "respelt", None):
            said = respelt_message(obj.slug, respelt)
            self.message_user(request, f"{capfirst(said)}.", messages.INFO)
