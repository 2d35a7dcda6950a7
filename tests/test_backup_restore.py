"""``manage.py backup`` and ``manage.py restore``: a round trip that loses nothing.

These run on whichever database the suite uses: the in-memory SQLite test database
(a throwaway copy, never the checkout's db.sqlite3) or the PostgreSQL test database
when DATABASE_URL points at PostgreSQL, where they drive the real pg_dump and
pg_restore. They are TransactionTestCases because pg_dump runs in its own session
and can only see committed rows.
"""

import json
import shutil
import stat
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TransactionTestCase, override_settings
from django.urls import reverse

from articles.models import Article, Correction
from authors.models import Author
from newsroom import backup
from tests.factories import make_article, make_author, make_image_bytes, make_source

MEDIA_FILES = {
    "articles/2026/03/harbour.png": make_image_bytes("PNG", size=(32, 24), color="navy"),
    "uploads/2026/03/map.jpg": make_image_bytes("JPEG", size=(40, 30), color="green"),
    "renditions/harbour-640.webp": make_image_bytes("WEBP", size=(16, 12), color="orange"),
}


def newsroom_content():
    """What readers and editors would miss: every story's copy, bylines, sources, corrections."""
    stories = (
        Article.objects.order_by("slug")
        .prefetch_related("bylines__author", "source_credits__source", "corrections")
        .all()
    )
    return [
        {
            "slug": story.slug,
            "headline": story.headline,
            "standfirst": story.standfirst,
            "body": story.body,
            "status": story.status,
            "published_at": story.published_at,
            "bylines": [
                byline.author.name
                for byline in sorted(story.bylines.all(), key=lambda b: b.position)
            ],
            "sources": sorted(
                (credit.role, credit.source.name) for credit in story.source_credits.all()
            ),
            "corrections": [correction.note for correction in story.corrections.all()],
        }
        for story in stories
    ]


def media_contents(media_root):
    return {
        path.relative_to(media_root).as_posix(): path.read_bytes()
        for path in sorted(Path(media_root).rglob("*"))
        if path.is_file()
    }


RECORDED_PURGES = []


def record_purge(paths):
    """A purge hook for tests: what the front caches were told to drop."""
    RECORDED_PURGES.append(paths)


class BackupRestoreTestCase(TransactionTestCase):
    def setUp(self):
        self.media_root = Path(tempfile.mkdtemp(prefix="newsroom-media-"))
        self.backups = Path(tempfile.mkdtemp(prefix="newsroom-backups-"))
        self.addCleanup(shutil.rmtree, self.media_root, ignore_errors=True)
        self.addCleanup(shutil.rmtree, self.backups, ignore_errors=True)
        settings_override = override_settings(MEDIA_ROOT=str(self.media_root))
        settings_override.enable()
        self.addCleanup(settings_override.disable)

        for name, content in MEDIA_FILES.items():
            path = self.media_root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        reporters = [make_author(name="Amina Diallo"), make_author(name="Jonas Berg")]
        wire = make_source(name="Global Wire")
        self.lead = make_article(
            headline="Ceasefire holds on the border",
            body=(
                "<p>Guns fell silent at dawn, witnesses said.</p>"
                "<p>Ça tient — «pour l’instant».</p>"
            ),
            authors=reporters,
            origin=wire,
            cited=[make_source(name="Ministry of Defence")],
        )
        Correction.objects.create(article=self.lead, note="An earlier version misnamed the town.")
        make_article(headline="Markets rally", authors=[reporters[1]])
        make_article(headline="Draft: election night", status=Article.Status.DRAFT)

    def back_up(self):
        out = StringIO()
        call_command("backup", "--output-dir", str(self.backups), stdout=out)
        (folder,) = [p for p in self.backups.iterdir() if p.is_dir()]
        return folder, out.getvalue()

    def restore(self, folder, *args):
        out = StringIO()
        call_command("restore", str(folder), *args, stdout=out)
        return out.getvalue()


