"""The admin's "Import wire copy" pages: upload, preview, confirm.

An editor uploads one or more ``.txt`` files, or pastes one story's copy, and
sees, per file, what the import will create (headline, dateline, byline,
sources, body) and what it removed. Nothing is saved until they confirm. The
bytes wait in the database between the two steps (``PendingImport``), under
a random token the session holds, so the confirm step imports exactly what
was previewed and never trusts text sent back by the browser. The preview page also holds the pasted
copy and the choices, for its "Change the copy or choices" button to fill the
form in again. The rules themselves live in :mod:`articles.import_service`,
shared with ``manage.py import_article``.
"""

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from articles import services
from articles.import_service import (
    CREATED,
    DRY_RUN,
    DUPLICATE,
    FAILED,
    ImportOutcome,
    ImportRejected,
    check_file_name,
    check_size,
    import_copy,
)
from articles.models import PendingImport, PendingImportFile
from sections.models import Section

SESSION_KEY = "article_import"
# Previews waiting for confirmation in one session (one per open tab, say);
# a sixth preview lets go of the oldest.
MAX_WAITING = 5
MAX_FILES = 20
# Sent by the preview's "Change the copy or choices" button: fill the form in, import nothing.
BACK = "back"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        # An empty file is reported with the others in the preview, by name.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


# What the story made from pasted copy is called where a file's name would be.
PASTED_NAME = "pasted copy"


