"""``manage.py restore FOLDER``: put a backup made by ``manage.py backup`` back.

The backup is checked first (manifest, checksums, dump format, engine), then the
database is replaced (``pg_restore --clean --if-exists`` in one transaction, or
SQLite's backup API) and the media unpacked over MEDIA_ROOT. A database that
already has tables is only replaced after an interactive "yes" or with ``--force``.
Stop the site (or take it out of the load balancer) while restoring: PostgreSQL
waits for the site's open transactions before it can drop tables.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from articles.apps import point_site_at_domain
from newsroom.backup import (
    BackupError,
    counted,
    counts_summary,
    database_is_empty,
    read_backup,
    restore_backup,
)


class Command(BaseCommand):
    help = "Restore the database and media from a folder made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The newsroom-backup-<time> folder to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds data without asking.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never ask; without --force, refuse to replace a database that holds data.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            choices=list(connections),
            help="Database alias to restore into (one of DATABASES).",
        )

    def handle(self, *args, folder, force, interactive, database, **options):
        try:
            manifest = read_backup(folder)
            if not force and not database_is_empty(database):
                self.confirm(manifest, database, interactive)
            result = restore_backup(folder, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The backup's Site row names the domain of the site it came from (a
        # production copy restored on staging): the feeds, the sitemaps and
        # robots.txt would send readers there while the pages name this one.
        replaced_domain = point_site_at_domain(database)
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']} from {folder}")
            + f"\n  counts match the manifest: {counts_summary(result['counts'])}"
            + f"\n  media: {counted(manifest['media']['files'], 'files')} unpacked into MEDIA_ROOT"
        )
        if replaced_domain:
            self.stdout.write(
                f"  the site's domain: {replaced_domain} in the backup, now "
                f"{settings.NEWSROOM_DOMAIN} (NEWSROOM_DOMAIN), as the pages name it"
            )
        if settings.MEDIA_BUCKET:
            # The stories now point at pictures as they were at the backup's
            # time; the bucket holds them as they are now, which may differ.
            self.stdout.write(
                self.style.WARNING(
                    f"  The media in the bucket {settings.MEDIA_BUCKET} were NOT restored: "
                    "with MEDIA_BUCKET set, uploads and renditions are stored there, and "
                    "no backup holds them. If pictures were deleted or replaced since "
                    f"{manifest['created_at']}, bring back their earlier versions at your "
                    "storage provider."
                )
            )
        if result["unapplied"]:
            self.stdout.write(
                self.style.WARNING(
                    "The backup predates these migrations; run `manage.py migrate`: "
                    + ", ".join(result["unapplied"])
                )
            )

    def confirm(self, manifest, database, interactive):
        name = connections[database].settings_dict["NAME"]
        question = (
            f"The database {name} already holds data. Replace it with the backup of "
            f"{manifest['created_at']} ({counted(manifest['counts']['stories'], 'stories')})?"
        )
        if not interactive:
            raise CommandError(f"{question} Refused: pass --force to replace it.")
        answer = input(f"{question} Type 'yes' to continue: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
