"""Settings read from the environment, checked in a fresh interpreter each time.

Settings are evaluated once per process, so each case starts a subprocess with
exactly the environment it describes (nothing inherited from the test run).
"""

import ast
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

BASE_DIR = Path(settings.BASE_DIR)

REPORT = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "HOST": db.get("HOST", ""),
    "PORT": db.get("PORT", ""), "USER": db.get("USER", ""),
    "TIME_ZONE": settings.TIME_ZONE, "USE_TZ": settings.USE_TZ, "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "PASSWORD_HASHER": settings.PASSWORD_HASHERS[0],
}))
"""


def run_settings(script=REPORT, **environ):
    """Run ``script`` with the settings imported under ``environ`` alone; the finished process."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **environ,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_manage(*args, timeout=60, **environ):
    """Run ``manage.py args`` under ``environ`` alone; the finished process.

    ``timeout`` only stops a command that hangs: it is no speed goal.
    """
    env = {"PATH": os.environ.get("PATH", ""), **environ}
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# The least a production site (DEBUG off) starts with.
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "news.example"}


def settings_under(**environ):
    result = run_settings(**environ)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return json.loads(result.stdout)


class ProductionSafetyTests(SimpleTestCase):
    def test_no_secret_key_without_debug_stops_with_a_clear_message(self):
        result = run_settings()
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ImproperlyConfigured", result.stderr)
        self.assertIn("SECRET_KEY is not set", result.stderr)

    def test_debug_allows_the_development_key(self):
        self.assertTrue(settings_under(DEBUG="1")["DEBUG"])

    def test_production_defaults_are_closed(self):
        """With DEBUG off cookies are HTTPS-only."""
        values = settings_under(**PRODUCTION)
        self.assertFalse(values["DEBUG"])
        self.assertTrue(values["SESSION_COOKIE_SECURE"])

    def test_no_allowed_hosts_without_debug_stops_with_a_clear_message(self):
        """An empty list answered every page with 400 while /healthz said 200,
        so a load balancer kept sending readers to a site that refused them."""
        for blank in ("", " , "):
            with self.subTest(blank=blank):
                result = run_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS=blank)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("ImproperlyConfigured: ALLOWED_HOSTS is not set", result.stderr)

    def test_passwords_are_hashed_slowly_outside_the_test_suite(self):
        """Only `manage.py test` swaps in the fast hasher; a site, DEBUG or not, keeps PBKDF2."""
        pbkdf2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"
        self.assertEqual(settings_under(**PRODUCTION)["PASSWORD_HASHER"], pbkdf2)
        self.assertEqual(settings_under(DEBUG="1")["PASSWORD_HASHER"], pbkdf2)

    def test_allowed_hosts_from_the_environment(self):
        values = settings_under(SECRET_KEY="x" * 50, ALLOWED_HOSTS="news.example, www.news.example")
        self.assertEqual(values["ALLOWED_HOSTS"], ["news.example", "www.news.example"])

    def test_trusted_origins_written_as_host_names_are_their_https_origins(self):
        """Django needs the scheme; the host names an operator lists mean HTTPS here."""
        values = settings_under(
            **PRODUCTION,
            CSRF_TRUSTED_ORIGINS=(
                "news.example, .news.example, https://desk.news.example, http://localhost:8000"
            ),
        )
        self.assertEqual(
            values["CSRF_TRUSTED_ORIGINS"],
            [
                "https://news.example",
                "https://*.news.example",
                "https://desk.news.example",
                "http://localhost:8000",
            ],
        )


