"""Back up and restore the newsroom: the database and the media files, as one folder.

A backup is a folder ``newsroom-backup-<UTC time>`` holding:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite: a copy made with SQLite's online backup API, consistent while the site runs);
- ``media.tar.gz``: every file under ``MEDIA_ROOT`` (featured images, renditions, uploads);
- ``manifest.json``: when and from which engine it was taken, the migration state, counts of
  stories and the other rows a reader sees, and a SHA-256 of each file.

The folder is written under a ``.partial`` name and renamed when complete, so a folder
with the final name is always a whole backup. Restore checks the manifest, the checksums
and the dump's format *before* it touches anything, replaces the database, unpacks the
media over ``MEDIA_ROOT`` (files added since the backup are left alone: nothing in the
restored database points at them) and then counts the rows again against the manifest.

The management commands ``backup`` and ``restore`` (articles/management/commands/) are
thin wrappers; the rules live here so tests can call them directly.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "newsroom-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
REQUIRED_KEYS = ("created_at", "engine", "database", "media", "migrations", "counts", "checksums")
MEDIA_ARCHIVE = "media.tar.gz"
DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# pg_dump/pg_restore of a newsroom takes seconds; an hour means something is stuck
# (a lock held by a running site, an unreachable server), and we would rather say so.
PG_TIMEOUT_SECONDS = 3600
# libpq settings that dj-database-url puts in OPTIONS, passed to the client tools
# as environment variables so nothing secret appears on a command line.
PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}
# The backup holds password hashes and session keys: its owner alone reads it.
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def engine_of(using=DEFAULT_DB_ALIAS):
    """``postgresql`` or ``sqlite``; any other database cannot be backed up here."""
    vendor = connections[using].vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def content_counts(using=DEFAULT_DB_ALIAS):
    """Rows worth checking after a restore, by what an editor would call them."""
    from articles.models import Article, Byline, Correction
    from authors.models import Author
    from sections.models import Section
    from sources.models import Source

    return {
        "stories": Article.objects.using(using).count(),
        # By status, not published(): a scheduled story going live between backup and
        # restore must not look like a difference.
        "published or scheduled stories": Article.objects.using(using)
        .filter(status=Article.Status.PUBLISHED)
        .count(),
        "bylines": Byline.objects.using(using).count(),
        "corrections": Correction.objects.using(using).count(),
        "sections": Section.objects.using(using).count(),
        "authors": Author.objects.using(using).count(),
        "sources": Source.objects.using(using).count(),
    }


# Each count's name for one row, where the manifest keeps the name for several
# (its keys stay as written: backups made before read back the same).
_ONE_OF = {
    "stories": "story",
    "published or scheduled stories": "published or scheduled story",
    "bylines": "byline",
    "corrections": "correction",
    "sections": "section",
    "authors": "author",
    "sources": "source",
    "files": "file",
    "bytes": "byte",
}


def counted(count, name):
    """``count`` of ``name`` as an editor reads it: "1 story", "3 stories" (decision 0040).

    ``name`` is the manifest's name for several; a name without its own word
    for one (a count added by a later version) is printed as it is.
    """
    return f"{count} {_ONE_OF.get(name, name) if count == 1 else name}"


def counts_summary(counts):
    """The manifest's ``counts`` in one line: "3 stories, 1 correction, …"."""
    return ", ".join(counted(count, name) for name, count in counts.items())


def migration_state(using=DEFAULT_DB_ALIAS):
    """Applied migrations by app, as recorded in the database."""
    applied = MigrationRecorder(connections[using]).applied_migrations()
    state = defaultdict(list)
    for app_label, name in sorted(applied):
        state[app_label].append(name)
    return dict(state)


def database_is_empty(using=DEFAULT_DB_ALIAS):
    """True when the database has no tables at all: restoring there loses nothing."""
    with connections[using].cursor() as cursor:
        return not connections[using].introspection.table_names(cursor)


