"""What a page-cache hit costs next to Django returning fixed bytes.

    .venv/bin/python bench/hitpath.py inprocess [--requests 3000] [--profile story|story-uncached]
    .venv/bin/python bench/hitpath.py wrk [--duration 5] [--rounds 3]
    valgrind --tool=callgrind .venv/bin/python bench/hitpath.py repeat --requests 30 [--page home]

Every mode uses ``bench.settings`` (production settings plus the fixed-bytes
view) with ``DEBUG`` off, against a PostgreSQL database of their own
(``newsroom_hitpath``, created, migrated and seeded with 500 stories if it is
missing) and Redis (``--redis``, a database number of its own; ``--cache
locmem`` to measure the per-process cache instead).

``inprocess`` calls the WSGI application (``newsroom.wsgi.application``) with a
prepared environ, thousands of times per URL, and prints the CPU time of one
request: the fixed-bytes view with the page cache off (as ``bench/run.py``
measures its yardstick), the story and home pages answered from the page
cache, and the story page built with the page cache off. ``--profile`` runs
one of them under cProfile.

``repeat`` makes ``--requests`` requests for one page (``--page``) in-process
and prints nothing: run it under ``valgrind --tool=callgrind``, once with
``--requests 0`` for the start-up, and the difference in instructions divided
by the requests is what one request costs. Taken in the same minutes for two
versions of the code, these counts compare them where CPU times on a shared
machine cannot (docs/performance.md).

``wrk`` starts two gunicorns (2 sync workers each): one with the page cache off
for the yardstick, one with it on (and, with ``--baseline DIR``, a third from
another checkout of the code), and alternates ``wrk -t2 -c32`` runs over
the three URLs for ``--rounds`` rounds, so a burst of load from elsewhere on the
machine hits every row alike. It prints the median req/s of each, and the CPU
time the workers (and, for the page cache, Redis) spent per request, which
other load on the machine disturbs far less than req/s.

Figures, not pass/fail: on a shared machine every timing is noisy.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
WORKDIR = Path(tempfile.gettempdir()) / "newsroom-hitpath"
FIXED_PATH = "/__bench/fixed/"


def environment(args, **extra):
    """The benchmark's environment (``bench.run.base_env``) with this script's own stores."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.run import base_env

    env = base_env(
        args.database,
        STATIC_ROOT=str(WORKDIR / "static"),
        MEDIA_ROOT=str(WORKDIR / "media"),
        BENCH_FIXED_FILE=str(WORKDIR / "story.html"),
        CACHE_KEY_PREFIX="newsroom-hitpath",
        PAGE_CACHE_ENABLED="1",
    )
    if args.cache == "redis":
        env["REDIS_URL"] = args.redis
    env.update(extra)
    return env


def manage(env, *arguments):
    subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, capture_output=True
    )


