import copy
import json
import re
from contextlib import contextmanager
from functools import partial
from urllib.parse import urlsplit

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.redirects.models import Redirect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, Prefetch, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import Resolver404, path, resolve, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from reversion import set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from articles import revisions, services, slugs
from articles.admin_import import ArticleImportViews
from articles.admin_uploads import AsksForUploadsAgain
from articles.forms import ArticleAdminForm, typed_language
from articles.import_service import ARTICLE_SLUG_CHARS
from articles.models import Article, Byline, Correction, SourceCredit
from articles.sanitiser import BodyRefused, clean_body
from articles.templatetags.newsroom_stories import lang_attribute, reader_body
from articles.views import LIST_DEFERRED_FIELDS
from authors.models import Author
from newsroom import admin_redirects, admin_sites  # noqa: F401 (replace Django's admins)
from newsroom.admin_autocomplete import AutocompleteForAnyValue
from newsroom.admin_history import VersionsOnlyChanges
from newsroom.admin_search import FindsEitherApostrophe
from sections.admin import SectionListFilter

Status = Article.Status

# A scheduled story is published with a time still to come. It is not a status
# of its own, but editors meet it as one: its buttons are labelled for it.
SCHEDULED = "scheduled"
# The value of the "publish now" button of a scheduled story. Its status stays
# published; what changes is its time, to the moment of the click.
PUBLISH_NOW = "publish_now"
# The value of a scheduled story's "unschedule" button: a move back to draft, told
# from "unpublish" so that one sent after the story went public is not a takedown.
UNSCHEDULE = "unschedule"

# Labels of the workflow buttons on the story page, by (from, to) or by target status.
WORKFLOW_BUTTONS = {
    Status.REVIEW: "Save and submit for review",
    Status.PUBLISHED: "Save and publish",
    Status.ARCHIVED: "Save and archive",
    (Status.REVIEW, Status.DRAFT): "Save and send back to draft",
    (Status.PUBLISHED, Status.DRAFT): "Save and unpublish",
    (Status.ARCHIVED, Status.DRAFT): "Save and restore as draft",
    (SCHEDULED, Status.PUBLISHED): "Save and publish now",
    # Never public, so nothing is taken down: the story just stops waiting.
    (SCHEDULED, Status.DRAFT): "Save and unschedule",
}
# The order of the buttons: a story's natural path (review, then publish), then
# the moves back (to draft), with archiving (spiking) last, away from the rest.
WORKFLOW_BUTTON_ORDER = [Status.REVIEW, Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED]

# Read whole while editing: the admin's wide inputs instead of its 20em default.
WIDE_FIELDS = {"headline", "standfirst"}

# The form's boxes for a save (a status note, "substantive update", which save
# the form was opened on): on the page of a story the user may not change they
# could only read "None".
FOR_A_SAVE = {"substantive_update", "status_note", "loaded_version"}

# Not offered when restoring a version or recovering a deleted story: the
# publication time stays as it is (or the story comes back as a draft), and a
# status note goes with a workflow move, which these pages do not make.
NOT_ON_RESTORE = {"published_at", "status_note"}
# Where a refused move's status note waits for the story's form to open again.
KEPT_NOTE_SESSION_KEY = "newsroom_kept_status_note"
# Posted back with a past publication time the editor was asked about (the form's
# ``backdate_to_confirm``): the same button pressed again publishes it dated then.
CONFIRM_BACKDATE = "_publish_dated"


def is_scheduled(article):
    """Published, with a publication time still to come: readers cannot see it yet."""
    return (
        article.status == Status.PUBLISHED
        and article.published_at is not None
        and not article.is_public
    )


def own_author_pk(user):
    """The id of ``user``'s author profile, or None (an editor who never writes has none)."""
    return Author.objects.filter(user=user).values_list("pk", flat=True).first()


def version_or_404(versions, version_id):
    """The version numbered ``version_id`` (a query parameter, so any text) among ``versions``."""
    # Digits only ("abc" would be a server error), and few enough for a database id.
    if not version_id or not re.fullmatch(r"[0-9]{1,18}", version_id):
        raise Http404("Choose two saved versions of the story to compare.")
    return get_object_or_404(versions, pk=int(version_id))


class StatusListFilter(admin.SimpleListFilter):
    """The workflow's statuses as editors say them: "Scheduled" apart from "Published".

    A scheduled story is stored as published with a time to come; filed under
    "Published" it was lost among the live ones. The parameter keeps the name
    of Django's own status filter, so saved links to the list still work.
    """

    title = "status"
    parameter_name = "status__exact"
    SCHEDULED = "scheduled"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, Status.DRAFT.label),
            (Status.REVIEW, Status.REVIEW.label),
            (self.SCHEDULED, "Scheduled"),
            (Status.PUBLISHED, "Published (live)"),
            (Status.ARCHIVED, Status.ARCHIVED.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.SCHEDULED:
            return queryset.scheduled()
        if value == Status.PUBLISHED:
            return queryset.published()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class NameListFilter(admin.RelatedFieldListFilter):
    """Authors or sources by name: the choices read two columns, not every biography or note."""

    def field_choices(self, field, request, model_admin):
        return list(field.related_model._default_manager.order_by("name").values_list("pk", "name"))


class ArticleChangeList(ChangeList):
    """The story list leaves out what it never shows: the body and the search vector.

    At 100,000 stories the rows of a page are otherwise mostly body text.
    """

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer(*LIST_DEFERRED_FIELDS)

    def get_filters(self, request):
        # A date-hierarchy year Python cannot hold ("?published_at__year=99999999999")
        # or whose end it cannot reach (9999) was a 500: the admin's own answer
        # to a bad filter instead (the list, unfiltered, with "?e=1").
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


# The site a link copied without "https://" begins with: "news.example",
# "www.news.example", "news.example:8000", "localhost:8000".
SITE_IN_ADDRESS = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?|[a-z0-9-]+:\d+", re.IGNORECASE)


def story_slug_in_address(text):
    """The slug of the story whose public address ``text`` is, or None.

    ``text`` is the address with or without the site, query and anchor
    ("https://news.example/europe/2026/11/29/eu-energy-pact/?utm_source=x"),
    and with or without "https://" before the site ("news.example/europe/…",
    "www.news.example/…", as links are copied from chats and address bars),
    or the path alone, with or without its first slash
    ("europe/2026/11/29/eu-energy-pact", as copied out of the address bar).
    An address a renamed story left, kept as a redirect, gives the story it
    leads to: readers' old links are what is pasted. Anything else (words,
    "Israel/Gaza", "U.S./Mexico", a section's address) is None, and is
    searched as words.
    """
    text = text.strip()
    if " " in text:
        return None
    bare_path = False
    if "://" in text or text.startswith("//"):
        address = text
    elif text.startswith("/"):
        address = f"//x{text}"  # a path alone: any site will do
    elif "/" in text and SITE_IN_ADDRESS.fullmatch(text.partition("/")[0]):
        address = f"//{text}"
    elif "/" in text:
        address = f"//x/{text}"
        bare_path = True
    else:
        return None
    try:
        path = urlsplit(address).path
    except ValueError:  # "https://[…": no address, and no 500
        return None
    if not path.endswith("/"):
        path += "/"
    if bare_path and story_address(path) is None:
        # Words with slashes ("Israel/Gaza", "elections/live") read as a path
        # too; only a story's own address shape is taken for one, not any
        # path a redirect happens to keep.
        return None
    kept = (
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path=path)
        .exclude(new_path="")
        .values_list("new_path", flat=True)
        .first()
    )
    match = story_address(kept or path)
    return match.kwargs["slug"] if match else None


def story_address(path):
    """How ``path`` resolves when it is a story's public address, else None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match if match.view_name == "articles:detail" else None


def stays_published(article, data):
    """True when this POST saves a published story (live or scheduled) and leaves it published.

    Such a save must leave the story as the pre-publish checklist wants it: the
    checklist runs when a story is published, and a story already out, or
    waiting for its time, would otherwise go on without a byline, a source or
    alt text. A save that unpublishes or archives it may take those away.
    """
    if article.pk is None:
        return False
    requested = data.get("_transition") or data.get("status")
    if requested and requested not in (Status.PUBLISHED, PUBLISH_NOW):
        return False
    # Read once a save: the form and both inlines ask, of the same instance.
    if not hasattr(article, "_saved_status"):
        article._saved_status = (
            Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
        )
    return article._saved_status == Status.PUBLISHED


STAYS_READY_HINT = (
    "To take it away, first take the story off the site with “Save and unpublish” "
    "(“Save and unschedule” for a scheduled story)."
)


class _CreditFormSet(forms.BaseInlineFormSet):
    """Inline rows naming someone (``credited_field``); ``kept()`` are those the save leaves."""

    credited_field = None
    # What one row may not repeat of another (the model's unique constraint,
    # less the story), and what the second row is told, naming who it repeats.
    one_row_per = ()
    repeated_row_message = ""

    def validate_unique(self):
        """A row repeating one above is refused on that row, by name.

        Django's own words were "Please correct the duplicate data for author"
        over the rows and "Please correct the duplicate values below" on the
        row, naming no one, with the writer's own name chosen twice.
        """
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get(self.credited_field):
                continue
            row = tuple(data.get(name) for name in self.one_row_per)
            if row in seen:
                form.add_error(
                    self.credited_field,
                    self.repeated_row_message % {"name": data[self.credited_field]},
                )
            seen.add(row)
        super().validate_unique()

    def kept(self):
        return [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get(self.credited_field)
        ]


class BylineFormSet(_CreditFormSet):
    credited_field = "author"
    one_row_per = ("author",)
    repeated_row_message = (
        "%(name)s is already on the byline in a row above: take one of the two rows out."
    )

    # Set by BylineInline.get_formset: who is saving.
    user = None

    def clean(self):
        """A published or scheduled story keeps at least one byline."""
        super().clean()
        if not self.kept() and stays_published(self.instance, self.data):
            raise ValidationError(
                f"A published or scheduled story needs at least one byline. {STAYS_READY_HINT}",
                code="byline_required",
            )
        self._refuse_a_writer_taking_their_own_name_off()

    def _refuse_a_writer_taking_their_own_name_off(self):
        """A writer keeps their byline on a story someone else started.

        Their name on the byline is what lets them open it (``services.is_own_story``).
        Taken off, the save went through with "You may edit it again below",
        and the next page said they had no such story: "it may have been
        deleted". They could not open it again, even to put their name back.
        An editor takes a writer off a story. Restoring an old version from
        before their name was added is refused alike: the restore page shows
        the old rows, and the writer adds their own beside them.
        """
        user, story = self.user, self.instance
        if (
            user is None
            or story.pk is None
            or story.created_by_id == user.pk
            or services.can_publish(user)
        ):
            return
        if any(row["author"].user_id == user.pk for row in self.kept()):
            return
        raise ValidationError(
            "Keep your own name on the byline: you can open this story because you are on "
            "it (someone else started it). Taken off, you could not open the story again, "
            "even to put your name back. An editor can take you off it.",
            code="own_byline_required",
        )


class NoDeleteRelatedLink:
    """No red ✕ beside a writer, source or section chosen on the story form.

    Django offers one to delete the chosen row itself: beside a byline it sat
    where a writer looks to take the name off the story, and deleted the
    writer's profile instead. Profiles are deleted from their own pages.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_delete_related = False
        return formfield


