"""An admin save made from a form opened before a colleague's save is refused, not written.

Stories have their own check (``WorkflowArticleForm._refuse_overwrite``, on
``Article.updated_at``). Authors, sources, sections and the About pages had
none: of two editors with one author open, the second to save wrote their copy
of every field back, and the first one's new biography was gone without a word.
These rows have no version history to bring it back from.

:class:`RefusesStaleSaves` gives their admins the stories' rule. A change form
carries, in a hidden field, a digest of what was stored when it was opened: the
row, its many-to-many links and the rows of its inlines (an author's links),
read with the page from one snapshot of the database. When the form is sent,
the digest is taken again, with the row locked until the save commits; if
they differ, the form comes back with what was typed in it, saying who
changed the object and when (the admin's ``LogEntry``, the only record these
rows have), and nothing is written. A list's editable rows (the sections'
positions) carry one digest each, of the fields the list edits; only the rows
the editor changed on the list are checked, and written.

Why a digest of the stored state rather than an ``updated_at`` column, as
stories have (docs/decisions/0025-stale-saves-by-digest.md):

- no migration, and no change to the models: About pages are Django's own
  flat pages, which cannot take a column;
- an inline row changed, added or deleted counts (a colleague's corrected link
  was put back by the stale form's copy of it), which a column on the parent
  would miss unless every inline save remembered to touch it;
- a change from anywhere counts (the shell, a command, ``QuerySet.update()``),
  not only saves that move a timestamp.

The digest cannot say who changed the row, so the message names the last
admin change logged after the form was opened, or "Someone". A change undone
before the form is sent (the same values back) is no change: nothing is lost
by saving over it.
"""

import copy
import hashlib
import json

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import get_content_type_for_model
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction
from django.forms.models import _get_foreign_key
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html

from articles.models import display_name
from newsroom.admin_history import LogsOnlyChanges

# The name the story form gives its own version field: one name for one thing.
VERSION_FIELD = "loaded_version"


class VersionField(forms.CharField):
    """The hidden token of the version a form was opened on: compared, never saved."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        # Not an edit: it must not make an untouched list row "changed" (and
        # saved, and logged), nor appear in the history's "Changed …" line.
        return False


def digest(stored):
    """A short, stable fingerprint of stored values (dicts, lists, dates, numbers)."""
    text = json.dumps(stored, cls=DjangoJSONEncoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def opened_token(version):
    """The hidden field's value: the version, and when the form was opened."""
    return f"{version}@{timezone.now().isoformat()}"


def read_token(token):
    """``(version, opened_at)`` from a posted token; ``("", None)`` for none or a garbled one."""
    version, _, opened = (token or "").partition("@")
    try:
        opened_at = parse_datetime(opened)
    except ValueError:
        opened_at = None
    if not version or opened_at is None or timezone.is_naive(opened_at):
        return "", None
    return version, opened_at