def prepare(args):
    """A seeded database, collected static files and the fixed bytes (the story page)."""
    import psycopg2

    WORKDIR.mkdir(exist_ok=True)
    server, name = args.database.rsplit("/", 1)
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    env = environment(args, DEBUG="1", DJANGO_SETTINGS_MODULE="newsroom.settings")
    if not exists:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_articles", "--count", "500")
    if not (WORKDIR / "static" / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v0")


def story_path():
    from articles.models import Article

    public = Article.objects.published().select_related("section").order_by("-published_at")
    return public[len(public) // 2].get_absolute_url()


# In-process --------------------------------------------------------------------------


def environ_for(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "8116",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": HOST,
        "HTTP_HOST": f"{HOST}:8116",
        "HTTP_USER_AGENT": "wrk",
        "HTTP_ACCEPT": "*/*",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(application, environ):
    """One request as gunicorn makes it: fresh environ, body read, response closed."""
    started = []
    request = dict(environ)
    request["wsgi.input"] = io.BytesIO(b"")
    result = application(request, lambda status, headers, exc_info=None: started.append(status))
    body = b"".join(result)
    result.close()
    return started[0], body


def cpu_microseconds(application, environ, requests, repeats=5):
    """Median over ``repeats`` of the CPU time of one request, in microseconds."""
    samples = []
    for _ in range(repeats):
        began = time.process_time()
        for _ in range(requests):
            call(application, environ)
        samples.append((time.process_time() - began) / requests * 1e6)
    return statistics.median(samples), min(samples)


def setup_inprocess(args, **extra):
    """Django set up as the benchmark's gunicorn has it, and the story page's path."""
    os.environ.update(environment(args, **extra))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return story_path()


def inprocess(args):
    story = setup_inprocess(args)
    from django.conf import settings

    from articles import cache as page_cache
    from newsroom.wsgi import application

    page_cache.page_cache().clear()
    status, page = call(application, environ_for(story))
    assert status.startswith("200"), status
    Path(os.environ["BENCH_FIXED_FILE"]).write_bytes(page)

    rows = [("Django, fixed bytes (page cache off)", FIXED_PATH, False)]
    rows += [("story from the page cache", story, True), ("home from the page cache", "/", True)]
    rows += [("story, page cache off", story, False)]
    results = {}
    for label, path, cached in rows:
        settings.PAGE_CACHE_ENABLED = cached
        environ = environ_for(path)
        status, _ = call(application, environ)  # the miss that stores it
        status, _ = call(application, environ)
        assert status.startswith("200"), (path, status)
        results[label] = cpu_microseconds(application, environ, args.requests)
    settings.PAGE_CACHE_ENABLED = True

    print(f"CPU time per request, {args.requests} requests x 5 (cache: {args.cache})")
    print("| what | median µs | best µs | fixed bytes / this |")
    print("|---|---:|---:|---:|")
    fixed = results[rows[0][0]][0]
    for label, (median, best) in results.items():
        print(f"| {label} | {median:.0f} | {best:.0f} | {fixed / median:.0%} |")

    if args.profile:
        path = {"story": story, "home": "/", "fixed": FIXED_PATH, "story-uncached": story}[
            args.profile
        ]
        settings.PAGE_CACHE_ENABLED = args.profile in ("story", "home")
        environ = environ_for(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            call(application, environ)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile_lines)


def repeat(args):
    """``--requests`` requests for ``--page``, after five that compile templates and fill caches."""
    # Under valgrind a run takes minutes: one database connection throughout,
    # rather than a new one each minute whose setting up would count as the page's.
    story = setup_inprocess(args, CONN_MAX_AGE="3600")
    from django.conf import settings

    from newsroom.wsgi import application

    path = "/" if args.page == "home" else story
    settings.PAGE_CACHE_ENABLED = args.page in ("story", "home")
    environ = environ_for(path)
    for _ in range(5):
        status, _ = call(application, environ)
        assert status.startswith("200"), (path, status)
    for _ in range(args.requests):
        call(application, environ)


# wrk ---------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, env, port, checkout=ROOT):
        self.port = port
        self.process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "newsroom.wsgi", "--workers", "2", "--worker-class", "sync",
             "--bind", f"{HOST}:{port}", "--log-level", "warning"],
            cwd=checkout, env=env, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if fetch(port, "/robots.txt") is not None:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on {port}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def fetch(port, path):
    import http.client

    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    except OSError:
        return None


def children(pid):
    """The processes ``pid`` started (gunicorn's workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def cpu_seconds(pids):
    """User and system CPU time used so far by ``pids``."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(port, path, duration, pids, redis_pids):
    """Requests per second, the CPU milliseconds ``pids`` spent per request, and
    the part of it Redis spent.

    The CPU figures depend far less on what else the machine is doing than the
    rate: they are the ones to compare on a shared machine.
    """
    cpu_before = cpu_seconds(pids)
    redis_before = cpu_seconds(redis_pids)
    output = subprocess.run(  # noqa: S603
        [shutil.which("wrk"), "-t2", "-c32", f"-d{duration}s", f"http://{HOST}:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout
    cpu = cpu_seconds(pids) - cpu_before
    redis_cpu = cpu_seconds(redis_pids) - redis_before
    if "Non-2xx" in output:
        raise RuntimeError(f"{path} answered errors:\n{output}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, cpu / requests * 1000, redis_cpu / requests * 1000


def load(args):
    redis_server = None
    if args.cache == "redis":
        # A Redis of our own, so its CPU time is this benchmark's alone.
        redis_port = args.port + 3
        redis_server = subprocess.Popen(  # noqa: S603
            [shutil.which("redis-server"), "--port", str(redis_port), "--bind", HOST,
             "--save", "", "--appendonly", "no", "--dir", str(WORKDIR)],
            stdout=subprocess.DEVNULL, start_new_session=True,
        )
        args.redis = f"redis://{HOST}:{redis_port}/0"
        time.sleep(0.5)
    try:
        measure_load(args, [redis_server.pid] if redis_server else [])
    finally:
        if redis_server:
            redis_server.terminate()
            redis_server.wait(10)


def measure_load(args, redis_pids):
    env = environment(args)
    subprocess_env = {**env, "PYTHONPATH": str(ROOT)}
    story = subprocess.run(  # noqa: S603
        [PYTHON, "-c", "import django; django.setup(); from bench.hitpath import story_path; "
         "print(story_path())"],
        cwd=ROOT, env=subprocess_env, check=True, capture_output=True, text=True,
    ).stdout.strip()
    plain = Gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, args.port)
    try:
        Path(env["BENCH_FIXED_FILE"]).write_bytes(fetch(args.port, story)[1])
        cached = Gunicorn(env, args.port + 1)
        # The same rows served by another checkout (e.g. the commit before a
        # change), on the same database, cache and machine, in the same rounds.
        baseline = None
        if args.baseline:
            baseline = Gunicorn(
                {**env, "CACHE_KEY_PREFIX": "newsroom-hitpath-baseline"},
                args.port + 2,
                checkout=Path(args.baseline),
            )
        try:
            rows = [
                ("Django, fixed bytes (page cache off)", args.port, FIXED_PATH),
                ("story from the page cache", args.port + 1, story),
                ("home from the page cache", args.port + 1, "/"),
            ]
            if baseline:
                rows += [
                    ("baseline: story from the page cache", args.port + 2, story),
                    ("baseline: home from the page cache", args.port + 2, "/"),
                ]
            for _, port, path in rows:
                # Each worker stores its own copy with a per-process cache.
                answers = [fetch(port, path) for _ in range(6)]
                assert all(status == 200 for status, _, _ in answers), path
                if port != args.port:
                    hits = [headers.get("X-Page-Cache") for _, _, headers in answers]
                    assert "hit" in hits, (path, hits)
            servers = {args.port: plain, args.port + 1: cached, args.port + 2: baseline}
            workers = {
                port: children(server.process.pid) + (redis_pids if port != args.port else [])
                for port, server in servers.items()
                if server
            }
            rates = {label: [] for label, _, _ in rows}
            cpu = {label: [] for label, _, _ in rows}
            redis_cpu = {label: [] for label, _, _ in rows}
            for _ in range(args.rounds):
                for label, port, path in rows:
                    rate, milliseconds, in_redis = wrk(
                        port, path, args.duration, workers[port],
                        redis_pids if port != args.port else [],
                    )
                    rates[label].append(rate)
                    cpu[label].append(milliseconds)
                    redis_cpu[label].append(in_redis)
        finally:
            cached.stop()
            if baseline:
                baseline.stop()
    finally:
        plain.stop()
    fixed = statistics.median(rates[rows[0][0]])
    fixed_cpu = statistics.median(cpu[rows[0][0]])
    print(f"wrk -t2 -c32 -d{args.duration}s, {args.rounds} rounds, gunicorn 2 sync workers "
          f"(cache: {args.cache}); load average after: {os.getloadavg()[0]:.1f}")
    print("| what | median req/s | each round | share of fixed bytes | CPU ms per request "
          "(workers + Redis) | of which Redis | share by CPU |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for label, values in rates.items():
        median = statistics.median(values)
        rounds = ", ".join(f"{value:,.0f}" for value in values)
        milliseconds = statistics.median(cpu[label])
        print(f"| {label} | {median:,.0f} | {rounds} | {median / fixed:.0%} | "
              f"{milliseconds:.3f} | {statistics.median(redis_cpu[label]):.3f} | "
              f"{fixed_cpu / milliseconds:.0%} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["inprocess", "repeat", "wrk"])
    parser.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/newsroom_hitpath"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", choices=["story", "home", "fixed", "story-uncached"])
    parser.add_argument(
        "--page", choices=["story", "home", "story-uncached"], default="story-uncached"
    )
    parser.add_argument("--profile-lines", type=int, default=35)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8116, help="and the next two")
    parser.add_argument("--baseline", help="wrk: also measure this checkout's page cache")
    args = parser.parse_args()
    prepare(args)
    if args.mode == "inprocess":
        inprocess(args)
    elif args.mode == "repeat":
        repeat(args)
    else:
        load(args)


if __name__ == "__main__":
    main()
