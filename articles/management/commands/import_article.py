"""``manage.py import_article FILE...``: import plain-text wire copy as stories.

Each file becomes one story in review (or published with ``--publish`` when the
pre-publish checklist allows it). A bad file is reported and skipped; the
command exits non-zero after the summary when any file failed.

With ``--by USERNAME`` the stories are imported as that staff user imports them
from the admin's import page: their name in the status history, the change
history and "created by", and their rights (a writer's ``--publish`` leaves the
stories in review). Without it the import is recorded as made by no one
("System" in the status history).
"""

import json
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

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
from articles.models import Article
from sections.models import Section

PROGRESS_WIDTH = 30
HEADLINE_COLUMN = 60


class Progress:
    """A one-line progress bar on stderr: ``[#######        ] 3/10``.

    Shown only on a terminal and for more than one file, so logs and pipes
    never fill with carriage returns.
    """

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.enabled = total > 1 and stream.isatty()

    def show(self, done, label=""):
        if not self.enabled:
            return
        filled = PROGRESS_WIDTH * done // self.total
        bar = "#" * filled + " " * (PROGRESS_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {label[:40]:<40}", ending="")
        self.stream.flush()

    def finish(self):
        if self.enabled:
            self.stream.write("")


class Command(BaseCommand):
    help = (
        "Import plain-text wire copy or scraped stories. Each FILE becomes a story in "
        "review: ad CSS and page junk removed, headline, dateline, sources and byline "
        "detected. Importing the same copy twice creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Plain-text files (.txt).")
        parser.add_argument("--section", metavar="SLUG", help="File the stories in this section.")
        parser.add_argument(
            "--headline", metavar="TEXT", help="Use this headline (one FILE only)."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish each story if the pre-publish checklist allows it.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; save nothing."
        )
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help=(
                "Record the import under this active staff user, as the admin's import page "
                "does (status history, change history, created by; their rights apply). "
                "Without it the history says \"System\"."
            ),
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print a machine-readable summary (one object per file) and nothing else.",
        )

    def handle(self, *args, **options):
        files, headline = options["files"], options["headline"]
        publish, dry_run, section = options["publish"], options["dry_run"], options["section"]
        if headline and len(files) > 1:
            raise CommandError("--headline names one story: give exactly one FILE with it.")
        longest = Article._meta.get_field("headline").max_length
        if headline and len(headline) > longest:
            raise CommandError(
                f"--headline is {len(headline)} characters long; a headline has at most "
                f"{longest}."
            )
        if publish and dry_run:
            raise CommandError("--publish and --dry-run contradict each other; choose one.")
        # Before any file is read: a misspelt name must not import a batch as no one.
        # Given but empty (a script's unset variable) is a mistake too, not "no one".
        user = self.staff_user(options["by"]) if options["by"] is not None else None
        chosen_section = None
        if section is not None:
            try:
                chosen_section = Section.objects.get(slug=section)
            except Section.DoesNotExist:
                raise CommandError(f"There is no section with the slug “{section}”.") from None

        progress = Progress(self.stderr, len(files))
        outcomes, batch = [], {}
        for done, path in enumerate(files):
            progress.show(done, Path(path).name)
            outcomes.append(
                self.import_path(
                    path,
                    section=chosen_section,
                    headline=headline or "",
                    publish=publish,
                    dry_run=dry_run,
                    user=user,
                    batch=batch,
                )
            )
        progress.show(len(files))
        progress.finish()

        if options["json"]:
            self.write_json(outcomes)
        else:
            self.write_report(outcomes, verbose=len(outcomes) == 1 or options["verbosity"] > 1)
        failed = [outcome for outcome in outcomes if outcome.status == FAILED]
        if failed:
            raise CommandError(
                (
                    f"{len(failed)} of {len(outcomes)} files could not be imported: "
                    if len(outcomes) > 1
                    else "The file could not be imported: "
                )
                + ", ".join(outcome.file for outcome in failed)
            )

    def staff_user(self, username):
        """The active staff user named ``username``, or an error saying why not."""
        if not username.strip():
            raise CommandError("--by names no one: give a staff user's username, or leave it out.")
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"--by: there is no user “{username}”.") from None
        if not user.is_active:
            raise CommandError(
                f"--by: “{username}” is inactive; name a user who can sign in to the admin."
            )
        if not user.is_staff:
            raise CommandError(
                f"--by: “{username}” is not staff; name a user who can sign in to the admin."
            )
        if not user.has_perm("articles.add_article"):
            # As the import page: it is refused to anyone who may not add stories.
            raise CommandError(
                f"--by: “{username}” may not add stories, so could not import them in the "
                "admin either; name a writer or an editor."
            )
        return user

    def import_path(self, path, **options):
        """Read one file from disk and import it; problems become a failed outcome."""
        file = Path(path)
        try:
            if file.is_dir():
                raise ImportRejected("this is a directory, not a file")
            check_file_name(file.name, any_text=True)
            check_size(file.stat().st_size)
            raw = file.read_bytes()
        except FileNotFoundError:
            return ImportOutcome(file=path, errors=["no such file"])
        except ImportRejected as exc:
            return ImportOutcome(file=path, errors=[str(exc)])
        except OSError as exc:
            return ImportOutcome(file=path, errors=[f"the file could not be read: {exc.strerror}"])
        outcome = import_copy(file.name, raw, **options)
        outcome.file = path
        return outcome

    def write_json(self, outcomes):
        self.stdout.write(
            json.dumps([outcome.as_dict() for outcome in outcomes], indent=2, ensure_ascii=False)
        )

    def write_report(self, outcomes, *, verbose):
        style = {
            CREATED: self.style.SUCCESS,
            DUPLICATE: self.style.WARNING,
            DRY_RUN: self.style.MIGRATE_HEADING,
            FAILED: self.style.ERROR,
        }
        for outcome in outcomes:
            if not verbose and outcome.status != FAILED:
                continue
            label = outcome.status.upper()
            if outcome.published:
                label += " (published)"
            self.stdout.write(style[outcome.status](f"{label}: {outcome.file}"))
            for error in outcome.errors:
                self.stdout.write(f"  error: {error}")
            if outcome.headline:
                self.stdout.write(f"  headline: {outcome.headline}")
            if outcome.article_id:
                # Readers see a story only once it is published; until then the
                # address to open is the story's page in the admin.
                edit = reverse("admin:articles_article_change", args=[outcome.article_id])
                where = outcome.url if outcome.published else f"{edit} (not public yet)"
                self.stdout.write(f"  story #{outcome.article_id}: {where}")
            if verbose:
                for removed in outcome.removed:
                    self.stdout.write(f"  removed {removed}")
                for detected in outcome.detected:
                    self.stdout.write(f"  detected {detected}")
            for warning in outcome.warnings:
                self.stdout.write(f"  warning: {warning}")
        if len(outcomes) > 1:
            self.write_table(outcomes)

    def write_table(self, outcomes):
        """One row per file, then the counts: what an operator checks after a batch."""
        file_width = min(40, max(len("FILE"), *(len(outcome.file) for outcome in outcomes)))
        header = f"{'STATUS':<10} {'STORY':>6}  {'FILE':<{file_width}}  HEADLINE / PROBLEM"
        self.stdout.write("")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for outcome in outcomes:
            story = f"#{outcome.article_id}" if outcome.article_id else "-"
            text = "; ".join(outcome.errors) if outcome.errors else outcome.headline
            if len(text) > HEADLINE_COLUMN:
                text = text[: HEADLINE_COLUMN - 1] + "…"
            file = outcome.file if len(outcome.file) <= file_width else "…" + outcome.file[
                -(file_width - 1) :
            ]
            self.stdout.write(f"{outcome.status:<10} {story:>6}  {file:<{file_width}}  {text}")
        counts = Counter(outcome.status for outcome in outcomes)
        self.stdout.write("")
        self.stdout.write(
            ", ".join(
                f"{counts[status]} {status}"
                for status in (CREATED, DUPLICATE, DRY_RUN, FAILED)
                if counts[status]
            )
        )