class DatabaseAndTimeTests(SimpleTestCase):
    def test_database_url_is_honoured(self):
        values = settings_under(
            DEBUG="1", DATABASE_URL="postgres://desk:secret@db.internal:5433/newsroom_live"
        )
        self.assertEqual(values["ENGINE"], "django.db.backends.postgresql")
        self.assertEqual(
            (values["NAME"], values["HOST"], values["PORT"], values["USER"]),
            ("newsroom_live", "db.internal", 5433, "desk"),
        )

    def test_without_database_url_a_sqlite_file_in_the_checkout(self):
        for environ in ({}, {"DATABASE_URL": ""}):  # set but empty counts as unset
            with self.subTest(environ):
                values = settings_under(DEBUG="1", **environ)
                self.assertEqual(values["ENGINE"], "django.db.backends.sqlite3")
                self.assertEqual(values["NAME"], str(BASE_DIR / "db.sqlite3"))

    def test_a_bad_database_url_says_what_to_write_and_not_the_password(self):
        for variable, url in (
            ("DATABASE_URL", "not-a-url"),
            ("DATABASE_URL", "postgress://desk:s3cret@db:5432/news"),
            ("DATABASE_REPLICA_URL", "mysq://desk:s3cret@replica/news"),
        ):
            with self.subTest(url):
                result = run_settings(DEBUG="1", **{variable: url})
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(f"{variable} is not a database address", result.stderr)
                self.assertIn("postgres://user:password@host:5432/name", result.stderr)
                self.assertNotIn("s3cret", result.stderr)

    def test_a_number_that_is_not_one_names_its_variable(self):
        """ "10MB" stopped start-up with "invalid literal for int()", naming no variable."""
        for variable, value in (
            ("IMAGE_UPLOAD_MAX_BYTES", "10MB"),
            ("DB_CONNECT_TIMEOUT", "5s"),
            ("TRUSTED_PROXY_COUNT", "one"),
            ("REPLICA_LAG_SECONDS", "nan"),
            ("CACHE_PURGE_TIMEOUT", "inf"),
        ):
            with self.subTest(variable):
                result = run_settings(DEBUG="1", **{variable: value})
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(f"{variable} must be", result.stderr)
                self.assertIn(repr(value), result.stderr)
                self.assertNotIn("invalid literal", result.stderr)

    def test_numbers_are_read_and_empty_means_the_default(self):
        script = (
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.IMAGE_UPLOAD_MAX_BYTES, settings.REPLICA_LAG_SECONDS, "
            "settings.DB_CONNECT_TIMEOUT)"
        )
        result = run_settings(
            script,
            DEBUG="1",
            IMAGE_UPLOAD_MAX_BYTES=" 2048 ",
            REPLICA_LAG_SECONDS="2.5",
            DB_CONNECT_TIMEOUT="",
        )
        self.assertEqual(result.stdout.split(), ["2048", "2.5", "5"], result.stderr)

    def test_a_log_message_is_printed_once_under_debug(self):
        """Django's console handler and the root's both printed "Not Found: /x/" under DEBUG."""
        script = (
            "import logging, django; django.setup(); "
            "logging.getLogger('django.request').warning('Not Found: /x/')"
        )
        result = run_settings(script, DEBUG="1")
        self.assertEqual(result.stderr.count("Not Found: /x/"), 1, result.stderr)