class ImportUploadForm(forms.Form):
    files = MultipleFileField(
        label="Copy files",
        required=False,
        help_text=f"Plain-text files (.txt), up to {MAX_FILES} at a time. "
        "Each file becomes one story in review; any other file is listed as not imported, "
        "with the reason.",
    )
    text = forms.CharField(
        label="Or paste the copy",
        required=False,
        # Kept exactly as pasted: leading spaces and blank lines tell how it was wrapped.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "class": "vLargeTextField"}),
        help_text="One story, as copied from the page or the wire. "
        "Use this or the files, not both.",
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.select_related("parent"),
        required=False,
        help_text="File every imported story in this section.",
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish on import",
        help_text="Stories the pre-publish checklist allows are published; those it refuses "
        "stay in review, with the reasons listed.",
    )

    def __init__(self, *args, may_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish"]

    def clean_files(self):
        # A form sent without a file holds one empty entry.
        files = [upload for upload in self.cleaned_data["files"] if upload]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Upload at most {MAX_FILES} files at a time.")
        # A file the importer cannot read is listed in the preview, with the
        # reason, and the others go on: a refused form would have the editor
        # choose every file again. With none left to preview, the form comes back.
        refused = []
        for upload in files:
            try:
                check_file_name(upload.name)
            except ImportRejected as exc:
                refused.append(f"{upload.name}: {exc}")
        if files and len(refused) == len(files):
            raise forms.ValidationError(refused)
        return files

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            return ""
        try:
            # The limit for a file, counted the same way: in UTF-8 bytes.
            check_size(len(text.encode("utf-8")))
        except ImportRejected as exc:
            raise forms.ValidationError(
                f"The pasted copy cannot be imported: {exc}.".replace("the file", "it")
            ) from exc
        return text

    def clean(self):
        cleaned = super().clean()
        files, text = cleaned.get("files"), cleaned.get("text")
        if "files" in self.errors or "text" in self.errors:
            return cleaned
        # Each on a field, not above the form: the field is marked invalid and
        # described by the message, and the page takes the focus to it
        # (admin-first-error.js), so a screen reader reads both.
        if files and text:
            # The copy has to leave the box for the files to go: the focus goes there.
            self.add_error(
                "text",
                "Choose files or paste copy, not both: import the files, then paste the copy "
                "in a second import.",
            )
        elif not files and not text:
            self.add_error("files", "Choose one or more .txt files, or paste the copy.")
        return cleaned

    def copies(self):
        """``(name, upload or None, bytes or None)`` for each copy to import."""
        if self.cleaned_data["text"]:
            return [(PASTED_NAME, None, self.cleaned_data["text"].encode("utf-8"))]
        return [(upload.name, upload, None) for upload in self.cleaned_data["files"]]


class ArticleImportViews:
    """The two admin views, mounted by ``ArticleAdmin.get_urls()``."""

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def get_urls(self):
        admin_view = self.model_admin.admin_site.admin_view
        return [
            path("import/", admin_view(self.upload_view), name="articles_article_import"),
            path(
                "import/confirm/",
                admin_view(require_POST(self.confirm_view)),
                name="articles_article_import_confirm",
            ),
        ]

    def _check_permission(self, request):
        # admin_view already requires an active staff account.
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied

    def _context(self, request, title, **extra):
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.model_admin.model._meta,
            "title": title,
            **extra,
        }

    def upload_view(self, request):
        """Upload files, then preview what the import would do (a dry run)."""
        self._check_permission(request)
        may_publish = services.can_publish(request.user)
        if request.method == "POST" and BACK in request.POST:
            return self._back_to_form(request, may_publish)
        form = ImportUploadForm(
            request.POST or None, request.FILES or None, may_publish=may_publish
        )
        if request.method == "POST" and form.is_valid():
            section = form.cleaned_data["section"]
            publish = form.cleaned_data.get("publish", False)
            outcomes, pending, batch = [], [], {}
            for name, upload, raw in form.copies():
                if upload is not None:
                    try:
                        check_file_name(name)
                        check_size(upload.size)
                    except ImportRejected as exc:
                        outcomes.append(ImportOutcome(file=name, errors=[str(exc)]))
                        continue
                    raw = upload.read()
                outcome = import_copy(
                    name, raw, section=section, dry_run=True, user=request.user, batch=batch
                )
                outcomes.append(outcome)
                if outcome.status == DRY_RUN:
                    pending.append((name, raw))
            if form.cleaned_data["text"] and outcomes[0].status == FAILED:
                # Back to the box, the copy still in it, rather than a preview
                # of nothing that sends the editor back to paste it again.
                form.add_error(
                    "text",
                    "The pasted copy cannot be imported: "
                    + "; ".join(outcomes[0].errors).replace("the file", "it")
                    + ".",
                )
                return self._upload_page(request, form, may_publish)
            token = self._keep(request, pending, section=section, publish=publish)
            return TemplateResponse(
                request,
                "admin/articles/import_preview.html",
                self._context(
                    request,
                    "Check the import",
                    outcomes=outcomes,
                    token=token,
                    importable=len(pending),
                    section=section,
                    publish=publish,
                    text=form.cleaned_data["text"],
                    file_names=[upload.name for upload in form.cleaned_data["files"]],
                ),
            )
        return self._upload_page(request, form, may_publish)

    def _back_to_form(self, request, may_publish):
        """The form again, filled in with the copy and choices the preview sent back.

        So an editor told "No section chosen" chooses one without pasting the
        copy again. Nothing is imported or checked here: previewing again checks
        everything. The copy comes from the page, not the session, so a preview
        open in another tab goes back to its own. Browsers never send a file back
        to a form, so the files are named, to be chosen again.
        """
        sent = request.POST
        form = ImportUploadForm(
            initial={
                "text": sent.get("text", ""),
                "section": sent.get("section"),
                "publish": sent.get("publish") == "on",
            },
            may_publish=may_publish,
        )
        file_names = sent.getlist("file_name")[:MAX_FILES]
        if file_names:
            messages.warning(
                request,
                "Choose the files again: "
                + ", ".join(f"“{name}”" for name in file_names)
                + ". A browser cannot send files back to a form; "
                "your other choices are filled in below.",
            )
        return self._upload_page(request, form, may_publish)

    def _upload_page(self, request, form, may_publish):
        return TemplateResponse(
            request,
            "admin/articles/import_upload.html",
            self._context(request, "Import wire copy", form=form, may_publish=may_publish),
        )

    def confirm_view(self, request):
        """Import the files previewed under this token, then report on each.

        Each file leaves the waiting copy in the transaction that imports it,
        so a worker stopped part way through a batch (a timeout, a restart)
        loses nothing: the files it had not reached still wait under the
        token, and confirming again imports them. A second click (or tab)
        sending the same token waits on each file's row and finds it gone
        rather than importing it twice. A file that failed on the database's
        side (``may_retry``) keeps waiting too, and the page that follows offers
        to try it again.
        """
        self._check_permission(request)
        waiting = _waiting(request)
        token = request.POST.get("token", "")
        kept = next((t for t in waiting if secrets.compare_digest(t, token)), None)
        pending = (
            PendingImport.objects.select_related("section")
            .filter(token=token, user=request.user)
            .first()
            if kept
            else None
        )
        if pending is None:
            messages.error(
                request,
                "That import is no longer waiting for confirmation: it was imported "
                "already, or let go after five newer previews or at the end of a sign-in. "
                "Check the story list, then preview the copy again if it is not there.",
            )
            return HttpResponseRedirect(reverse("admin:articles_article_import"))
        publish = pending.publish and services.can_publish(request.user)
        still_waiting = []
        for item_pk in pending.files.order_by("position").values_list("pk", flat=True):
            with transaction.atomic():
                item = PendingImportFile.objects.select_for_update().filter(pk=item_pk).first()
                if item is None:
                    continue  # imported by another click meanwhile
                outcome = import_copy(
                    item.name,
                    bytes(item.raw),
                    section=pending.section,
                    publish=publish,
                    user=request.user,
                )
                if outcome.may_retry:
                    still_waiting.append(item.name)
                else:
                    item.delete()
            self._report(request, outcome)
        if still_waiting:
            return TemplateResponse(
                request,
                "admin/articles/import_retry.html",
                self._context(request, "Try the import again", token=kept, names=still_waiting),
            )
        pending.delete()
        request.session[SESSION_KEY] = [t for t in waiting if t != kept]
        return HttpResponseRedirect(reverse("admin:articles_article_changelist"))

    def _keep(self, request, pending, *, section, publish):
        """Keep the previewed ``(name, bytes)`` for the confirm step; return its token.

        Up to ``MAX_WAITING`` previews wait per session, so a preview in a
        second tab leaves the first one's to confirm; a preview with nothing
        to import keeps nothing. Imports left unconfirmed longer than a
        session lives are deleted here, whoever left them.
        """
        token = secrets.token_urlsafe(16)
        waiting = _waiting(request)
        with transaction.atomic():
            stale = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
            PendingImport.objects.filter(created_at__lt=stale).delete()
            if pending:
                kept = PendingImport.objects.create(
                    token=token, user=request.user, section=section, publish=publish
                )
                PendingImportFile.objects.bulk_create(
                    PendingImportFile(pending=kept, position=position, name=name, raw=raw)
                    for position, (name, raw) in enumerate(pending)
                )
                waiting.append(token)
            let_go, waiting = waiting[:-MAX_WAITING], waiting[-MAX_WAITING:]
            if let_go:
                PendingImport.objects.filter(token__in=let_go, user=request.user).delete()
        request.session[SESSION_KEY] = waiting
        return token

    def _report(self, request, outcome):
        # The admin capitalises the first letter of every message, so each one
        # opens with a word: a file name shown first would be misspelt.
        if outcome.status == CREATED:
            state = "published" if outcome.published else "in review"
            messages.success(
                request,
                f"Imported {outcome.file} as story #{outcome.article_id}: "
                f"“{outcome.headline}” ({state}).",
            )
            for warning in outcome.warnings:
                messages.warning(request, f"Check {outcome.file}: {warning}")
        elif outcome.status == DUPLICATE:
            story = (
                f"story #{outcome.article_id}" if outcome.article_id else "a story you cannot open"
            )
            messages.warning(
                request, f"Skipped {outcome.file}: already imported as {story}; nothing created."
            )
        else:
            messages.error(request, f"Could not import {outcome.file}: {'; '.join(outcome.errors)}")


def _waiting(request):
    """The tokens of this session's previews waiting for confirmation, oldest first."""
    waiting = request.session.get(SESSION_KEY)
    # A session from before the copy moved to the database held a dict here.
    if not isinstance(waiting, list):
        return []
    return [token for token in waiting if isinstance(token, str)]