class RoundTripTests(BackupRestoreTestCase):
    def test_restore_brings_back_deleted_stories_and_media_byte_for_byte(self):
        content_before = newsroom_content()
        media_before = media_contents(self.media_root)
        folder, _ = self.back_up()

        # Disaster: stories and authors gone, an image overwritten, another deleted.
        Article.objects.all().delete()
        Author.objects.all().delete()
        (self.media_root / "articles/2026/03/harbour.png").write_bytes(b"overwritten")
        (self.media_root / "uploads/2026/03/map.jpg").unlink()
        self.assertEqual(newsroom_content(), [])

        output = self.restore(folder, "--force")

        self.assertEqual(newsroom_content(), content_before)
        self.assertEqual(media_contents(self.media_root), media_before)
        self.assertIn("counts match the manifest: 3 stories", output)

    def test_a_count_of_one_reads_in_the_singular(self):
        """The backup holds one correction: "1 correction", where it said "1 corrections"."""
        folder, output = self.back_up()
        self.assertIn("3 stories, 2 published or scheduled stories", output)
        self.assertIn(", 1 correction,", output)
        Article.objects.all().delete()
        output = self.restore(folder, "--force")
        self.assertIn(", 1 correction,", output)
        self.assertNotIn("1 corrections", output)

    def test_restored_story_is_public_again_with_its_byline(self):
        folder, _ = self.back_up()
        Article.objects.all().delete()
        self.restore(folder, "--force")

        response = self.client.get(self.lead.get_absolute_url())
        self.assertContains(response, "Ceasefire holds on the border")
        self.assertContains(response, "Amina Diallo")
        self.assertContains(response, "An earlier version misnamed the town.")

    def test_changes_after_the_backup_are_undone(self):
        folder, _ = self.back_up()
        Article.objects.filter(pk=self.lead.pk).update(headline="Ceasefire collapses")
        make_article(headline="Written after the backup")

        self.restore(folder, "--force")

        self.assertEqual(Article.objects.get(pk=self.lead.pk).headline, self.lead.headline)
        self.assertFalse(Article.objects.filter(headline="Written after the backup").exists())

    def test_the_backups_domain_gives_way_to_this_sites(self):
        """A backup of another site named its domain in every feed and sitemap link."""
        Site.objects.update_or_create(
            pk=settings.SITE_ID, defaults={"domain": "news.example.org", "name": "Prod"}
        )
        folder, _ = self.back_up()
        with override_settings(NEWSROOM_DOMAIN="staging.example.net"):
            output = self.restore(folder, "--force")
            self.assertIn(
                "the site's domain: news.example.org in the backup, now staging.example.net",
                output,
            )
            self.assertEqual(Site.objects.get_current().domain, "staging.example.net")
            feed = self.client.get(reverse("feeds:rss"))
        self.assertContains(feed, "://staging.example.net/")
        self.assertNotContains(feed, "news.example.org")
        # Without NEWSROOM_DOMAIN the row stays as the backup has it, and nothing is said.
        with override_settings(NEWSROOM_DOMAIN=""):
            output = self.restore(folder, "--force")
        self.assertNotIn("the site's domain", output)
        self.assertEqual(Site.objects.get_current().domain, "news.example.org")

    def test_restore_drops_cached_pages_of_the_replaced_database(self):
        """Pages cached after the backup must not outlive the database they showed."""
        locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        with override_settings(
            PAGE_CACHE_ENABLED=True,
            PAGE_CACHE_LOCAL_SECONDS=300,
            CACHES=locmem,
            CACHE_PURGE_CALLABLE="tests.test_backup_restore.record_purge",
        ):
            caches["default"].clear()
            folder, _ = self.back_up()
            # Changed after the backup without the signals that would drop the
            # cached page (a raw UPDATE, another tool): the cache now holds it.
            Article.objects.filter(pk=self.lead.pk).update(headline="Ceasefire collapses")
            self.client.get(self.lead.get_absolute_url())
            cached = self.client.get(self.lead.get_absolute_url())
            self.assertEqual(cached["X-Page-Cache"], "hit")
            self.assertContains(cached, "Ceasefire collapses")
            RECORDED_PURGES.clear()

            self.restore(folder, "--force")

            response = self.client.get(self.lead.get_absolute_url())
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertContains(response, "Ceasefire holds on the border")
        self.assertEqual(RECORDED_PURGES, [["/*"]])

    def test_manifest_records_counts_media_and_migration_state(self):
        folder, output = self.back_up()
        manifest = json.loads((folder / "manifest.json").read_text())

        self.assertEqual(manifest["counts"]["stories"], 3)
        self.assertEqual(manifest["counts"]["published or scheduled stories"], 2)
        self.assertEqual(manifest["counts"]["bylines"], 4)
        self.assertEqual(manifest["media"]["files"], len(MEDIA_FILES))
        self.assertIn("0001_initial", manifest["migrations"]["articles"])
        self.assertEqual(manifest["engine"], backup.engine_of())
        self.assertIn(str(folder), output)
        self.assertFalse(list(self.backups.glob("*.partial")))

    def test_only_its_owner_can_read_a_backup(self):
        """It holds password hashes and session keys: a shared host's other users may not."""
        folder, _ = self.back_up()
        self.assertEqual(stat.S_IMODE(folder.stat().st_mode), 0o700)
        files = sorted(folder.iterdir())
        self.assertEqual(len(files), 3)  # database, media archive, manifest
        for file in files:
            with self.subTest(file.name):
                self.assertEqual(stat.S_IMODE(file.stat().st_mode), 0o600)

    def test_two_backups_in_the_same_second_do_not_overwrite_each_other(self):
        first = backup.create_backup(self.backups)
        second = backup.create_backup(self.backups)
        self.assertNotEqual(first, second)
        backup.read_backup(first)
        backup.read_backup(second)


