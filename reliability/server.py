"""What the reliability scripts share: a seeded database, a live gunicorn, and probes.

The scripts measure the site as it runs in production (DEBUG off, gunicorn with
sync workers, collected static files, PostgreSQL), never Django's test client.
They are run by hand, not by CI, and every wait in them is bounded.
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/newsroom_reliability"
# Production sits behind a TLS-terminating proxy that says so in this header;
# without it the site (rightly) redirects every request to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
STORY_LINK = re.compile(r'href="(/[a-z0-9-]+/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/)"')


def run(command, env=None, timeout=600):
    """Run a command in the checkout; stop the script with its output if it fails."""
    result = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def base_environment(database_url, **extra):
    """A production-like environment: DEBUG off, a throwaway key, local hosts only."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(Path(tempfile.gettempdir()) / "newsroom-reliability-static"),
        MEDIA_ROOT=str(Path(tempfile.gettempdir()) / "newsroom-reliability-media"),
        LOG_LEVEL="ERROR",
    )
    environment.update({key: str(value) for key, value in extra.items()})
    return environment


def prepare(database_url):
    """Make the database afresh (drop, create, migrate, load_demo) and collect static files.

    Starting from nothing each time keeps runs comparable and the media folder in
    step with the rows that point at it.
    """
    parts = urlsplit(database_url)
    connection = [
        "--host",
        parts.hostname or "127.0.0.1",
        "--port",
        str(parts.port or 5432),
        "--username",
        parts.username or "postgres",
        "--no-password",
    ]
    client_environment = {**os.environ, "PGPASSWORD": parts.password or ""}
    name = parts.path.lstrip("/")
    for tool, extra in (("dropdb", ["--if-exists"]), ("createdb", [])):
        run(
            [shutil.which(tool) or f"/usr/bin/{tool}", *connection, *extra, name],
            env=client_environment,
        )
    environment = base_environment(database_url)
    shutil.rmtree(environment["MEDIA_ROOT"], ignore_errors=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=environment)
    run([PYTHON, "manage.py", "load_demo", "--force"], env=environment)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=environment)


@dataclass
class Reply:
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    seconds: float
    headers: dict = field(default_factory=dict)
    body: str = ""
    error: str = ""


def fetch(url, timeout=10):
    """GET ``url``; never raises, never waits longer than ``timeout``."""
    started = time.monotonic()
    request = urllib.request.Request(url, headers=PROXY_HEADERS)  # noqa: S310 - local
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local
            body = response.read().decode("utf-8", "replace")
            status, headers = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        status, headers = error.code, dict(error.headers)
    except (OSError, urllib.error.URLError) as error:
        return Reply(None, time.monotonic() - started, error=type(error).__name__)
    return Reply(status, time.monotonic() - started, headers, body)


def story_urls(base):
    """Story addresses linked from the home page, in page order."""
    seen = []
    for path in STORY_LINK.findall(fetch(base + "/").body):
        if path not in seen:
            seen.append(path)
    if not seen:
        sys.exit("The home page links to no story: is the database seeded?")
    return seen


def worker_pids(master_pid):
    """PIDs of the gunicorn master's children (its workers), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: split after it.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == master_pid:
            children.append(int(entry.name))
    return sorted(children)


def rss_mib(pid):
    """Resident memory of ``pid`` in MiB (VmRSS), or None once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Gunicorn:
    """gunicorn with two sync workers on 127.0.0.1, started and stopped by a ``with``."""

    def __init__(self, port, database_url, workers=2, wait_for="/", **settings):
        self.port = port
        self.wait_for = wait_for  # the page that must answer before measuring starts
        self.base = f"http://127.0.0.1:{port}"
        self.environment = base_environment(database_url, **settings)
        self.workers = workers
        self.log = Path(tempfile.gettempdir()) / f"newsroom-reliability-gunicorn-{port}.log"

    def __enter__(self):
        self.log.write_text("")
        self.process = subprocess.Popen(  # noqa: S603 - our own server
            [
                PYTHON,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--timeout",
                "30",
                "--log-level",
                "info",
                "--error-logfile",
                str(self.log),
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited at start; see {self.log}:\n{self.log.read_text()}")
            if (
                len(self.pids()) == self.workers
                and fetch(self.base + self.wait_for, timeout=30).status
            ):
                return self
            time.sleep(0.3)
        self.stop()
        sys.exit(f"gunicorn did not answer within 30 seconds; see {self.log}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def pids(self):
        return worker_pids(self.process.pid)

    def boots(self):
        """How many workers the master has started so far (2 means none restarted)."""
        return self.log.read_text().count("Booting worker")

    def timeouts(self):
        return self.log.read_text().count("WORKER TIMEOUT")
