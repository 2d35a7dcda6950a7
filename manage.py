#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
import traceback


def failed_to_connect(error):
    """Whether ``error`` was raised while opening a database connection.

    Only then is it about the server (down, wrong address, refused sign-in);
    an error from a query that ran (a missing table, a lock) keeps its
    traceback, which says where it came from.
    """
    return any(
        frame.name == "get_new_connection" for frame in traceback.extract_tb(error.__traceback__)
    )


# Commands that read only the code, the models and the migration files: they
# use no secret, so a checkout with none set (a reviewer's shell, a CI step)
# can still ask whether its migrations match its models.
CODE_ONLY_COMMANDS = frozenset({"makemigrations"})
# Commands that serve no page: they need no host name (collectstatic in an
# image build, where the site's host names are not known yet).
SERVES_NOTHING_COMMANDS = CODE_ONLY_COMMANDS | {"collectstatic"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command in CODE_ONLY_COMMANDS:
        os.environ.setdefault("SECRET_KEY", "unused: this command signs nothing")
    if command in SERVES_NOTHING_COMMANDS:
        os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    from django.conf import settings
    from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        try:
            execute_from_command_line(sys.argv)
        except AppRegistryNotReady:
            # Django keeps a settings error to itself for commands such as
            # makemigrations and fails later, saying only that the models
            # are not loaded: the settings error is the one to show.
            settings.INSTALLED_APPS  # noqa: B018 (raises the settings' own error, if any)
            raise
    except ImproperlyConfigured as error:
        # A setting the environment got wrong (no SECRET_KEY, a bad DATABASE_URL):
        # the message says what to do; a page of traceback above it hid it.
        if "--traceback" in sys.argv:
            raise
        sys.exit(f"Configuration error: {error}")
    except OperationalError as error:
        # PostgreSQL down or unreachable: the driver's own words say which
        # server and why; a page of Django's connection code above them did not.
        if "--traceback" in sys.argv or not failed_to_connect(error):
            raise
        message = " ".join(str(error).split())
        sys.exit(
            f"Database unavailable: {message}\n"
            "Start the database server, or check DATABASE_URL (unset, the SQLite file is used)."
        )


if __name__ == "__main__":
    main()