def create_backup(output_dir, *, using=DEFAULT_DB_ALIAS):
    """Write a complete backup folder under ``output_dir`` and return its path."""
    engine = engine_of(using)
    output_dir = Path(output_dir)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        # "README.md" (a file), a folder without permission, a path that cannot exist.
        # The system's words for a file there are "File exists", which is no reason.
        why = "it is a file, not a folder" if output_dir.is_file() else error.strerror or error
        raise BackupError(
            f"Cannot write a backup into {output_dir}: {why}. "
            "Name a folder you may write to with --output-dir."
        ) from error
    created_at = timezone.now()
    final = _free_name(output_dir, f"newsroom-backup-{created_at:%Y%m%dT%H%M%SZ}")
    partial = final.with_name(final.name + ".partial")
    # Owner only: the dump holds password hashes and live session keys, and a
    # session key read from it would sign its reader in as an editor.
    partial.mkdir(mode=PRIVATE_FOLDER)
    partial.chmod(PRIVATE_FOLDER)  # whatever the umask left
    try:
        dump = partial / DUMP_FILES[engine]
        # Counts first, dump second: on a live site a story published in between is
        # in the dump but not the counts, and restore reports the difference honestly.
        counts = content_counts(using)
        migrations = migration_state(using)
        if engine == "postgresql":
            _pg_dump(connections[using].settings_dict, dump)
        else:
            _sqlite_dump(using, dump)
        media = _archive_media(Path(settings.MEDIA_ROOT), partial / MEDIA_ARCHIVE)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": created_at.isoformat(),
            "engine": engine,
            "database": {"file": dump.name, "name": str(connections[using].settings_dict["NAME"])},
            "media": {"file": MEDIA_ARCHIVE, **media},
            "migrations": migrations,
            "counts": counts,
            "checksums": {name: _sha256(partial / name) for name in (dump.name, MEDIA_ARCHIVE)},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for file in partial.iterdir():
            # Private again if the folder is copied elsewhere with its files' modes.
            file.chmod(PRIVATE_FILE)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def read_backup(path):
    """Check a backup folder and return its manifest; nothing is changed.

    Everything restore needs is checked here (folder, manifest, format version,
    files, checksums), so a bad backup is refused before the database is touched.
    """
    path = Path(path)
    if not path.exists():
        raise BackupError(f"No backup at {path}: the path does not exist.")
    if not path.is_dir():
        raise BackupError(
            f"{path} is not a backup folder. Pass the folder made by `manage.py backup` "
            f"(newsroom-backup-<time>/), not a file inside it."
        )
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path} has no {MANIFEST}: it is not a complete newsroom backup.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{manifest_path} is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path} is not a newsroom backup manifest.")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {manifest.get('version')!r} is not supported "
            f"(this code reads version {FORMAT_VERSION})."
        )
    missing = [key for key in REQUIRED_KEYS if key not in manifest]
    if missing:
        raise BackupError(f"{manifest_path} lacks {', '.join(missing)}: it is incomplete.")
    engine, checksums, database = manifest["engine"], manifest["checksums"], manifest["database"]
    if not isinstance(checksums, dict) or not isinstance(database, dict):
        raise BackupError(f"{manifest_path} is not a newsroom backup manifest.")
    dump_name = database.get("file")
    if DUMP_FILES.get(engine) != dump_name:
        raise BackupError(f"{manifest_path} names an unknown database ({engine}, {dump_name}).")
    for name in (dump_name, MEDIA_ARCHIVE):
        file = path / name
        if name not in checksums:
            raise BackupError(f"The manifest lists no checksum for {name}.")
        if not file.is_file():
            raise BackupError(f"The backup is missing {name}.")
        if _sha256(file) != checksums[name]:
            raise BackupError(
                f"{name} does not match its checksum in the manifest: the backup is damaged."
            )
    return manifest


def restore_backup(path, *, using=DEFAULT_DB_ALIAS):
    """Replace the database and media with the backup at ``path``.

    Returns a dict with the manifest, the counts after restoring and the
    migrations this code has that the restored database lacks (run ``migrate``).
    Raises BackupError, before changing anything, for a bad or mismatched backup,
    and after restoring when the counts differ from the manifest.
    """
    path = Path(path)
    manifest = read_backup(path)
    engine = engine_of(using)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup was taken from {manifest['engine']} and the configured database "
            f"is {engine}: restore it into a {manifest['engine']} database."
        )
    dump = path / manifest["database"]["file"]
    media = path / MEDIA_ARCHIVE
    _check_media_archive(media)
    if engine == "postgresql":
        _pg_check_dump(dump)
        connections[using].close()  # pg_restore must not wait for our own locks
        _pg_restore(connections[using].settings_dict, dump)
    else:
        _sqlite_check_dump(dump)
        _sqlite_restore(using, dump)
    _extract_media(media, Path(settings.MEDIA_ROOT))
    # Cached pages show the database that was just replaced: a story written
    # after the backup would stay readable, an edit undone would stay on show.
    from articles.cache import invalidate

    invalidate(["/*"])

    counts = content_counts(using)
    if counts != manifest["counts"]:
        differences = ", ".join(
            f"{name}: {manifest['counts'].get(name)} in the backup, {counts.get(name)} now"
            for name in sorted(set(counts) | set(manifest["counts"]))
            if counts.get(name) != manifest["counts"].get(name)
        )
        raise BackupError(f"Restored, but the row counts differ from the manifest: {differences}.")
    return {"manifest": manifest, "counts": counts, "unapplied": unapplied_migrations(using)}