class EmptyMeansUnsetTests(SimpleTestCase):
    """``NAME=`` is the default, for every variable, as it was for DATABASE_URL."""

    def test_empty_values_read_as_unset(self):
        """An empty MEDIA_ROOT was the current folder: ``backup`` packed the whole checkout."""
        script = (
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps({"
            "'MEDIA_ROOT': str(settings.MEDIA_ROOT), 'STATIC_ROOT': str(settings.STATIC_ROOT), "
            "'TIME_ZONE': settings.TIME_ZONE, 'NEWSROOM_NAME': settings.NEWSROOM_NAME, "
            "'NEWSROOM_TAGLINE': settings.NEWSROOM_TAGLINE, "
            "'NEWSROOM_LOCALE': settings.NEWSROOM_LOCALE, "
            "'KEY_PREFIX': settings.CACHES['default']['KEY_PREFIX'], "
            "'CACHE_PURGE_METHOD': settings.CACHE_PURGE_METHOD, "
            "'LOG_LEVEL': settings.LOGGING['root']['level'], "
            "'AXES_ENABLED': settings.AXES_ENABLED, "
            "'SESSION_COOKIE_SECURE': settings.SESSION_COOKIE_SECURE}))"
        )
        emptied = (
            "MEDIA_ROOT", "STATIC_ROOT", "TIME_ZONE", "NEWSROOM_NAME", "NEWSROOM_TAGLINE",
            "NEWSROOM_LOCALE", "CACHE_KEY_PREFIX", "CACHE_PURGE_METHOD", "LOG_LEVEL",
            "AXES_ENABLED", "SESSION_COOKIE_SECURE", "MEDIA_BUCKET",
        )
        for blank in ("", "  "):
            with self.subTest(blank=blank):
                result = run_settings(
                    script,
                    **PRODUCTION,
                    # The Redis cache is only configured, never reached, here.
                    REDIS_URL="redis://127.0.0.1:6379/0",
                    **dict.fromkeys(emptied, blank),
                )
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(
                    json.loads(result.stdout),
                    {
                        "MEDIA_ROOT": str(BASE_DIR / "media"),
                        "STATIC_ROOT": str(BASE_DIR / "staticfiles"),
                        "TIME_ZONE": "UTC",
                        "NEWSROOM_NAME": "Newsroom",
                        "NEWSROOM_TAGLINE": "World news, checked and sourced",
                        "NEWSROOM_LOCALE": "en_GB",
                        "KEY_PREFIX": "newsroom",
                        "CACHE_PURGE_METHOD": "PURGE",
                        "LOG_LEVEL": "WARNING",
                        # Empty had meant "off" for yes/no settings, defaults on.
                        "AXES_ENABLED": True,
                        "SESSION_COOKIE_SECURE": True,
                    },
                )

    def test_set_values_are_still_read(self):
        script = (
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps([str(settings.MEDIA_ROOT), settings.NEWSROOM_NAME, "
            "settings.LOGGING['root']['level']]))"
        )
        result = run_settings(
            script, DEBUG="1", MEDIA_ROOT="/srv/newsroom/media", NEWSROOM_NAME="The Daily",
            LOG_LEVEL="info",
        )
        self.assertEqual(
            json.loads(result.stdout), ["/srv/newsroom/media", "The Daily", "INFO"], result.stderr
        )


class StartUpChecksTests(SimpleTestCase):
    """A time zone or log level that cannot work stops start-up with one line naming it."""

    def manage(self, *args, **environ):
        return run_manage(*args, **environ)

    def test_a_time_zone_that_is_not_one_is_a_configuration_error(self):
        """ "Mars/Base" was Django's bare ValueError.

        An empty value, or a path ("/etc/localtime"), passed ``check --deploy`` and
        then every page was a 500 ("ZoneInfo keys must be normalized relative paths").
        """
        for value in ("Mars/Base", "/etc/localtime", "Europe/../UTC"):
            with self.subTest(value):
                result = self.manage("check", DEBUG="1", TIME_ZONE=value)
                self.assertEqual(result.returncode, 1)
                self.assertEqual(
                    result.stderr.strip(),
                    f"Configuration error: TIME_ZONE is not a time zone (it is {value!r}); "
                    "write a name from the tz database such as Europe/Brussels or UTC, "
                    "or leave it unset for the default (UTC).",
                )

    def test_a_locale_that_is_not_one_is_a_configuration_error(self):
        """Every share card would have named it, or the site would have failed on each page."""
        for value in ("en-GB", "en", "english", "EN_gb"):
            with self.subTest(value):
                result = self.manage("check", DEBUG="1", NEWSROOM_LOCALE=value)
                self.assertEqual(result.returncode, 1)
                self.assertEqual(
                    result.stderr.strip(),
                    f"Configuration error: NEWSROOM_LOCALE is not a locale (it is {value!r}); "
                    "write a language and a territory as Open Graph does, such as en_GB, "
                    "en_US or fr_CA, or leave it unset for the default (en_GB).",
                )

    def test_a_log_level_that_is_not_one_is_a_configuration_error(self):
        """ "verbose" crashed every command with "Unable to configure root logger"."""
        result = self.manage("check", DEBUG="1", LOG_LEVEL="verbose")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(
            result.stderr.strip(),
            "Configuration error: LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, "
            "CRITICAL (it is 'verbose'), or leave it unset for the default (WARNING).",
        )

    def test_pythons_other_level_names_still_start(self):
        """ "WARN" had been read by Python's logging; the new check stopped such a site."""
        for level in ("WARN", "fatal", "NOTSET"):
            with self.subTest(level):
                result = self.manage("check", DEBUG="1", LOG_LEVEL=level)
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_a_yes_no_setting_that_is_neither_is_a_configuration_error(self):
        """ "ture" or "enabled" had read as no: a typo turned HTTPS redirects off."""
        # The cookie flags are read in production only (DEBUG off).
        for name, value, default, environ in (
            ("SECURE_SSL_REDIRECT", "ture", "off", {"DEBUG": "1"}),
            ("SESSION_COOKIE_SECURE", "enabled", "on", PRODUCTION),
        ):
            with self.subTest(name):
                result = self.manage("check", **environ, **{name: value})
                self.assertEqual(result.returncode, 1)
                self.assertEqual(
                    result.stderr.strip(),
                    f"Configuration error: {name} must be yes or no: 1, true, yes or on, "
                    f"or 0, false, no or off (it is {value!r}); or leave it unset for the "
                    f"default ({default}).",
                )

    def test_yes_no_words_are_read_in_any_case(self):
        script = (
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps([settings.SECURE_SSL_REDIRECT, settings.AXES_ENABLED]))"
        )
        for yes, no in (("True", "False"), ("ON", "off"), ("yes", "No"), ("1", "0")):
            with self.subTest(yes=yes, no=no):
                result = run_settings(
                    script, DEBUG="1", SECURE_SSL_REDIRECT=yes, AXES_ENABLED=no
                )
                self.assertEqual(json.loads(result.stdout), [True, False], result.stderr)

    def test_a_secret_key_of_spaces_is_not_set(self):
        result = self.manage("check", SECRET_KEY="   ")
        self.assertEqual(result.returncode, 1)
        self.assertIn("Configuration error: SECRET_KEY is not set.", result.stderr)

    def test_empty_time_zone_and_log_level_start(self):
        result = self.manage("check", DEBUG="1", TIME_ZONE="", LOG_LEVEL="")
        self.assertEqual(result.returncode, 0, result.stderr)


class ManagePyTests(SimpleTestCase):
    def manage(self, *args, **environ):
        return run_manage(*args, **environ)

    def test_a_configuration_error_is_one_line_not_a_traceback(self):
        result = self.manage("check")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(
            result.stderr.strip(),
            "Configuration error: SECRET_KEY is not set. Set the SECRET_KEY environment "
            "variable (or DEBUG=1 for local development).",
        )
        # --traceback still shows where it came from.
        self.assertIn("Traceback", self.manage("check", "--traceback").stderr)

    def test_a_command_django_starts_without_settings_says_the_same_one_line(self):
        """migrate kept the settings error to itself and died on "Models aren't loaded".

        Run with the test run's own environment, less the settings: in a bare
        one Django happened to report the settings error itself.
        """
        result = self.manage("migrate", "--plan", **self.shell_without_settings())
        self.assertEqual(result.returncode, 1)
        self.assertEqual(
            result.stderr.strip(),
            "Configuration error: SECRET_KEY is not set. Set the SECRET_KEY environment "
            "variable (or DEBUG=1 for local development).",
        )
        # help still lists Django's own commands without settings.
        self.assertEqual(self.manage("help").returncode, 0)

    def test_migrations_are_checked_against_the_models_without_a_secret(self):
        """makemigrations reads only code: a plain checkout can run the check."""
        result = self.manage(
            "makemigrations", "--check", "--dry-run", **self.shell_without_settings()
        )
        self.assertEqual((result.returncode, result.stdout.strip()), (0, "No changes detected"))

    def test_static_files_are_collected_without_the_sites_host_names(self):
        """An image is built before the host names it will serve are known."""
        with tempfile.TemporaryDirectory() as static_root:
            # About 7,000 files, each compressed twice: 25 s on a quiet
            # two-core machine, over a minute beside a parallel test run.
            result = self.manage(
                "collectstatic",
                "--noinput",
                "-v0",
                timeout=600,
                SECRET_KEY="x" * 50,
                STATIC_ROOT=static_root,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertTrue(any(Path(static_root).iterdir()))
        # The site itself still will not start without them.
        self.assertIn("ALLOWED_HOSTS is not set", self.manage("check", SECRET_KEY="x" * 50).stderr)

    def shell_without_settings(self):
        unset = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
        return {name: value for name, value in os.environ.items() if name not in unset}

    def test_a_database_that_cannot_be_reached_is_one_line_not_a_traceback(self):
        # A port nothing listens on: the connection is refused at once.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        url = f"postgres://desk:s3cret@127.0.0.1:{port}/news"
        result = self.manage("migrate", DEBUG="1", DATABASE_URL=url)
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("Traceback", result.stderr)
        first, second = result.stderr.strip().splitlines()
        self.assertTrue(first.startswith("Database unavailable: connection to server"), first)
        self.assertIn(f'"127.0.0.1", port {port} failed', first)
        self.assertIn("check DATABASE_URL", second)
        self.assertNotIn("s3cret", result.stderr)
        traced = self.manage("migrate", "--traceback", DEBUG="1", DATABASE_URL=url)
        self.assertIn("Traceback", traced.stderr)

    def test_a_failed_query_keeps_its_traceback(self):
        # Not a connection problem: where it came from is what helps.
        result = self.manage(
            "shell",
            "-c",
            "from django.db import connection; "
            "connection.cursor().execute('SELECT * FROM no_such_table')",
            DEBUG="1",
            DATABASE_URL="sqlite:///:memory:",
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn("Traceback", result.stderr)
        self.assertIn("no such table: no_such_table", result.stderr)
        self.assertNotIn("Database unavailable", result.stderr)

    def test_time_zone_defaults_to_utc_and_datetimes_are_aware(self):
        values = settings_under(DEBUG="1")
        self.assertEqual(values["TIME_ZONE"], "UTC")
        self.assertIs(values["USE_TZ"], True)

    def test_time_zone_from_the_environment(self):
        self.assertEqual(
            settings_under(DEBUG="1", TIME_ZONE="Europe/Brussels")["TIME_ZONE"], "Europe/Brussels"
        )


def variables_read_by_settings():
    """The names of the environment variables newsroom/settings.py reads."""
    tree = ast.parse((BASE_DIR / "newsroom" / "settings.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and re.fullmatch(r"env_\w+|os\.environ\.get", ast.unparse(node.func))
    }


class VariablesListedTests(SimpleTestCase):
    """Each variable the settings read is in the lists kept of them by hand."""

    def test_make_test_unsets_every_deployment_variable(self):
        """A shell's PAGE_CACHE_IGNORED_PARAMS reached the tests, which pin the default list.

        ``make test`` runs without the deployment's variables (the Makefile's
        ``DEPLOYMENT_ENV``), so a variable left off that list changes the
        settings the suite runs under. DATABASE_URL chooses the database and
        DEBUG is set by the Makefile itself.
        """
        makefile = (BASE_DIR / "Makefile").read_text()
        listed = re.search(r"^DEPLOYMENT_ENV :=(.*?)^\S", makefile, re.M | re.S).group(1)
        unset = set(listed.replace("\\", " ").split())
        self.assertEqual(unset, variables_read_by_settings() - {"DATABASE_URL", "DEBUG"})

    def test_every_variable_is_in_the_deployment_guides_table(self):
        """docs/deployment.md's Environment table names each variable read, and no other."""
        guide = (BASE_DIR / "docs" / "deployment.md").read_text()
        table = re.search(r"^## Environment$(.*?)^## ", guide, re.M | re.S).group(1)
        documented = {
            name
            for row in re.findall(r"^\| (`.*?) \|", table, re.M)
            for name in re.findall(r"`([A-Z0-9_]+)`", row)
        }
        self.assertEqual(documented, variables_read_by_settings())