class MediaBucketTests(BackupRestoreTestCase):
    """With MEDIA_BUCKET set, the pictures are in the bucket, out of the backup's reach."""

    @override_settings(MEDIA_BUCKET="daily-planet-media")
    def test_a_backup_says_the_bucket_is_not_in_it_and_how_to_keep_it(self):
        shutil.rmtree(self.media_root)  # MEDIA_ROOT is empty or absent with a bucket
        _, output = self.back_up()
        self.assertIn("media: 0 files, 0 bytes from MEDIA_ROOT", output)
        self.assertIn("The media in the bucket daily-planet-media are NOT in this backup", output)
        self.assertIn("versioning", output)

    def test_a_restore_says_the_bucket_was_not_restored(self):
        folder, _ = self.back_up()
        with override_settings(MEDIA_BUCKET="daily-planet-media"):
            output = self.restore(folder, "--force")
        self.assertIn("The media in the bucket daily-planet-media were NOT restored", output)

    def test_without_a_bucket_the_media_are_in_the_backup_and_no_bucket_is_named(self):
        _, output = self.back_up()
        self.assertIn(f"media: {len(MEDIA_FILES)} files", output)
        self.assertNotIn("bucket", output)


class RefusalTests(BackupRestoreTestCase):
    """Each refusal leaves the database as it was: the story written since stays."""

    def setUp(self):
        super().setUp()
        self.folder, _ = self.back_up()
        make_article(headline="Written after the backup")

    def assertNothingRestored(self):
        self.assertTrue(Article.objects.filter(headline="Written after the backup").exists())

    def assertRefused(self, message, *args):
        with self.assertRaisesMessage(CommandError, message):
            self.restore(*args)
        self.assertNothingRestored()

    def test_refuses_to_replace_data_without_force(self):
        self.assertRefused("already holds data", self.folder, "--noinput")

    def test_asks_before_replacing_data_and_stops_on_no(self):
        with mock.patch("builtins.input", return_value="no") as ask:
            self.assertRefused("Restore cancelled; nothing was changed.", self.folder)
        self.assertIn("Type 'yes' to continue", ask.call_args.args[0])

    def test_a_yes_replaces_the_data(self):
        with mock.patch("builtins.input", return_value="yes"):
            self.restore(self.folder)
        self.assertFalse(Article.objects.filter(headline="Written after the backup").exists())

    def test_a_backup_into_a_file_says_it_cannot_write_there(self):
        """``--output-dir README.md`` ended in a FileExistsError traceback."""
        not_a_folder = self.backups / "notes.txt"
        not_a_folder.write_text("not a folder")
        with self.assertRaisesMessage(
            CommandError,
            f"Cannot write a backup into {not_a_folder}: it is a file, not a folder. Name a "
            "folder you may write to with --output-dir.",
        ):
            call_command("backup", "--output-dir", str(not_a_folder), stdout=StringIO())

    def test_an_unknown_database_alias_is_refused_by_name(self):
        """``--database nosuch`` ended in Django's ConnectionDoesNotExist traceback."""
        for command, args in (
            ("backup", ["--output-dir", str(self.backups)]),
            ("restore", [str(self.folder), "--force"]),
        ):
            with (
                self.subTest(command),
                self.assertRaisesMessage(CommandError, "invalid choice: 'nosuch'"),
            ):
                call_command(command, *args, "--database", "nosuch", stdout=StringIO())
        self.assertNothingRestored()

    def test_missing_folder(self):
        self.assertRefused("the path does not exist", self.backups / "no-such-backup", "--force")

    def test_a_file_instead_of_the_folder(self):
        self.assertRefused("is not a backup folder", self.folder / "manifest.json", "--force")

    def test_folder_without_manifest(self):
        (self.folder / "manifest.json").unlink()
        self.assertRefused("has no manifest.json", self.folder, "--force")

    def test_manifest_that_is_not_json(self):
        (self.folder / "manifest.json").write_text("<html>backup</html>")
        self.assertRefused("is not valid JSON", self.folder, "--force")

    def test_damaged_media_archive(self):
        archive = self.folder / "media.tar.gz"
        archive.write_bytes(archive.read_bytes()[:-100])
        self.assertRefused("media.tar.gz does not match its checksum", self.folder, "--force")

    def test_database_file_in_the_wrong_format(self):
        """A dump replaced by something else, with a checksum to match, is still refused."""
        manifest = json.loads((self.folder / "manifest.json").read_text())
        dump = self.folder / manifest["database"]["file"]
        dump.write_bytes(b"-- plain SQL, not what restore expects\nSELECT 1;\n" * 50)
        manifest["checksums"][dump.name] = backup._sha256(dump)
        (self.folder / "manifest.json").write_text(json.dumps(manifest))

        expected = {
            "postgresql": "database.dump is not a pg_dump custom-format archive",
            "sqlite": "database.sqlite3 is not a SQLite database",
        }[backup.engine_of()]
        self.assertRefused(expected, self.folder, "--force")

    def test_backup_from_the_other_engine(self):
        manifest = json.loads((self.folder / "manifest.json").read_text())
        other = "sqlite" if manifest["engine"] == "postgresql" else "postgresql"
        manifest["engine"] = other
        manifest["database"]["file"] = backup.DUMP_FILES[other]
        (self.folder / backup.DUMP_FILES[manifest["engine"]]).write_bytes(b"")
        manifest["checksums"][backup.DUMP_FILES[other]] = backup._sha256(
            self.folder / backup.DUMP_FILES[other]
        )
        (self.folder / "manifest.json").write_text(json.dumps(manifest))
        self.assertRefused(f"This backup was taken from {other}", self.folder, "--force")

    def test_unknown_format_version(self):
        manifest = json.loads((self.folder / "manifest.json").read_text())
        manifest["version"] = 99
        (self.folder / "manifest.json").write_text(json.dumps(manifest))
        self.assertRefused("format version 99 is not supported", self.folder, "--force")