def unapplied_migrations(using=DEFAULT_DB_ALIAS):
    """Migrations in the code that the database has not applied, as ``app.name``."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.disk_migrations
        if (app, name) not in loader.applied_migrations
    )


# PostgreSQL ---------------------------------------------------------------------------


def _pg_connection_args(settings_dict):
    args = ["--no-password"]  # never prompt: a backup run by cron must fail, not hang
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    return args


def _pg_environment(settings_dict):
    """The client tools' environment: the password and TLS options, never on argv."""
    environment = os.environ.copy()
    environment.setdefault("PGCONNECT_TIMEOUT", "10")
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in PG_OPTION_ENV.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value is not None:
            environment[variable] = str(value)
    return environment


def _run(command, *, environment=None, what):
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, arguments we built
            command,
            env=environment,
            capture_output=True,
            text=True,
            timeout=PG_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client tools "
            f"(the same major version as the server or newer)."
        ) from error
    except subprocess.TimeoutExpired as error:
        raise BackupError(f"{what} did not finish in {PG_TIMEOUT_SECONDS} seconds.") from error
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-5:]
        raise BackupError(f"{what} failed: " + " / ".join(detail or ["no message"]))
    return result


def _pg_dump(settings_dict, target):
    _run(
        [
            "pg_dump",
            "--format=custom",
            "--file",
            str(target),
            *_pg_connection_args(settings_dict),
            "--dbname",
            str(settings_dict["NAME"]),
        ],
        environment=_pg_environment(settings_dict),
        what="pg_dump",
    )


def _pg_check_dump(dump):
    """``pg_restore --list`` reads the archive's table of contents without a database."""
    try:
        _run(["pg_restore", "--list", str(dump)], what="pg_restore --list")
    except BackupError as error:
        if "is not installed" in str(error):
            raise
        raise BackupError(
            f"{dump.name} is not a pg_dump custom-format archive, so it cannot be restored."
        ) from error


def _pg_restore(settings_dict, dump):
    # One transaction: a restore that fails half-way leaves the database as it was.
    # Owners and grants are dropped so a dump moves between servers and roles.
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            *_pg_connection_args(settings_dict),
            "--dbname",
            str(settings_dict["NAME"]),
            str(dump),
        ],
        environment=_pg_environment(settings_dict),
        what="pg_restore",
    )


# SQLite -------------------------------------------------------------------------------


def _sqlite_dump(using, target):
    """Copy the live database page by page; SQLite keeps the copy consistent."""
    connection = connections[using]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _sqlite_check_dump(dump):
    try:
        copy = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (result,) = copy.execute("PRAGMA quick_check").fetchone()
            has_migrations = copy.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{dump.name} is not a SQLite database ({error}).") from error
    if result != "ok" or not has_migrations:
        raise BackupError(f"{dump.name} is not a complete newsroom database.")


def _sqlite_restore(using, dump):
    """Copy the backup into the live database with the backup API.

    The live connection is written in place, so it works for a file and for the
    in-memory database the tests use alike.
    """
    connection = connections[using]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Cannot restore inside a transaction.")
    source = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# Media --------------------------------------------------------------------------------


def _archive_media(media_root, target):
    """Pack every regular file under ``media_root``; return how many and their size."""
    files = total = 0
    with tarfile.open(target, "w:gz") as archive:
        if media_root.is_dir():
            for file in sorted(media_root.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    archive.add(file, arcname=file.relative_to(media_root).as_posix())
                    files += 1
                    total += file.stat().st_size
    return {"files": files, "bytes": total}


def _check_media_archive(media):
    try:
        with tarfile.open(media, "r:gz") as archive:
            archive.getmembers()
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{media.name} is not a readable gzip tar archive ({error}).") from error


def _extract_media(media, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(media, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out of the folder
        # and device files, so a doctored archive cannot write outside MEDIA_ROOT.
        archive.extractall(media_root, filter="data")  # noqa: S202


# Helpers ------------------------------------------------------------------------------


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _free_name(folder, name):
    candidate, n = folder / name, 1
    while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
        n += 1
        candidate = folder / f"{name}-{n}"
    return candidate