class SaysWhoAddsRows:
    """An inline mixin: an autocomplete box that finds nothing says who adds the row.

    A writer typing a source the desk does not have read Select2's "No results
    found": an editor has a "+" beside the box to add one, a writer has none,
    and was not told that only editors add sources, as the importer tells them
    (``import_service``). The box of someone who may not add the row it chooses
    carries what to say instead (admin-none-found.js shows it).
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        related_admin = self.admin_site._registry.get(db_field.related_model)
        if (
            formfield is not None
            and db_field.name in self.get_autocomplete_fields(request)
            and related_admin is not None
            and not related_admin.has_add_permission(request)
        ):
            opts = db_field.related_model._meta
            formfield.widget.attrs["data-none-found"] = (
                f"No {opts.verbose_name} of that name yet, and only editors add "
                f"{opts.verbose_name_plural}: ask one to add it, then choose it here."
            )
        return formfield


class BylineInline(
    SaysWhoAddsRows, AutocompleteForAnyValue, NoDeleteRelatedLink, admin.TabularInline
):
    model = Byline
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A class made for this request: the attributes are this save's alone.
        formset.user = request.user
        return formset


class SourceCreditFormSet(_CreditFormSet):
    credited_field = "source"
    one_row_per = ("source", "role")
    repeated_row_message = (
        "%(name)s is already credited in this role in a row above: take one of the two rows out."
    )

    def clean(self):
        """One role per source: "Source: X" and "Also cited: X" on one story says it twice.

        And a published or scheduled story keeps a source, unless it is our own
        reporting (the form's box, already on ``self.instance``).
        """
        super().clean()
        if (
            not self.kept()
            and not self.instance.is_original_reporting
            and stays_published(self.instance, self.data)
        ):
            raise ValidationError(
                "A published or scheduled story needs a source, or “original reporting” "
                f"ticked if it is our own. {STAYS_READY_HINT}",
                code="source_required",
            )
        roles = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("source"):
                continue
            roles.setdefault(data["source"], set()).add(data.get("role"))
        both = sorted(str(source) for source, found in roles.items() if len(found) > 1)
        if both:
            raise ValidationError(
                "%(names)s is listed both as the story’s origin and as cited in the text. "
                "Keep one role: readers would see the name twice."
                if len(both) == 1
                else "%(names)s are listed both as the story’s origin and as cited in the "
                "text. Keep one role: readers would see the name twice.",
                params={"names": ", ".join(both)},
                code="source_in_two_roles",
            )


class SourceCreditInline(
    SaysWhoAddsRows, AutocompleteForAnyValue, NoDeleteRelatedLink, admin.TabularInline
):
    model = SourceCredit
    formset = SourceCreditFormSet
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "role", "position"]

    def get_queryset(self, request):
        # The model orders credits by the role's stored word, "cited" before
        # "origin": the form listed the sources a story is based on under those
        # it cites, and the row saved first came back last. What the story is
        # based on first, then what it cites.
        origin_first = Case(When(role=SourceCredit.Role.ORIGIN, then=0), default=1)
        return super().get_queryset(request).order_by(origin_first, "position", "pk")


class ShownCorrectionFormSet(forms.BaseInlineFormSet):
    @classmethod
    def get_default_prefix(cls):
        # Its own prefix, so the inline that adds corrections keeps "corrections".
        return "shown_corrections"


class ShownCorrectionInline(admin.StackedInline):
    """Corrections readers have seen: the public record, shown as it was, never rewritten.

    Read-only, so nothing posted for these rows is saved; a wrong one is put
    right by another correction below. Only a superuser may delete one, as
    only a superuser may delete a story: a legal takedown, not daily work
    (the story's version history keeps it).
    """

    model = Correction
    formset = ShownCorrectionFormSet
    extra = 0
    fields = ["kind", "note", "created_at"]
    readonly_fields = fields
    verbose_name = "correction or update shown to readers"
    # Said where editors look: the heading over these rows.
    verbose_name_plural = (
        "Corrections and updates readers have seen (to put one right, add another)"
    )
    # No empty heading on a story that has none.
    template = "admin/articles/article/edit_inline/shown_corrections.html"

    def get_queryset(self, request):
        return super().get_queryset(request).shown_to_readers()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class CorrectionFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        """A row the editor added is checked even if left as it came, with an empty note.

        The inline shows no empty row of its own (``extra = 0``): every row past the
        saved ones was added with "Add another". Django skips one left unchanged
        (the kind at its default, the note empty or only spaces) as a row never
        used, so the correction was dropped while the page said "changed
        successfully". Now it is refused at its note, saying what to do.
        """
        form = super()._construct_form(i, **kwargs)
        if self.is_bound and i >= self.initial_form_count() and "note" in form.fields:
            form.empty_permitted = False
            form.fields["note"].error_messages["required"] = (
                "Write the note readers will see, or take this row out with its “Remove” "
                "link if you added it by mistake."
            )
        return form

    def clean(self):
        """Refuse a change to a correction readers have seen since the form was opened,
        and a new one on a story no reader has seen (``services.correction_refused``).

        The first's row is no longer this formset's (``not_shown_to_readers``), so
        Django would drop the edit or the deletion without a word: a scheduled
        story that went public at its time while the form was open, or a forged
        POST. The second would be shown once the story went out, "This story has
        been corrected" over a version no reader saw: the change goes in the copy.
        The story is read as saved, so one gone public since the form was opened
        takes the correction.
        """
        super().clean()
        gone = [form for form in self.initial_forms if form.instance.pk is None]
        if gone:
            # The form cannot show these rows again (they are not its own now),
            # so the message keeps what was typed in them.
            typed = " ".join(f"“{form.data.get(form.add_prefix('note'), '')}”" for form in gone)
            raise ValidationError(
                "A correction in this form has been shown to readers since you opened the "
                "story, or was deleted: it was not changed. A correction readers have seen "
                "is kept as it is; to put it right, add another. Open the story again to "
                "see it. What you typed in it: %(typed)s",
                params={"typed": typed},
                code="correction_shown",
            )
        self._refuse_new_on_a_story_no_reader_saw()

    def _refuse_new_on_a_story_no_reader_saw(self):
        added = [form for form in self.extra_forms if not self._should_delete_form(form)]
        if not added:
            return
        saved = Article.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        refused = services.correction_refused(saved or Article())
        if refused:
            raise ValidationError(refused, code="not_seen")


class CorrectionInline(admin.StackedInline):
    """New corrections and updates, and those no reader has seen yet, which may still be
    edited or deleted: made while a story readers had seen was off the site, or (before
    they were refused there) on a draft or a scheduled story. Adding one marks a
    substantive update; it is refused on a story no reader has seen (``CorrectionFormSet``).
    """

    model = Correction
    formset = CorrectionFormSet
    extra = 0
    fields = ["kind", "note", "dated"]
    readonly_fields = ["dated"]
    verbose_name = "correction or update"
    # Beside the heading over those readers have seen, say which these are.
    verbose_name_plural = (
        "New corrections and updates (readers see them under the story once it is saved "
        "and public)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).not_shown_to_readers()

    @admin.display(description=Correction._meta.get_field("created_at").verbose_name)
    def dated(self, correction):
        """The correction's time, or when it will have one: a new row has none yet.

        Shown as the field, a row added with "Add another" had the time the
        form was opened, as if made then; it is dated when the story is saved
        (``created_at``'s default), which readers see.
        """
        if correction.pk is None:
            return "When the story is saved"
        return correction.created_at


class WorkflowArticleForm(ArticleAdminForm):
    """The story form plus the workflow's server-side rules.

    - ``loaded_version`` remembers which save of the story the form was opened on;
      if someone saved since, this save is refused and the form comes back with
      the typed text in it (no silent overwrite).
    - A status change arrives as a workflow button (``_transition``) or a posted
      ``status``; either way it is checked here before anything is saved, and
      made in ``ArticleAdmin.save_related`` once bylines and sources are saved.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    substantive_update = forms.BooleanField(
        required=False,
        label="Substantive update",
        help_text="Tick to show readers an “Updated” time. Leave it unticked for typo fixes.",
    )
    status_note = forms.CharField(
        required=False,
        label="Status note",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the story changes status; required when it goes back to draft.",
    )

    # Set by ArticleAdmin.get_form: what may be saved depends on who saves it.
    request = None
    # Set by clean() on "publish now": the time the story was waiting for.
    scheduled_for = None
    # Set by clean(): the story's (status, published_at) as saved when this form
    # was checked against it.
    checked_state = None
    # Set by clean_slug(): the slug, left empty, is a dated stand-in.
    slug_stand_in = False
    # Set by clean_slug(): the admin script's spelling of a headline in another
    # script, which the server's took the place of.
    respelt_slug = None
    # Set by clean(): the past publication time a publish was refused for, to
    # ask about; the page posts it back under this name.
    backdate_to_confirm = None
    confirm_backdate_name = CONFIRM_BACKDATE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Read from the database: on a history "revert" page the instance is an old copy.
            saved_at = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if saved_at is not None:
                self.fields["loaded_version"].initial = saved_at.isoformat()
        pin = self.fields.get("is_pinned")
        if pin is not None and (
            not self.is_bound or self.add_initial_prefix("is_pinned") in self.data
        ):
            # "Lead story" is judged changed against the tick the page was opened
            # with, not the row: a colleague's pin unpins this story without a
            # save (``services.take_the_lead``), which the stale-save check cannot
            # see, and the tick still on this page would take the lead back.
            pin.show_hidden_initial = True

    def clean_slug(self):
        """A slug another story holds: say which story, and where to change it.

        Django's own words ("Story with this Slug already exists.") sent the
        editor hunting, often for an archived story the list hides by default.
        """
        # Lower case, as every other address here: a capital would make a second
        # address that differs only in case, and links often get lower-cased.
        slug = (self.cleaned_data.get("slug") or "").lower()
        if slug and self._slug_is_the_scripts_spelling(slug):
            # The server's spelling, unnumbered: if another story has it, the
            # editor is told which, as for a slug they typed. A headline it
            # cannot spell gets a dated stand-in and a warning.
            spelt = slugs.slug_base(self.cleaned_data["headline"], ARTICLE_SLUG_CHARS)
            if spelt and spelt != slug:
                self.respelt_slug = slug
            slug = spelt
        if not slug:
            return self._slug_from_headline()
        holder = (
            Article.objects.exclude(pk=self.instance.pk)
            .filter(slug=slug)
            .only("headline", "status", "published_at")
            .first()
        )
        if holder is None:
            return slug
        if services.can_edit(self.request.user, holder):
            status = status_phrase(
                "Scheduled" if is_scheduled(holder) else holder.get_status_display()
            )
            url = reverse("admin:articles_article_change", args=[holder.pk])
            raise ValidationError(
                format_html(
                    "<a href=\"{}\">“{}”</a> ({}) already has this slug. Choose another, or "
                    "give that story another slug first.",
                    url,
                    holder.headline,
                    status,
                ),
                code="unique",
            )
        # A story this user may not open: not even its headline (a colleague's draft).
        raise ValidationError("Another story already has this slug. Choose another.", code="unique")

    def forget_the_pages_slug(self):
        """On a new story's form sent back unsaved, empty the slug the page made.

        The admin's script (prepopulate.js) writes the slug from the headline
        only while the box is empty when the page opens. Sent back filled, it
        kept what the first headline made, HTML tags spelt out ("btalksb-…")
        or words since rewritten, and went public. Called by the admin for any
        refused save, this form's errors or an inline's (a byline twice).
        """
        if self._slug_is_the_pages_own():
            self.data = self.data.copy()
            self.data[self.add_prefix("slug")] = ""

    def _slug_is_the_pages_own(self):
        """On a new story's form, the posted slug is what the admin's script made of the
        posted headline (``slugs.admin_script_slug``: its ``URLify``, which spells Greek
        and Cyrillic in Latin letters), and nothing is wrong with the slug itself."""
        if self.instance.pk is not None or "slug" in self._errors:
            return False
        posted = self.data.get(self.add_prefix("slug")) or ""
        headline = self.data.get(self.add_prefix("headline")) or ""
        made = slugs.admin_script_slug(headline, Article._meta.get_field("slug").max_length)
        return bool(posted) and posted == made

    def _slug_is_the_scripts_spelling(self, slug):
        """A new story's slug is the admin script's spelling of a headline in another
        script ("8essalonikh"), which the server spells better ("thessaloniki") or
        gives a stand-in (an Arabic headline's consonants, a Chinese one's digits)."""
        headline = self.cleaned_data.get("headline") or ""
        return self.instance.pk is None and slugs.is_the_scripts_spelling(
            slug, headline, Article._meta.get_field("slug").max_length
        )

    def _slug_from_headline(self):
        """A slug left empty is made from the headline, as the importer makes one.

        The admin's script writes it as the headline is typed, and writes
        nothing for a headline in a script it has no Latin spelling for
        ("中国发布新的气候目标"): the save was refused ("This field is
        required."). Such a headline gets a dated stand-in, and
        ``slug_stand_in`` tells the admin to say so.
        """
        headline = self.cleaned_data.get("headline")
        if not headline:
            raise ValidationError("Write a slug, or a headline to make it from.", code="required")
        # The dateline is cleaned after the slug: its typed value names the place.
        dateline = self["dateline"].value() if "dateline" in self.fields else ""
        slug, made_from_headline = slugs.story_slug(
            Article, headline, dateline or "", ARTICLE_SLUG_CHARS, exclude_pk=self.instance.pk
        )
        self.slug_stand_in = not made_from_headline
        return slug

    def validate_unique(self):
        """The model's unique checks, but for the slug's, which ``clean_slug`` made.

        Both asked the database whether another story holds the slug, on every
        save; ``clean_slug``'s answer names the story. The database's unique
        index still stands behind both. (Django's own method, one exclusion more.)
        """
        exclude = self._get_validation_exclusions()
        if "slug" in self.cleaned_data:
            exclude.add("slug")
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)

    def publishes_now(self):
        """This POST is a scheduled story's "publish now" button."""
        return self.data.get("_transition") == PUBLISH_NOW

    def unschedules(self):
        """This POST is a scheduled story's "unschedule" button."""
        return self.data.get("_transition") == UNSCHEDULE

    def requested_status(self):
        """The status this POST asks for, or None."""
        if self.publishes_now():
            return Status.PUBLISHED
        if self.unschedules():
            return Status.DRAFT
        requested = self.data.get("_transition") or self.data.get("status")
        if requested and requested != self.instance.status:
            return requested
        return None

    def clean(self):
        cleaned = super().clean()
        user = self.request.user
        self._refuse_overwrite()
        posted_time = any(
            self.data.get(key) for key in ("published_at", "published_at_0", "published_at_1")
        )
        if posted_time and not services.can_publish(user):
            raise ValidationError("Only editors can set or change the publication time.")
        requested = self.requested_status()
        if requested is None:
            if (cleaned.get("status_note") or "").strip():
                # Kept only with a move: a plain Save would drop it without a word.
                raise ValidationError(
                    {
                        "status_note": "A status note is kept with a workflow move: use one of "
                        "the “Save and …” buttons below, or clear the note to save without one."
                    }
                )
            self._refuse_hiding_a_public_story(cleaned)
            self._refuse_an_address_another_story_left(cleaned)
        else:
            if requested not in Status.values:
                raise ValidationError(f"“{requested}” is not a status.")
            if self.unschedules():
                self._refuse_unscheduling_a_public_story()
            publishes_now = self.publishes_now()
            try:
                services.check_move_allowed(
                    self.instance,
                    requested,
                    user=user,
                    note=cleaned.get("status_note") or "",
                    # Publishing now is a new time for a published story, not a repeat.
                    published_at=timezone.now() if publishes_now else cleaned.get("published_at"),
                )
            except services.TransitionError as error:
                if getattr(error, "code", None) == "note_required":
                    # Shown at the note box (and the box outlined), not only at the top.
                    raise ValidationError({"status_note": error.messages}) from error
                raise ValidationError(error.messages) from error
            if publishes_now:
                self._require_scheduled()
            elif requested == Status.PUBLISHED:
                self._ask_before_backdating(cleaned.get("published_at"))
        return cleaned

    def _ask_before_backdating(self, when):
        """A past time typed with "Save and publish" is asked about before the story goes out.

        Published, the story is dated then and listed among that day's stories,
        not at the top of the home page. The checklist on the story's page says so
        of a time already saved, but a time typed and published in one press was
        told only afterwards. The form comes back with the question at the time;
        the same button pressed again with the same time publishes it dated then.
        """
        if when is None or when >= timezone.now() - services.BACKDATED_AFTER:
            return
        if when == self.instance.published_at:
            return  # saved already: the checklist on the page said so
        stamp = when.isoformat()
        if self.data.get(CONFIRM_BACKDATE) == stamp:
            return
        self.backdate_to_confirm = stamp
        shown = date_format(timezone.localtime(when), "DATETIME_FORMAT")
        raise ValidationError(
            {
                "published_at": (
                    f"This time is in the past ({shown}): published, the story is dated "
                    "then and listed among that day's stories, not at the top. Clear the "
                    "time to publish it now, or press “Save and publish” again to publish "
                    "it dated then."
                )
            }
        )

    def _post_clean(self):
        """After the typed values are on the story: a published one must still pass the checklist.

        Its bylines and sources are the inline forms' to check (``BylineFormSet``,
        ``SourceCreditFormSet``), and its address ``clean()``'s.
        """
        super()._post_clean()
        if self.errors or not stays_published(self.instance, self.data):
            return
        checklist = services.check_article(self.instance, credits=False, address=False)
        for error in checklist.errors:
            self.add_error(None, f"A published or scheduled story must pass the checklist: {error}")

    def _refuse_an_address_another_story_left(self, cleaned):
        """A public or scheduled story may not move onto the address a public story left.

        Publishing checks it (``services.check_article``); a plain save of a
        story already out, with a new slug, section or time, would otherwise
        take the other story's old links, and keep them once it moved again.
        """
        if self.instance.status != Status.PUBLISHED:
            return
        moved = Article(
            pk=self.instance.pk,
            slug=cleaned.get("slug") or self.instance.slug,
            section=cleaned.get("section") or self.instance.section,
            published_at=cleaned.get("published_at") or self.instance.published_at,
        )
        holder = services.story_whose_old_address_this_is(moved)
        if holder is not None:
            raise ValidationError({"slug": services.old_address_message(*holder)})

    def _require_scheduled(self):
        """Only a story waiting for its time, as saved, can be published now.

        Read from the database rather than the form: a story that went public at
        its time while the form was open would otherwise be re-dated to now
        (and moved to another address), and a draft would skip the checks on
        its own publication time.
        """
        self.scheduled_for = (
            Article.objects.scheduled()
            .filter(pk=self.instance.pk)
            .values_list("published_at", flat=True)
            .first()
        )
        if self.scheduled_for is None:
            raise ValidationError(
                "Only a scheduled story can be published now, and this one is not scheduled "
                "(it may have gone public at its time already). Reload the page to see it."
            )

    def _refuse_unscheduling_a_public_story(self):
        """Refuse "unschedule" once the story's time has come: it is live, and taking it
        down is another move.

        Its time passing changes nothing in the row, so a form opened while the
        story waited still offered the button. Sent after the time, it asked for
        a note "why the story goes back to draft", and with one took the live
        story down as "is now a draft". Read from the database, as
        ``_require_scheduled`` reads it for "publish now".
        """
        live_since = (
            Article.objects.published()
            .filter(pk=self.instance.pk)
            .values_list("published_at", flat=True)
            .first()
        )
        if live_since is not None:
            raise ValidationError(
                "This story went public at its scheduled time, %(when)s, while the form was "
                "open: it is live, so it was not unscheduled and nothing was saved. To take "
                "it off the site, use “Save and unpublish” with a note saying why; what you "
                "typed is still in the form.",
                params={"when": date_format(timezone.localtime(live_since), "DATETIME_FORMAT")},
                code="live_since",
            )

    def _refuse_hiding_a_public_story(self, cleaned):
        """A plain save may not move a public story's time into the future, or clear it,
        nor a scheduled story's time into the past.

        That would take the story off the site until then with no status change,
        note or message: readers would meet a 404, and its old address would
        redirect there. Unpublishing says why (a note) and shows in its history.
        """
        if not self.instance.pk or "published_at" not in cleaned:
            return
        saved = (
            Article.objects.filter(pk=self.instance.pk)
            .values_list("status", "published_at")
            .first()
        )
        if saved is None:
            return
        status, published_at = saved
        if status != Status.PUBLISHED:
            return
        new_time = cleaned["published_at"]
        if new_time is None:
            # Published with no time is neither public nor scheduled: lost from view.
            raise ValidationError(
                {"published_at": "A published or scheduled story needs a publication time."}
            )
        now = timezone.now()
        if published_at is not None and published_at > now and new_time <= now:
            # The story would go public now without the checklist or a record.
            raise ValidationError(
                {
                    "published_at": "A plain save cannot publish a scheduled story. To publish "
                    "it now, use “Save and publish now”; to reschedule it, choose a time "
                    "still to come."
                }
            )
        if published_at is None or published_at > now:
            return  # not public yet: a scheduled story may move to another time still to come
        if new_time > now:
            raise ValidationError(
                {
                    "published_at": "The story is public: a later publication time would "
                    "take it off the site without a word. To hold it back, "
                    "use “Save and unpublish” with a note, then schedule it again."
                }
            )

    def _refuse_overwrite(self):
        """Refuse the save if anyone saved the story, or moved it, since the form was opened.

        The row stays locked from this check until the save commits (the admin
        saves inside ``transaction.atomic``): a colleague's save or workflow move
        arriving meanwhile waits, then meets this check and is refused, rather
        than passing it too and being overwritten (an archived story put back
        online by a typo fix). SQLite ignores the lock and lets one writer at a
        time; ``ArticleAdmin.save_model`` never writes the status from this
        form's copy in any case.
        """
        if not self.instance.pk:
            return
        if "is_pinned" in self.changed_data or self.requested_status() is not None:
            # This save may change the lead: the front page's lock before the
            # story's row, in the order every such change takes them.
            services.lock_the_front_page()
        try:
            opened = parse_datetime(self.data.get("loaded_version") or "")
        except ValueError:
            # "2026-02-30T…", garbled on the way: no version this story had,
            # refused as a stale one is, with the copy kept in the form.
            opened = None
        saved = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", "status", "published_at")
            .first()
        )
        saved_at = saved and saved[0]
        if opened is not None and opened == saved_at:
            self.checked_state = saved[1:]
            return
        user, when, move = services.last_saved_by(self.instance)
        name = (user.get_full_name() or user.get_username()) if user else "Someone"
        # "changed" hid an archive or a publish, which matter most to know
        # before doing the work again.
        done = services.move_in_words(move) if move else "changed this story"
        where, whose = "", "their"
        if user is not None and self.request is not None and user.pk == self.request.user.pk:
            # The story open in two tabs, or a save sent twice: the writer's own
            # name read as a colleague's who had got there first.
            name, where, whose = "You", " in another tab or window", "that"
        # A link, not "reload the page": reloading sends this same form again.
        raise ValidationError(
            format_html(
                "{} {} at {}{}, after you opened it. Your changes are still "
                "in the form below but have NOT been saved: copy what you need, "
                '<a href="{}">open the story again</a> to see {} version, and apply '
                "your changes again.",
                name,
                done,
                date_format(timezone.localtime(when), "DATETIME_FORMAT"),
                where,
                reverse("admin:articles_article_change", args=[self.instance.pk]),
                whose,
            )
        )


# Before the admin would register the story with every inline followed.
revisions.register_models()


def count_stories(count):
    """ "1 story", "3 stories"."""
    return f"{count} {'story' if count == 1 else 'stories'}"


# What a refused save gives back to copy: field, what the page calls it, rows to show.
SAVE_REFUSED_FIELDS = (
    ("headline", "Headline", 2),
    ("slug", "Slug (the story's address)", 1),
    ("standfirst", "Standfirst", 3),
    ("dateline", "Dateline", 1),
    ("featured_image_alt", "Picture's alt text", 2),
    ("featured_image_caption", "Picture's caption", 2),
    ("featured_image_credit", "Picture's credit", 1),
)


def status_phrase(label):
    """A status as the end of "… is now ___": "a draft", "in review", "published"."""
    lowered = label.lower()
    return "a draft" if lowered == "draft" else lowered


@admin.register(Article)
class ArticleAdmin(
    FindsEitherApostrophe,
    VersionsOnlyChanges,
    AutocompleteForAnyValue,
    AsksForUploadsAgain,
    NoDeleteRelatedLink,
    VersionAdmin,
):
    form = WorkflowArticleForm

    class Media:
        # Leaves the slug box empty for a headline mostly in another script, for
        # the server to spell (``slugs.mostly_other_letters``).
        js = ["admin/js/urlify.js", "articles/admin-slug-spelling.js"]

    list_display = [
        "thumbnail",
        "headline",
        "section",
        "byline_names",
        "status_label",
        "published_at",
    ]
    # The headline alone: it heads each row (Django makes the first link column
    # the row's <th>) and is its one link. The picture was a link too, ahead of
    # it, with an empty alt: screen readers read every row's header as "link"
    # (or "dash link"), and keyboards had an extra stop to nothing new per row.
    list_display_links = ["headline"]
    list_filter = [
        StatusListFilter,
        ("section", SectionListFilter),
        ("authors", NameListFilter),
        ("sources", NameListFilter),
        "is_pinned",
    ]
    list_select_related = ["section", "section__parent", "section__parent__parent"]
    # A desk looks a story up by its writer or its agency as often as by its words.
    search_fields = [
        "headline",
        "standfirst",
        "slug",
        "dateline",
        "bylines__author__name",
        "source_credits__source__name",
    ]
    search_help_text = (
        "Searches headlines, standfirsts, slugs, datelines, writers and sources; "
        "or paste a story's address."
    )

    # Newest first, with drafts and stories in review (no publication time yet)
    # on top on every database: PostgreSQL puts them first by itself, SQLite
    # last. The same order as the (-published_at, -id) index on PostgreSQL.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    # Desks browse by day ("what did we run on the 12th?"); one query per page.
    date_hierarchy = "published_at"
    show_full_result_count = False
    # An empty value as the image column and the history write it, not Django's hyphen.
    empty_value_display = "—"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [BylineInline, SourceCreditInline, ShownCorrectionInline, CorrectionInline]
    # The status changes only through the workflow (services.transition); the form
    # shows it as editors know it, "Scheduled" included.
    readonly_fields = [
        "word_count",
        "created_at",
        "updated_at",
        "status",
        "current_status",
        "import_note",
    ]
    actions = ["submit_selected_for_review", "publish_selected", "archive_selected"]
    object_history_template = "admin/articles/article/object_history.html"
    # The newsroom's words for restoring and recovering, in the admin's look.
    revision_form_template = "admin/articles/article/revision_form.html"
    recover_form_template = "admin/articles/article/recover_form.html"
    recover_list_template = "admin/articles/article/recover_list.html"
    # Adds "Import wire copy" (and keeps reversion's "Recover deleted" link).
    change_list_template = "admin/articles/article/change_list.html"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "dateline", "section", "body"]}),
        (
            "Featured image",
            {
                "fields": [
                    "featured_image",
                    "featured_image_alt",
                    "featured_image_caption",
                    "featured_image_credit",
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "current_status",
                    "published_at",
                    "is_pinned",
                    "is_original_reporting",
                    "language",
                    "substantive_update",
                    "status_note",
                    "loaded_version",
                ]
            },
        ),
        ("Record", {"fields": ["word_count", "created_at", "updated_at", "import_note"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Also find the story whose address was pasted in the box.

        A night editor given a reader's link ("https://news.example/europe/2026/
        11/29/eu-energy-pact/") pasted it and found nothing: the words of an
        address are no headline's (``story_slug_in_address``).
        """
        slug = story_slug_in_address(search_term)
        if slug is not None:
            return queryset.filter(slug=slug), False
        return super().get_search_results(request, queryset, search_term)

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            # Left empty, the form makes it (``WorkflowArticleForm.clean_slug``).
            formfield.required = False
            formfield.help_text = (
                "The story's address; keep it short and readable. Left empty, it is made "
                "from the headline."
            )
        if db_field.name in WIDE_FIELDS:
            # The widget is the form field's own copy, so the form class is untouched.
            formfield.widget.attrs["class"] = "vLargeTextField"
        if db_field.name == "published_at":
            # The admin's split widget prints "Date:" and "Time:" as text, not as
            # labels of its two inputs: screen readers would announce "edit text".
            date_input, time_input = formfield.widget.widgets
            date_input.attrs["aria-label"] = "Publication date"
            time_input.attrs["aria-label"] = "Publication time"
        return formfield

    def view_on_site(self, obj):
        """The story's public page, once readers can see it.

        Until then (a draft, a story in review, archived or scheduled) its
        address is a 404, and "Preview" shows the story instead. The link is a
        path on the host serving the admin, which serves the public pages too,
        rather than Django's redirect through the sites framework's domain.
        """
        return obj.get_absolute_url() if obj.is_public else None

    def get_queryset(self, request):
        # The byline column would otherwise cost one query per row.
        stories = (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )
        if services.can_publish(request.user):
            return stories
        restore = getattr(request, "_workflow_restore", None)
        if restore is not None and not restore.recovering and restore.may_change:
            # The old rows are written by now, and may leave the writer off the
            # byline: the story was judged as it is today (``revision_view``).
            return stories.filter(pk=restore.article_pk)
        # Writers work on the stories they started or are bylined on. Their ids
        # come from two index lookups; an OR of the two conditions (or of an
        # EXISTS) made PostgreSQL test every story in the table.
        started = Article.objects.filter(created_by=request.user).order_by().values("pk")
        bylined = Byline.objects.filter(author__user=request.user).order_by().values("article_id")
        return stories.filter(pk__in=started.union(bylined))

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A story address that opens nothing: say why in the desk's terms, back to the list.

        Django's "Story with ID “7” doesn't exist. Perhaps it was deleted?"
        misleads a writer sent a colleague's link: the story exists, and is not
        theirs to open. The message says as much without saying which it is.
        """
        if services.can_publish(request.user):
            message = (
                "No story has the ID “%(id)s”. If it was deleted, “Recover deleted "
                "stories” on the story list can bring it back."
            )
        else:
            message = (
                "You have no story with the ID “%(id)s”: it may have been deleted, or be a "
                "colleague's. Writers open the stories they started or are on the byline of."
            )
        self.message_user(request, message % {"id": object_id}, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    @admin.display(description="Byline")
    def byline_names(self, obj):
        return ", ".join(byline.author.name for byline in obj.bylines.all())

    @admin.display(description="Image")
    def thumbnail(self, obj):
        """The picture, for the eye: the headline beside it names the row (alt="")."""
        if not obj.featured_image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="40" style="object-fit:cover">',
            obj.featured_image.url,
        )

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        if is_scheduled(obj):
            when = date_format(timezone.localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
            return f"Scheduled for {when}"
        return obj.get_status_display()

    @admin.display(description="Body")
    def body_as_read(self, obj):
        """The body on the read-only story page, as the story page shows it to readers.

        Cleaned again on the way out, though it was cleaned when saved: this
        page marks it safe, and a row written around the model would be shown
        as it is. One the sanitiser refuses (saved before it refused such
        bodies, or around the model) is not shown; the reason is.
        """
        try:
            body = reader_body(clean_body(obj.body or ""))
        except BodyRefused as refused:
            return format_html('<p class="errornote">{}</p>', refused.message)
        return format_html(
            '<div class="story-body-read"{}>{}</div>', lang_attribute(obj), body
        )

    @admin.display(description="Status")
    def current_status(self, obj):
        """The story form's status: "Scheduled", not "Published", until readers can see it."""
        return "Scheduled" if is_scheduled(obj) else obj.get_status_display()

    # Who may do what: the rules live in articles/services.py.

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        restore = getattr(request, "_workflow_restore", None)
        if restore is not None and restore.judges(obj):
            # ``obj`` holds the old version by now; the right to restore was
            # judged on the story as it is today (decision 0007).
            return restore.may_change
        return obj is None or services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Stories are archived in daily work; deleting is kept for superusers,
        # and for drafts that never went out (a deleted story can still be
        # recovered from its history by an editor).
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or services.can_delete(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # The bulk action asks for the model permission only, not each story's.
            actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        """A story's bylines, credits and preview links go with it, whoever deletes it.

        Who may delete the story is ``services.can_delete``; a writer holds no
        permission to delete preview links, which would otherwise refuse it.
        """
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if all(services.can_delete(request.user, obj) for obj in objs):
            perms_needed = set()
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        revisions.save_before_deletion(obj, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One version per story, each in its own revision: recovering one story
        # must not bring back the others deleted with it.
        for article in queryset:
            revisions.save_before_deletion(article, request.user)
        super().delete_queryset(request, queryset)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        restore = getattr(request, "_workflow_restore", None)
        if article is not None and restore is not None and restore.recovering:
            # Shown as what it comes back as; ``save_model`` records the move
            # from the status it had when it was deleted.
            article.status = Status.DRAFT
        return article

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # "View story": the body as readers read it, not its HTML source,
            # and none of the boxes of a save that cannot be made.
            return [
                (
                    name,
                    {
                        **options,
                        "fields": [
                            "body_as_read" if f == "body" else f
                            for f in options["fields"]
                            if f not in FOR_A_SAVE
                        ],
                    },
                )
                for name, options in fieldsets
            ]
        if getattr(request, "_workflow_restore", None) is None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in NOT_ON_RESTORE]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            fields += ["published_at", "is_pinned"]
        return fields

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A writer's new story opens with their own author profile in the first byline row.

        Only on the add page (a saved story's page, and restoring or recovering
        one, show its own bylines), and given as the row's ``initial`` only when
        the page is shown, never to the POST: with it there, Django would find
        the posted row unchanged from it and save no byline. Without it, the
        posted row is what the writer sent, saved as if they had picked the name
        themselves; a row they removed (its delete link) or cleared saves none.
        """
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if inline.model is Byline and obj.pk is None and request.method != "POST":
            own_author = own_author_pk(request.user)
            if own_author is not None:
                kwargs["initial"] = [{"author": own_author}]
        return kwargs

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        kept = request.session.get(KEPT_NOTE_SESSION_KEY) if obj is not None else None
        if kept and kept["article"] == obj.pk and "status_note" in form.base_fields:
            # A refused move's note (``_keep_note``), back in its box (once:
            # change_view drops it). The field is shared by every request: a copy.
            note_field = copy.deepcopy(form.base_fields["status_note"])
            note_field.initial = kept["note"]
            form.base_fields["status_note"] = note_field
        if getattr(request, "_workflow_restore", None) is not None:
            # Declared on the form, so kept by the factory whatever the
            # fieldsets say; ``base_fields`` is this new class's own.
            for name in NOT_ON_RESTORE:
                form.base_fields.pop(name, None)
        return form

    # Saving: copy first, then inlines, then the status change the form asked for.

    def save_model(self, request, obj, form, change):
        old_path = None
        if change and "is_pinned" in form.changed_data:
            # The lead as the home page has it, before this save changes it: a
            # story a scheduled lead replaced is unpinned, not put back in front.
            services.settle_the_lead()
        restore = getattr(request, "_workflow_restore", None)
        if change and restore is not None:
            # The row already holds the old version: its address was read before,
            # and the save cannot tell from the row what it changes.
            obj.rows_written_before_save = True
            old_path = restore.public_path
            if restore.recovering:
                # Shown as a draft; the row still holds the status it was deleted
                # with, which ``services.recover`` records the move from.
                obj.status = Article.objects.values_list("status", flat=True).get(pk=obj.pk)
            else:
                # Restoring an old version restores its copy, not its status.
                obj.status = restore.kept["status"]
                obj.published_at = restore.kept["published_at"]
            restore.saved = True
        elif change:
            saved = Article.objects.select_related("section").get(pk=obj.pk)
            # Off the site now but once public, its address was shared: kept too.
            old_path = saved.get_absolute_url() if services.has_been_public(saved) else None
            self._keep_saved_status(request, obj, form, saved)
            # A new time on a published story is recorded once the save is made.
            request._saved_publication = (saved.status, saved.published_at)
        else:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if change and restore is not None and restore.recovering:
            services.recover(obj, user=request.user)
        # Kept once the workflow button (save_related) has moved the story.
        request._old_public_path = old_path
        if form.cleaned_data.get("substantive_update"):
            services.mark_substantive_update(obj)
        if respelt := getattr(form, "respelt_slug", None):
            self.message_user(
                request, f"“{obj}”: {slugs.respelt_message(obj.slug, respelt)}.", messages.INFO
            )

    def _keep_saved_status(self, request, obj, form, saved):
        """Give ``obj`` the status, publication and "Updated" times ``saved`` has, not the copy's.

        The copy was read at the start of the request and the row is written
        whole: its status written back would undo a move made meanwhile, putting
        a story archived on legal advice back online with no record of it. Only
        ``services.transition`` changes the status (a workflow button, after
        this save). A publication time the editor typed is kept while the story
        is as the form's checks found it; those checks held for that state only.
        """
        now_saved = (saved.status, saved.published_at)
        typed_time = "published_at" in form.changed_data
        if form.checked_state is not None and form.checked_state != now_saved:
            self.message_user(
                request,
                f"Someone else changed the status or publication time of “{obj}” while "
                f"you were saving: it is now {status_phrase(self.current_status(saved))}. Your "
                "changes to the copy were saved; its status and time are as they left them.",
                messages.WARNING,
            )
            typed_time = False
        requested = form.requested_status()
        if (
            typed_time
            and saved.status == Status.PUBLISHED
            and requested not in (None, Status.PUBLISHED)
        ):
            # Taken off the site or unscheduled in the same press: the history
            # records the time that was in effect, which says whether readers
            # saw the story (a takedown's 410, its kept addresses, corrections).
            # A time typed with it would be recorded in its place.
            self.message_user(
                request,
                f"The publication time you typed for “{obj}” was not kept: a story taken "
                "off the site or unscheduled keeps the time it had, on record. Set a new "
                "time when you next publish or schedule it.",
                messages.WARNING,
            )
            typed_time = False
        obj.status = saved.status
        if not typed_time:
            obj.published_at = saved.published_at
        if "is_pinned" not in form.changed_data:
            # Left as the page found it: the pin as it is now, which a colleague's
            # lead may have taken since (and a writer's form has no tick at all).
            obj.is_pinned = saved.is_pinned
        # Set by a correction with an UPDATE of its own, which makes no new
        # version for the check to see; the form's copy may predate it.
        obj.substantive_update_at = saved.substantive_update_at

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Correction:
            for correction in formset.new_objects:
                services.mark_substantive_update(form.instance, correction.created_at)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._move_in_workflow(request, form)
        if getattr(form, "slug_stand_in", False):
            # Said once the workflow button has moved the story: "before
            # publishing" beside "is now published" asked for the impossible.
            article = form.instance
            warning = slugs.headline_stand_in_warning(article.slug, public=article.is_public)
            self.message_user(request, f"“{article}”: {warning}.", messages.WARNING)
        article = form.instance
        # Published pinned, the move took the lead (services.transition); a
        # story pinned as it stays public takes it here.
        replaced = list(getattr(article, "leads_replaced", []))
        if "is_pinned" in form.changed_data:
            replaced += services.take_the_lead(article)
        for story in replaced:
            self.message_user(
                request,
                f"“{story.headline}” is no longer the lead story: “{article}” took its "
                "place on the home page.",
                messages.INFO,
            )
        if getattr(article, "unpinned_leaving", False):
            said = f"“{article}” is no longer the lead story: it is off the site."
            self.message_user(request, said, messages.INFO)
        elif (
            article.is_pinned
            and is_scheduled(article)
            # Pinned now, or scheduled by this save's move (the one move that
            # leaves a story scheduled).
            and ("is_pinned" in form.changed_data or hasattr(article, "leads_replaced"))
        ):
            when = date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
            self.message_user(
                request,
                f"“{article}” will lead the home page from {when}, in the place of the story "
                "leading then.",
                messages.INFO,
            )
        old_path = getattr(request, "_old_public_path", None)
        if old_path:
            # Readers follow it while the story is public. While it is not, the
            # redirect middleware answers as the story's own address does (410
            # withdrawn, 404 otherwise) and names nothing; once it is back, the
            # links shared before lead to it again.
            services.redirect_old_url(form.instance, old_path)

    def _say_a_time_schedules_nothing_yet(self, request, article):
        """A draft saved with a time to come is not scheduled: say so, or it never goes out."""
        if article.status not in Article.IN_PROGRESS:
            return
        if article.published_at is None or article.published_at <= timezone.now():
            return
        when = date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        self.message_user(
            request,
            f"“{article}” is not scheduled yet: it is {status_phrase(article.get_status_display())}"
            f". It goes public at {when} once an editor schedules it with the “Save and "
            "schedule” button.",
            messages.WARNING,
        )

    def _move_in_workflow(self, request, form):
        """Make the status change the form's button asked for, if any."""
        requested = form.requested_status()
        if requested is None:
            self._say_a_time_schedules_nothing_yet(request, form.instance)
            status, published_at = getattr(request, "_saved_publication", (None, None))
            if status == Status.PUBLISHED:
                # Rescheduled or redated: no move, but the history must not go
                # on naming the old time.
                change_made = services.record_new_time(
                    form.instance, published_at, user=request.user
                )
                if change_made is not None:
                    request._workflow_history = self._describe_for_history(change_made)
            return
        article = form.instance
        note = form.cleaned_data.get("status_note") or ""
        published_at = article.published_at if requested == Status.PUBLISHED else None
        if form.publishes_now():
            published_at = timezone.now()
            if not note.strip():
                # The history keeps the time the story was waiting for.
                when = date_format(timezone.localtime(form.scheduled_for), "DATETIME_FORMAT")
                note = f"Published ahead of its scheduled time, {when}."
        try:
            change_made = services.transition(
                article, requested, user=request.user, note=note, published_at=published_at
            )
        except services.PublishBlocked as blocked:
            # Publishing with a time still to come schedules: say which was refused.
            verb = "scheduled" if published_at and published_at > timezone.now() else "published"
            request._workflow_history = f"Not {verb}: the checklist found problems."
            self.message_user(
                request,
                f"Your changes were saved, but the story was not {verb}: "
                + " ".join(blocked.checklist.errors)
                + self._keep_note(request, article, form),
                messages.ERROR,
            )
        except services.TransitionError as error:
            self.message_user(
                request,
                " ".join(error.messages) + self._keep_note(request, article, form),
                messages.ERROR,
            )
        else:
            request._workflow_history = self._describe_for_history(change_made)
            self.message_user(request, self._describe(change_made), messages.SUCCESS)

    @staticmethod
    def _keep_note(request, article, form):
        """Keep a refused move's status note for the form that opens next; what to tell.

        The copy was saved and the page opens afresh, with an empty note box:
        "Hold until Sunday morning" was dropped without a word, and the next
        move went on record without it.
        """
        note = (form.cleaned_data.get("status_note") or "").strip()
        if not note:
            return ""
        request.session[KEPT_NOTE_SESSION_KEY] = {"article": article.pk, "note": note}
        return " Your status note was not recorded; it is still in the note box."

    def construct_change_message(self, request, form, formsets, add=False):
        """What the version history says of a save: the fields, and the workflow move.

        A workflow button's move is made by ``services.transition`` after the form
        saved, so Django's own message ("No fields changed.") missed it: a story
        published now, scheduled or archived looked like a save that did nothing.
        Empty when the save changed nothing: then it makes no version and no
        history row (``VersionsOnlyChanges``).
        """
        message = super().construct_change_message(request, form, formsets, add)
        # The status note is kept with the move in the story's status history;
        # "Changed Status note." in the version history only repeats that.
        note_label = str(form.fields["status_note"].label) if "status_note" in form.fields else None
        for entry in list(message):
            changed = entry.get("changed", {})
            if "name" not in changed and note_label in changed.get("fields", ()):
                changed["fields"] = [label for label in changed["fields"] if label != note_label]
                if not changed["fields"]:
                    message.remove(entry)
        restore = getattr(request, "_workflow_restore", None)
        if not message and restore is not None and restore.saved:
            # The version's rows were written before the form, which found them
            # as they are: without a word, the restore would make no version.
            return restore.comment
        move = getattr(request, "_workflow_history", None)
        if not move:
            return message
        fields = (
            LogEntry(change_message=json.dumps(message)).get_change_message() if message else ""
        )
        if fields == gettext("No fields changed."):  # LogEntry's words for an empty list
            fields = ""
        return f"{fields} {move}".strip()

    @staticmethod
    def _describe_for_history(change):
        """The move as one line of the version history: "Status: Draft → Published."."""
        after = change.to_label
        if change.was_scheduled:
            when = date_format(timezone.localtime(change.published_at), "DATETIME_FORMAT")
            after = f"Scheduled for {when}"
        return f"Status: {change.from_label} → {after}."

    @staticmethod
    def _describe(change):
        if change.was_scheduled:
            when = date_format(timezone.localtime(change.published_at), "DATETIME_FORMAT")
            return f"Scheduled: “{change.article}” goes public at {when}."
        done = f"“{change.article}” is now {status_phrase(change.get_to_status_display())}."
        published_at = change.published_at
        if (
            change.to_status == Status.PUBLISHED
            and published_at
            and (published_at < timezone.now() - services.BACKDATED_AFTER)
        ):
            when = date_format(timezone.localtime(published_at), "DATETIME_FORMAT")
            return f"{done[:-1]}, dated {when}: it is listed among that day's stories."
        return done

    def response_add(self, request, obj, post_url_continue=None):
        if "_transition" in request.POST:
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_transition" in request.POST:
            return HttpResponseRedirect(request.path)
        restore = getattr(request, "_workflow_restore", None)
        if restore is not None and restore.recovering:
            self.message_user(
                request,
                f"“{obj}” was recovered as a draft. {restore.left_out_note}".strip(),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        if restore is not None:
            # "Restored the version of 28 Nov 2026, 09:07:32 (Demo Editor)." and what stayed.
            self.message_user(
                request,
                f"“{obj}”: {restore.comment} Its status, publication time, corrections and "
                "place as lead story are as they were.",
                messages.SUCCESS,
            )
            if restore.corrected_since_notice:
                self.message_user(request, restore.corrected_since_notice, messages.WARNING)
            # To the list, as a plain Save goes: the restored byline may not be theirs.
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    # Pages: the story page shows the workflow; history compares versions.

    def workflow_buttons(self, request, article):
        """The moves ``request.user`` may make from the story page, as buttons.

        A scheduled story is offered "publish now" in the place of "publish":
        the same move and the same rights, with the time set to the click.
        """
        state = SCHEDULED if is_scheduled(article) else article.status
        buttons = []
        for target in WORKFLOW_BUTTON_ORDER:
            publishes_now = state == SCHEDULED and target == Status.PUBLISHED
            if target == article.status and not publishes_now:
                continue
            try:
                services.check_move_allowed(
                    article,
                    target,
                    user=request.user,
                    note="-",
                    published_at=timezone.now() if publishes_now else None,
                )
            except services.TransitionError:
                continue
            label = WORKFLOW_BUTTONS.get((state, target)) or WORKFLOW_BUTTONS[target]
            if (
                target == Status.PUBLISHED
                and not publishes_now
                and article.published_at is not None
                and article.published_at > timezone.now()
            ):
                # A story saved with a time to come is scheduled by this button, not published.
                label = "Save and schedule"
            value = target
            if publishes_now:
                value = PUBLISH_NOW
            elif state == SCHEDULED and target == Status.DRAFT:
                value = UNSCHEDULE
            buttons.append({"value": value, "label": label})
        return buttons

    def add_view(self, request, form_url="", extra_context=None):
        context = {"workflow_buttons": self.workflow_buttons(request, Article())}
        return super().add_view(request, form_url, {**context, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        context = {}
        if article is None and request.method == "POST" and self.has_change_permission(request):
            # A save of a story deleted, or taken off this writer's byline, since
            # the form was opened: Django would redirect with "not found", and
            # what they typed would be lost.
            return self.save_refused(request, None)
        if article is not None:
            may_change = self.has_change_permission(request, article)
            if request.method == "POST" and not may_change:
                return self.save_refused(request, article)
            context = {
                # Only for those who may change the story: what blocks or is
                # worth a look before it goes out, or (for one already out)
                # what a save of it must still pass. An archived story is
                # neither: it can only be restored as a draft, which shows it.
                "checklist": (
                    services.check_article(article)
                    if may_change and article.status != Status.ARCHIVED
                    else None
                ),
                "checklist_for_a_live_story": article.status == Status.PUBLISHED,
                "sent_back": services.sent_back(article),
                "status_changes": article.status_changes.select_related("user")[:20],
                "preview_links": services.working_preview_links(article),
                "preview_url": reverse("workflow:preview", args=[article.pk]),
                "workflow_buttons": self.workflow_buttons(request, article) if may_change else [],
                "can_publish": services.can_publish(request.user),
                "scheduled_for": article.published_at if is_scheduled(article) else None,
            }
            if request.method == "POST":
                # Read before the form writes what was typed onto its own copy.
                context["stored_article"] = article
        context.update(extra_context or {})
        response = super().change_view(request, object_id, form_url, context)
        kept = request.session.get(KEPT_NOTE_SESSION_KEY)
        if request.method == "GET" and kept and article and kept["article"] == article.pk:
            del request.session[KEPT_NOTE_SESSION_KEY]  # shown once, by get_form
        return response

    def save_refused(self, request, article):
        """A save of a story its sender may no longer change: why, and what they typed.

        A writer's story published, archived or taken over while they were
        editing it is no longer theirs to change. Django answers such a save
        with a bare "403 Forbidden", and going back shows the story read-only:
        what they had typed was gone. This page says what happened and gives
        the text back to copy, as a clash between two editors does.

        ``article`` is None for a story deleted, or taken off the writer's
        byline, since they opened it: the page then says nothing of the story.
        """
        if article is not None and not self.has_view_permission(request, article):
            raise PermissionDenied
        if article is None:
            # Nothing about the story itself: it may be a colleague's.
            reason = (
                "The story was deleted while you were editing it. “Recover deleted stories” "
                "on the story list can bring it back; then make your change again."
                if services.can_publish(request.user)
                else "It is no longer one of your stories: it may have been deleted, or "
                "you may have been taken off its byline. An editor can make your change."
            )
        elif article.status in Article.IN_PROGRESS:
            # A writer opens only their own stories' forms (a colleague's is
            # not found for them); this is a form sent for one all the same.
            reason = "It is not one of your stories, so you may not change it."
        else:
            done = (
                "scheduled it"
                if is_scheduled(article)
                else f"{status_phrase(article.get_status_display())} it"
            )
            moved = (
                article.status_changes.select_related("user")
                .order_by("-created_at", "-pk")
                .first()
            )
            if moved is not None and moved.to_status == article.status:
                who = moved.user_name or "Someone"
                if moved.user is not None:
                    who = moved.user.get_full_name() or moved.user.get_username()
                when = date_format(timezone.localtime(moved.created_at), "DATETIME_FORMAT")
                happened = f"{who} {done} at {when}."
            else:
                happened = f"An editor {done}."
            reason = (
                f"{happened} A writer may not change a story once it is scheduled, published "
                "or archived: an editor can make your change, or send the story back to you."
            )
        # What they typed that the story does not hold as it is now: the rest
        # is not lost, and boxes of it would hide what is.
        typed = [
            (label, request.POST[name].strip(), rows)
            for name, label, rows in SAVE_REFUSED_FIELDS
            if request.POST.get(name, "").strip()
            and (article is None or request.POST[name].strip() != getattr(article, name))
        ]
        # The body as formatted text to select and copy into a story's editor,
        # which takes its formatting with it (the editor has no HTML view to
        # paste HTML into); as HTML only if the sanitiser refuses it.
        body, body_html = request.POST.get("body", "").strip(), ""
        if body:
            try:
                body_html = mark_safe(clean_body(body))  # the allowlist, as on save
            except BodyRefused:
                typed.append(("Body (as HTML)", body, 14))
        # In the language sent with it, as the editor showed it (else the story's):
        # set as on the "View story" page, so an Arabic body reads right to left.
        language = typed_language(request.POST.get("language")) or (
            article.language if article is not None else None
        )
        body_language = lang_attribute(Article(language=language))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Your changes were not saved",
            "subtitle": str(article) if article else None,
            "article": article,
            "reason": reason,
            "typed": typed,
            "body_html": body_html,
            "body_language": body_language,
        }
        return TemplateResponse(
            request, "admin/articles/article/save_refused.html", context, status=403
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """A save sent back with errors: the title, breadcrumbs and panels name the story
        as stored, not the headline (or status) typed in the refused form, which the
        form itself still shows to be put right."""
        stored = context.pop("stored_article", None)
        if stored is not None:
            context["original"] = stored
            context["subtitle"] = str(stored)
        if add and request.method == "POST":
            # Drawn after a POST only when the save was refused.
            context["adminform"].form.forget_the_pages_slug()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin wraps the list in a revision for list_editable saves. This
        # list edits nothing in place and its actions are recorded as status
        # changes, so skip that wrapper and its transaction on every page view.
        context = {
            "has_change_permission": self.has_change_permission(request),
            "has_recover_permission": self.has_recover_permission(request),
        }
        context.update(extra_context or {})
        return admin.ModelAdmin.changelist_view(self, request, context)

    def history_view(self, request, object_id, extra_context=None):
        versions = (
            Version.objects.get_for_object_reference(Article, unquote(object_id))
            .select_related("revision__user")
            .order_by("-revision__date_created")
        )
        article = self.get_object(request, unquote(object_id))
        context = {
            "compare_versions": versions,
            # Versions are links to restore them only for those who may.
            "may_restore": article is not None and self.has_change_permission(request, article),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    # Restoring a version and recovering a deleted story: django-reversion writes
    # the old rows, then runs changeform_view, in a transaction it commits when
    # that answers with a redirect. Who may do it is checked before any row is
    # written; what a restore keeps is put back before the form runs.

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            restore = getattr(request, "_workflow_restore", None)
            if restore is not None and restore.saved:
                # In the place of django-reversion's "Reverted to previous
                # version", set just before this.
                set_comment(restore.comment)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore a saved version's copy, bylines and sources over the story.

        Only for someone who may change the story as it is now: checked after
        the old rows were written, a writer's old draft would pass for a story
        that is published or taken down since.
        """
        article = self.get_object(request, unquote(object_id))
        may_change = article is not None and self.has_change_permission(request, article)
        if not may_change:
            raise PermissionDenied
        # Reversion finds the version by its object id alone: that of a byline
        # would restore the revision of another story.
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        label = revisions.version_label(version)
        holder = self._slug_holder(version, exclude_pk=article.pk)
        if holder is not None:
            # The story's slug was changed since and another story took the old
            # one: writing the version back would break the slugs' uniqueness,
            # and reversion would only say "missing dependency", showing nothing.
            self._refuse_for_slug(
                request,
                holder,
                f"The version of {label} cannot be restored",
                "then restore this version; meanwhile History compares it with the "
                "story as it is, to copy what you need from it.",
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[article.pk])
            )
        restore = request._workflow_restore = revisions.RestoreState(
            article,
            version=version,
            may_change=may_change,
            comment=f"Restored the version of {label}.",
        )
        context = {
            "title": f"Restore the version of {label}",
            "left_out_notice": restore.notice,
            **(extra_context or {}),
        }
        return super().revision_view(request, object_id, version_id, context)

    @staticmethod
    def _slug_holder(version, *, exclude_pk=None):
        """The story that has the slug ``version`` would write back, other than its own."""
        return (
            Article.objects.filter(slug=version.field_dict.get("slug"))
            .exclude(pk=exclude_pk)
            .first()
        )

    def _refuse_for_slug(self, request, holder, refused, then):
        if services.can_edit(request.user, holder):
            message = format_html(
                "{} while the story “<a href=\"{}\">{}</a>” has its slug, {}. "
                "Give that story another slug, {}",
                refused,
                reverse("admin:articles_article_change", args=[holder.pk]),
                holder.headline,
                holder.slug,
                then,
            )
        else:
            # A story this user may not open: not even its headline (a colleague's
            # embargoed draft), as the slug field's own check says (clean_slug).
            message = format_html(
                "{} while another story, which you cannot change, has its slug, {}. "
                "Ask an editor to give that story another slug, {}",
                refused,
                holder.slug,
                then,
            )
        self.message_user(request, message, messages.ERROR)

    def recover_view(self, request, version_id, extra_context=None):
        """Bring a deleted story back, as a draft (``services.recover``)."""
        if not self.has_recover_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(Article), pk=version_id)
        story = Article.objects.filter(pk=version.object_id).first()
        if story is not None:
            # A story that exists is restored from its history, with its checks.
            # Most often a colleague recovered it while this page was open: a
            # bare 404 said nothing of it, and the changes typed here were lost.
            if not self.has_view_permission(request, story):
                raise Http404("This story was not deleted.")
            user, when, _ = services.last_saved_by(story)
            who = (user.get_full_name() or user.get_username()) if user else "Someone"
            said = (
                f"“{story}” is not deleted: the last to bring it back or save it was {who}, "
                f"at {date_format(timezone.localtime(when), 'DATETIME_FORMAT')}. It is below "
                "as it is now."
            )
            if request.method == "POST":
                said += " What you changed on the recover page was NOT saved: make it here."
            self.message_user(request, said, messages.WARNING)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))
        holder = self._slug_holder(version)
        if holder is not None:
            # Its address was taken since (a follow-up with the same headline
            # gets the same slug): reversion would only say "missing dependency".
            self._refuse_for_slug(
                request,
                holder,
                f"“{version.object_repr}” cannot come back",
                "then recover this one.",
            )
            return HttpResponseRedirect(reverse("admin:articles_article_recoverlist"))
        restore = request._workflow_restore = revisions.RestoreState(
            version=version,
            comment=f"Recovered after deletion by {revisions.user_name(request.user)}.",
        )
        context = {
            "title": f"Recover “{version.object_repr}”",
            "left_out_notice": restore.notice,
            **(extra_context or {}),
        }
        return super().recover_view(request, version_id, context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_saveasnew" in request.POST and not self.save_as:
            # Django makes a copy on "_saveasnew" even with save_as off; no
            # button sends it here, and a copy would bypass the story's workflow.
            raise PermissionDenied
        restore = getattr(request, "_workflow_restore", None)
        if restore is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        restore.put_back(unquote(object_id))
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if response.status_code == 302 and not restore.saved:
            # Reversion would commit the old rows as written, unchecked: the form
            # redirected without saving. Reversion rolls back on this error.
            raise RevertError("This version was not restored: the story could not be saved.")
        return response

    def get_urls(self):
        routes = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/preview-link/",
                self.admin_site.admin_view(self.preview_link_view),
                name="articles_article_preview_link",
            ),
            path(
                "<path:object_id>/preview-link/revoke/",
                self.admin_site.admin_view(self.revoke_preview_links_view),
                name="articles_article_revoke_preview_links",
            ),
        ]
        # Before the default routes, whose "<path:object_id>/" would catch "import/".
        return routes + ArticleImportViews(self).get_urls() + super().get_urls()

    def get_story_or_404(self, request, object_id):
        """The story ``object_id`` (quoted, as in admin URLs) names, among those the user may open.

        An id that is not a number ("abc" typed or cut short in the address) is
        a 404, as a missing story is, not a server error.
        """
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No story with this id.")
        return article

    def compare_view(self, request, object_id):
        """Two saved versions of a story side by side, as a word-level difference."""
        article = self.get_story_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        old = version_or_404(versions, request.GET.get("from"))
        new = version_or_404(versions, request.GET.get("to"))
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Compare versions of “{article}”",
            "old": old,
            "new": new,
            # Named as the history list names them, not by their usernames.
            "old_by": revisions.user_name(old.revision.user) if old.revision.user else "",
            "new_by": revisions.user_name(new.revision.user) if new.revision.user else "",
            "rows": revisions.compare_versions(old, new),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def preview_link_view(self, request, object_id):
        """Make a shareable preview link (POST from the story page) and show it."""
        article = self.get_story_or_404(request, object_id)
        if request.method != "POST" or not services.can_preview(request.user, article):
            raise PermissionDenied
        try:
            link = services.create_preview_link(article, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                format_html(
                    "Preview link, valid until {}: <a href='{}'>{}</a>",
                    date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT"),
                    link.get_absolute_url(),
                    request.build_absolute_uri(link.get_absolute_url()),
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def revoke_preview_links_view(self, request, object_id):
        """Withdraw every preview link to a story, after a page that asks first.

        The story page's button posts here and gets that page: withdrawing cannot
        be undone, and whoever was sent a link (a lawyer, the person quoted) would
        need a new one. The page's own button posts ``confirm=yes``.
        """
        article = self.get_story_or_404(request, object_id)
        if request.method != "POST" or not services.can_preview(request.user, article):
            raise PermissionDenied
        story_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.POST.get("confirm") != "yes":
            links = services.working_preview_links(article)
            if not links:
                self.message_user(request, "There are no preview links to withdraw.")
                return HttpResponseRedirect(story_url)
            context = {
                **self.admin_site.each_context(request),
                "title": "Withdraw preview links",
                "subtitle": None,
                "opts": self.model._meta,
                "original": article,
                "links": links,
                "back_url": story_url,
            }
            request.current_app = self.admin_site.name
            return TemplateResponse(
                request, "admin/articles/article/withdraw_preview_links.html", context
            )
        count = services.revoke_preview_links(article)
        if count == 1:
            message = "1 preview link withdrawn: it no longer shows the story."
        elif count:
            message = f"{count} preview links withdrawn: they no longer show the story."
        else:
            message = "There were no preview links left to withdraw."
        self.message_user(request, message, messages.SUCCESS if count else messages.INFO)
        return HttpResponseRedirect(story_url)

    # Changelist actions for the common moves; each story goes through the service.

    def _apply(self, request, queryset, move, done):
        """Make ``move`` on each story; ``done`` words the success: "3 stories archived.".

        ``done`` may instead be a function of the status changes made, returning the message.
        """
        changes, refused = [], []
        for article in queryset:
            try:
                # A version of each story, as a move from its form makes: its
                # History had gone on naming the last edit as the latest change.
                # One revision per story: recovering one brings back no other.
                with reversion.create_revision():
                    change = move(article, user=request.user)
                    reversion.set_user(request.user)
                    moved = self._describe_for_history(change)
                    reversion.set_comment(f"{moved} From the story list.")
                    reversion.add_to_revision(change.article)
                changes.append(change)
            except services.TransitionError as error:
                refused.append(f"“{article}”: {' '.join(error.messages)}")
        if changes:
            message = done(changes) if callable(done) else f"{count_stories(len(changes))} {done}."
            self.message_user(request, message, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description="Submit selected stories for review")
    def submit_selected_for_review(self, request, queryset):
        self._apply(request, queryset, services.submit_for_review, "submitted for review")

    # The confirmation page runs the pre-publish checklist on every story it
    # lists, a few queries each: a page of the list at most. Publishing more at
    # once ("select all" across pages) is not a decision anyone can check.
    publish_selected_limit = 100

    @admin.action(description="Publish selected stories", permissions=["publish"])
    def publish_selected(self, request, queryset):
        """Show what publishing the selection would do; publish only once confirmed.

        As with "Delete selected", the first POST shows a page: which stories go
        public now, which are scheduled, and which would be refused and why. Its
        "Yes, publish" button posts the action again with ``post=yes``; only then
        does each story go through ``services.publish``, which checks it again
        (a colleague may have changed it in between).
        """
        limit = self.publish_selected_limit
        # The checklist reads the body, which the list defers: a query per story.
        stories = list(queryset.defer(None).defer("search_vector", "import_note")[: limit + 1])
        if len(stories) > limit:
            self.message_user(
                request,
                f"Select at most {limit} stories to publish at once. Nothing was published.",
                messages.ERROR,
            )
            return None
        if request.POST.get("post"):
            self._apply(request, stories, services.publish, self._published_count)
            return None
        return self.publish_selected_confirmation(request, stories)

    @staticmethod
    def _published_count(changes):
        """ "2 stories published and 1 scheduled." for what "Publish selected" did."""
        scheduled = sum(1 for change in changes if change.was_scheduled)
        counts = [
            (count, word)
            for count, word in ((len(changes) - scheduled, "published"), (scheduled, "scheduled"))
            if count
        ]
        # The first count names what it counts: "1 story published", not "1 published".
        parts = [
            f"{count_stories(count) if n == 0 else count} {word}"
            for n, (count, word) in enumerate(counts)
        ]
        return " and ".join(parts) + "."

    def publish_selected_confirmation(self, request, stories):
        """The page that asks before publishing ``stories``, with each story's fate."""
        now = timezone.now()
        going_public, scheduling, already, refused, blocked = [], [], [], [], []
        for article in stories:
            if article.status == Status.PUBLISHED:
                # Public, or scheduled: publishing again would be refused.
                already.append(article)
                continue
            try:
                services.check_move_allowed(article, Status.PUBLISHED, user=request.user)
            except services.TransitionError as error:
                refused.append((article, error.messages))
                continue
            checklist = services.check_article(article)
            if not checklist.ok:
                blocked.append((article, checklist.errors))
            elif article.published_at is not None and article.published_at > now:
                scheduling.append((article, checklist.warnings))
            else:
                going_public.append((article, checklist.warnings))
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish selected stories",
            "subtitle": None,
            "opts": opts,
            "selected_count": len(stories),
            "going_public": going_public,
            "scheduling": scheduling,
            "already": already,
            "refused": refused,
            "blocked": blocked,
            "not_published_count": len(already) + len(refused) + len(blocked),
            # Only what the page promises is posted back: the stories it says will
            # go out. The rest were reported here and are left as they are.
            "to_publish": [article for article, _ in going_public + scheduling],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            # The list the action was posted from, filters included.
            "back_url": request.get_full_path(),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/article/publish_selected_confirmation.html", context
        )

    @admin.action(description="Archive selected stories", permissions=["publish"])
    def archive_selected(self, request, queryset):
        """Spike the selection; ask for a note first when a live story is in it.

        Archiving a draft takes nothing off the site. A live story comes down at
        once, so, as on its own page, the history must say why: a page lists
        what comes down and asks for one note for all of them.
        """
        limit = self.publish_selected_limit
        stories = list(queryset.defer(None).defer("search_vector", "import_note")[: limit + 1])
        if len(stories) > limit:
            self.message_user(
                request,
                f"Select at most {limit} stories to archive at once. Nothing was archived.",
                messages.ERROR,
            )
            return None
        live = [story for story in stories if story.is_public]
        if not live:
            self._apply(request, stories, services.archive, "archived")
            return None
        note = request.POST.get("status_note", "").strip()
        if request.POST.get("post") and note:
            self._apply(request, stories, partial(services.archive, note=note), "archived")
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/archive_selected_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Archive selected stories",
                "subtitle": None,
                "opts": self.model._meta,
                "live": live,
                "others": [
                    (story, self.status_label(story)) for story in stories if not story.is_public
                ],
                "stories": stories,
                "note": note,
                "note_missing": bool(request.POST.get("post")) and not note,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "back_url": request.get_full_path(),
                "media": self.media,
            },
        )

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def has_recover_permission(self, request):
        """Editors bring deleted stories back; a writer's right to add stories is not enough.

        A published story is deleted by a superuser, often on legal advice: the
        deleted story is not for every writer to read, still less to restore.
        """
        return services.can_publish(request.user)
