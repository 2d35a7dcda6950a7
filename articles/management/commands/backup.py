"""``manage.py backup``: the database and the media files, in one folder with a manifest.

PostgreSQL is dumped with ``pg_dump --format=custom`` (the password goes through
``PGPASSWORD``, never the command line); SQLite is copied with its online backup
API, so the site can keep running. See ``newsroom/backup.py`` for the layout.

The media are those under ``MEDIA_ROOT``. With ``MEDIA_BUCKET`` set the uploads
live in the bucket, which this command does not copy, and it says so.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from newsroom.backup import BackupError, counted, counts_summary, create_backup, read_backup


class Command(BaseCommand):
    help = (
        "Back up the database and MEDIA_ROOT into OUTPUT_DIR/newsroom-backup-<UTC time>/ "
        "(database dump, media.tar.gz, manifest.json with counts and checksums)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default="backups",
            help="Folder to write the backup folder into (created if missing; default ./backups).",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            choices=list(connections),
            help="Database alias to back up (one of DATABASES).",
        )

    def handle(self, *args, output_dir, database, **options):
        try:
            folder = create_backup(output_dir, using=database)
            manifest = read_backup(folder)  # prove it reads back before saying it is done
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {folder}")
            + f"\n  {manifest['engine']} database: {counts_summary(manifest['counts'])}"
            + f"\n  media: {counted(media['files'], 'files')}, {counted(media['bytes'], 'bytes')} "
            "from MEDIA_ROOT"
        )
        if settings.MEDIA_BUCKET:
            # "media: 0 files" alone reads as "no pictures to keep", not as "the
            # pictures are somewhere this backup does not reach".
            self.stdout.write(
                self.style.WARNING(
                    f"  The media in the bucket {settings.MEDIA_BUCKET} are NOT in this "
                    "backup: with MEDIA_BUCKET set, uploads and renditions are stored "
                    "there, and this command copies MEDIA_ROOT only. Back the bucket up "
                    "at your storage provider: turn on object versioning, and replicate "
                    "it to another region or account."
                )
            )