class MediaArchiveTests(BackupRestoreTestCase):
    def test_archive_cannot_write_outside_media_root(self):
        """A doctored archive with ``../`` paths is stopped by the tar "data" filter."""
        import io
        import tarfile

        evil = self.backups / "evil.tar.gz"
        with tarfile.open(evil, "w:gz") as archive:
            payload = b"owned"
            member = tarfile.TarInfo("../escaped.txt")
            member.size = len(payload)
            archive.addfile(member, io.BytesIO(payload))
        with self.assertRaises(tarfile.FilterError):
            backup._extract_media(evil, self.media_root)
        self.assertFalse((self.media_root.parent / "escaped.txt").exists())


class CountedTests(SimpleTestCase):
    def test_one_and_several(self):
        self.assertEqual(backup.counted(1, "stories"), "1 story")
        self.assertEqual(backup.counted(0, "stories"), "0 stories")
        self.assertEqual(
            backup.counted(1, "published or scheduled stories"), "1 published or scheduled story"
        )
        self.assertEqual(backup.counted(1, "files"), "1 file")
        self.assertEqual(backup.counted(1, "bytes"), "1 byte")
        self.assertEqual(backup.counted(2, "bytes"), "2 bytes")

    def test_a_count_without_a_word_for_one_keeps_its_name(self):
        """A manifest from a later version may count rows this one has no singular for."""
        self.assertEqual(backup.counted(1, "podcasts"), "1 podcasts")