class RefusesStaleSaves(LogsOnlyChanges):
    """A ``ModelAdmin`` mixin: no save over a change made since the form or list was opened.

    List it before ``admin.ModelAdmin`` among the admin's bases. The check
    runs in the form's ``clean()``, inside the transaction the admin saves in,
    so the row's lock (``select_for_update``; SQLite takes one writer at a time
    instead) holds until the save commits: a colleague's save arriving
    meanwhile waits, then meets this check and is refused.

    Its message names the last change the admin logged after the form was
    opened, so a save that changed nothing is not logged (``LogsOnlyChanges``):
    it would be named instead of the change that made the form stale.
    """

    # The object's stored state: the row, its many-to-many links and its inlines' rows.

    def stored_version(self, pk, *, lock=False):
        """The digest of object ``pk`` as stored now, or None if it is gone."""
        rows = self.model._base_manager.filter(pk=pk)
        if lock:
            rows = rows.select_for_update()
        row = rows.values(*(field.attname for field in self.model._meta.concrete_fields)).first()
        if row is None:
            return None
        linked = {
            field.name: sorted(
                linked_pk
                for linked_pk in self.model._base_manager.filter(pk=pk).values_list(
                    field.name, flat=True
                )
                if linked_pk is not None
            )
            for field in self.model._meta.many_to_many
        }
        inline_rows = {}
        for inline in self.inlines:
            # The key the inline's own formset follows to this object.
            key = _get_foreign_key(self.model, inline.model, fk_name=inline.fk_name)
            inline_rows[inline.model._meta.label] = list(
                inline.model._base_manager.filter(**{key.name: pk})
                .order_by("pk")
                .values(*(field.attname for field in inline.model._meta.concrete_fields))
            )
        return digest([row, linked, inline_rows])

    def row_version(self, obj):
        """The digest of the fields a list edits, as ``obj`` holds them (loaded for the list)."""
        fields = (self.model._meta.get_field(name) for name in self.list_editable)
        return digest({field.name: getattr(obj, field.attname) for field in fields})

    def edited_on_list(self, form):
        """Whether the editor changed ``form``'s row on their list, rather than only sent it.

        Django calls a row changed when what is sent differs from what is
        stored now; a row a colleague changed since the list was opened then
        counts too, although the editor never touched it. Here the values sent
        are compared with those the list was opened on (its version). A value
        the form cannot read back exactly as stored (a time's microseconds)
        counts as edited: the row is then checked, never skipped.
        """
        version, _ = read_token(form.cleaned_data.get(VERSION_FIELD))
        if not version:
            return True  # nothing to compare with: checked, and refused as unknown
        typed = copy.copy(form.instance)
        for name in self.list_editable:
            if name not in form.cleaned_data:
                return True  # refused at the field anyway
            self.model._meta.get_field(name).save_form_data(typed, form.cleaned_data[name])
        return self.row_version(typed) != version

    # The change form.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """An object's form is read, and drawn, from one snapshot of the database.

        Django reads the object, then its inline rows and many-to-many links
        (some only as the page is drawn), each in a query of its own; the
        digest is read between them. A colleague's save committed between two
        of those reads would be in the digest but not on the page, and this
        form's save would then write over it unrefused. On PostgreSQL the
        page is built in one ``REPEATABLE READ`` transaction, whose reads all
        see the database as at the first; SQLite's read transaction sees one
        state of the database already.
        """
        if object_id is None or request.method not in ("GET", "HEAD"):
            return super().changeform_view(request, object_id, form_url, extra_context)
        using = router.db_for_write(self.model)
        connection = connections[using]
        # Only as a transaction's first statement; inside one already (a test's,
        # say), the page is read in that one.
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic(using=using):
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # the many-to-many boxes are read as the page is drawn
            return response

    def get_fieldsets(self, request, obj=None):
        """The version goes with the form that may save an object, at its end.

        Not on a page that only shows the object (a writer's view of an
        author): read-only fields there would show it as a row of its own.
        """
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != VERSION_FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and fieldsets and self.has_change_permission(request, obj):
            name, options = fieldsets[-1]
            fieldsets[-1] = (name, {**options, "fields": [*options["fields"], VERSION_FIELD]})
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            # Not a model field: the model form is made without it, and it is added below.
            kwargs["fields"] = [name for name in kwargs["fields"] if name != VERSION_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form  # a new object: nothing to overwrite
        admin = self

        class VersionCheckedForm(form):
            loaded_version = VersionField()

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:
                    version = admin.stored_version(self.instance.pk)
                    self.fields[VERSION_FIELD].initial = opened_token(version)

            def clean(self):
                cleaned = super().clean()
                admin.refuse_stale_save(request, self)
                return cleaned

        VersionCheckedForm.__name__ = VersionCheckedForm.__qualname__ = form.__name__
        return VersionCheckedForm

    def refuse_stale_save(self, request, form):
        """Raise if the object changed since ``form`` was opened (or its version is unknown)."""
        version, opened_at = read_token(form.cleaned_data.get(VERSION_FIELD))
        if version and version == self.stored_version(form.instance.pk, lock=True):
            return
        thing = form.instance._meta.verbose_name
        happened, whose = self._what_happened(
            request, form.instance, version, opened_at, f"this {thing}", "it"
        )
        raise ValidationError(
            format_html(
                "{} Your changes are still in the form below but have NOT been saved: copy "
                'what you need, <a href="{}">open the {} again</a> to see {} version, '
                "and apply your changes again.",
                happened,
                # A link, not "reload the page": reloading sends this same form again.
                request.get_full_path(),
                thing,
                whose,
            ),
            code="stale",
        )

    # A list's editable rows.

    def get_changelist_form(self, request, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        admin = self

        class VersionCheckedRow(form):
            loaded_version = VersionField()

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound and self.instance.pk is not None:
                    version = admin.row_version(self.instance)
                    self.fields[VERSION_FIELD].initial = opened_token(version)

            def has_changed(self):
                """Changed by this editor: a row sent as the list showed it is not.

                It is then neither written (Django's list saves only the rows
                that changed) nor checked: sending a list does not put back
                the old values of a row a colleague changed meanwhile.
                """
                if not super().has_changed():
                    return False
                if not hasattr(self, "cleaned_data"):
                    return True  # asked before the row is read: Django's answer
                return admin.edited_on_list(self)

            def clean(self):
                cleaned = super().clean()
                admin.refuse_stale_row(request, self)
                return cleaned

        VersionCheckedRow.__name__ = VersionCheckedRow.__qualname__ = form.__name__
        return VersionCheckedRow

    def refuse_stale_row(self, request, form):
        """Raise if a row the editor changed on the list was changed since the list was opened.

        Only the rows the editor changed are checked (``edited_on_list``): a
        row sent as the list showed it is not written, so a colleague's change
        to it stands, and the list is saved. Django reads the rows afresh when
        the list is sent, so their other fields (a section's description) are
        saved as they are now, whatever this list showed.
        """
        if form.instance.pk is None or not form.has_changed():
            return
        version, opened_at = read_token(form.cleaned_data.get(VERSION_FIELD))
        if version and version == self.row_version(form.instance):
            return
        happened, whose = self._what_happened(
            request,
            form.instance,
            version,
            opened_at,
            # Named: the list's message sits above the row, among others.
            f"the {form.instance._meta.verbose_name} “{form.instance}”",
            "this list",
        )
        raise ValidationError(
            format_html(
                "{} Nothing on this list has been saved, and your changes are still in it: "
                'copy what you need, <a href="{}">open the list again</a> to see {} '
                "version, and apply your changes again.",
                happened,
                request.get_full_path(),
                whose,
            ),
            code="stale",
        )

    def _what_happened(self, request, obj, version, opened_at, this, opened):
        """ "Ann Desk changed this author at 3 May 2026, 10:02, after you opened it.", and
        whose version opening it again shows ("their").

        A change by the editor sending the form was made in another tab or window
        (or by a save of this one sent twice): named as theirs, where their own
        name read as a colleague's who had got there first.
        """
        if not version:
            return (
                f"The page was sent without the version of {this} it was opened on, so it "
                "cannot be told whether someone changed it since.",
                "the saved",
            )
        entry = (
            LogEntry.objects.filter(
                content_type=get_content_type_for_model(obj),
                object_id=str(obj.pk),
                action_time__gte=opened_at,
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        if entry is None:
            # Changed outside the admin (a command, the shell): no one to name.
            return f"Someone changed {this} after you opened {opened}.", "their"
        when = date_format(timezone.localtime(entry.action_time), "DATETIME_FORMAT")
        if entry.user_id == request.user.pk:
            return (
                f"You changed {this} at {when} in another tab or window, after you opened "
                f"{opened} here.",
                "that",
            )
        who = display_name(entry.user)
        return f"{who} changed {this} at {when}, after you opened {opened}.", "their"
