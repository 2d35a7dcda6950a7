"""Measure the reader site at scale and print the results as Markdown tables.

    .venv/bin/python bench/run.py                      # 1,000 and 100,000 stories
    .venv/bin/python bench/run.py --small 1000 --large 20000 --duration 5

Everything it measures is started here, on 127.0.0.1, and stopped at the end:
PostgreSQL databases of its own (seeded with ``seed_articles`` unless they
already hold the right number of stories), gunicorn with 2 sync workers
(``bench.settings``, which adds a view returning fixed bytes), a private Redis
for the page cache, and nginx with the front-cache configuration from
``deploy/nginx.conf``. Load comes from ``wrk -t2 -c32``.

What it prints (copy it into docs/performance.md with the date and the machine):

1. seeding time for each size;
2. per page, at each size: SQL queries (page cache off) and the median time of
   sequential single requests to gunicorn, the two sizes' requests in turns
   (one gunicorn for each), and the ratio large/small;
3. the admin story list at the large size (queries, median time, in-process);
4. requests per second under wrk: the fixed-bytes view, the story page
   uncached, story and home from the page cache, nginx serving the story as a
   file, story and home through nginx's micro-cache, and the story with a
   new tracking tag (`?fbclid=`) on each request, from the page cache and nginx;
5. how long a published story takes to show on the front page through nginx,
   with the purge hook refreshing nginx's copy and without.

Figures, not pass/fail: the machine is shared and timings are noisy.
Requires wrk, nginx and redis-server (``apt-get install wrk nginx-light redis-server``).
"""

import argparse
import contextlib
import functools
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
# The same figures the goals are written against.
WRK_THREADS, WRK_CONNECTIONS = 2, 32
SEQUENTIAL_REQUESTS = 40
PAGE_TIME_BUDGET = 8  # seconds
ADMIN_REQUESTS = 7


# Processes ---------------------------------------------------------------------------


def check_tools():
    missing = [tool for tool in ("wrk", "nginx", "redis-server") if not find_tool(tool)]
    if missing:
        sys.exit(
            f"Missing: {', '.join(missing)}. Install with: "
            "apt-get install wrk nginx-light redis-server"
        )
    if not Path(GUNICORN).exists():
        sys.exit("gunicorn is missing from .venv: pip install -e . (it is a dependency).")


def find_tool(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def base_env(database_url, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench",  # a throwaway server on 127.0.0.1
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on 127.0.0.1: TLS is the front proxy's job in production.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "NEWSROOM_DOMAIN": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def manage(env, *args, capture=True):
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=1)
            connection.request("GET", "/robots.txt")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Nothing answered on port {port}.")


class Server:
    """A child process started in its own process group and stopped with it."""

    def __init__(self, args, env=None, port=None, log=None):
        self.log = open(log or os.devnull, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(  # noqa: S603
            args, cwd=ROOT, env=env, stdout=self.log, stderr=self.log, start_new_session=True
        )
        if port:
            wait_for_port(port)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def gunicorn(env, port, workdir, log="gunicorn.log"):
    return Server(
        [
            GUNICORN, "newsroom.wsgi", "--workers", "2", "--worker-class", "sync",
            "--bind", f"{HOST}:{port}", "--log-level", "warning",
        ],
        env=env,
        port=port,
        log=workdir / log,
    )


def redis(port, workdir):
    return Server(
        [
            find_tool("redis-server"), "--port", str(port), "--bind", HOST, "--save", "",
            "--appendonly", "no", "--dir", str(workdir),
        ],
        log=workdir / "redis.log",
    )


# Measuring ---------------------------------------------------------------------------


def fetch(port, path, connection=None):
    connection = connection or http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers={"Host": f"{HOST}:{port}"})
    response = connection.getresponse()
    return response.status, response.read(), dict(response.getheaders())


def warm_up(port, path):
    """Three requests to ``path``, the last of which must answer 200."""
    for _ in range(3):
        status, _, _ = fetch(port, path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}.")


def median_ms_in_turns(
    requests, count=SEQUENTIAL_REQUESTS, budget=PAGE_TIME_BUDGET, clock=time.perf_counter
):
    """Median milliseconds of each of ``requests`` (label: a call making one request).

    Timed in turns, one request of each a round, the order reversed every
    other round. The two sizes' pages had been timed minutes apart, and the
    machine's speed drifts by a third within minutes on some machines: a page
    crossed 1.5x in one run and not in the run beside it. In turns, a drift
    slows both sizes alike. ``count`` rounds, or fewer for slow pages (a
    50,000-address sitemap): at least five, then as many as ``budget``
    seconds a size allow.
    """
    times = {label: [] for label in requests}
    order = list(requests)
    deadline = clock() + budget * len(order)
    rounds = 0
    while rounds < count and (rounds < 5 or clock() < deadline):
        for label in order if rounds % 2 == 0 else reversed(order):
            started = clock()
            requests[label]()
            times[label].append((clock() - started) * 1000)
        rounds += 1
    return {label: statistics.median(values) for label, values in times.items()}


# A wrk script giving each request a click id of its own, as every click from
# Facebook brings (``?fbclid=``): the tracking tags both caches leave out.
TAGGED_SCRIPT = """
local counter = 0
request = function()
    counter = counter + 1
    local id = string.format("IwAR%d%d", math.random(1, 1000000000), counter)
    return wrk.format(nil, wrk.path .. "?fbclid=" .. id .. "&utm_source=facebook")
end
"""


def wrk(port, path, duration, script=None):
    output = subprocess.run(  # noqa: S603
        [
            find_tool("wrk"), f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{duration}s",
            *(["-s", str(script)] if script else []),
            f"http://{HOST}:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    note = []
    if errors:
        note.append(f"{errors.group(1)} non-2xx")
    if socket_errors:
        note.append(f"socket errors: {socket_errors.group(1)}")
    return rate, ", ".join(note)


def inner(env, *args):
    """Run this script's in-process part (queries, admin) against ``env``'s database."""
    output = subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--inner", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# Databases ---------------------------------------------------------------------------


def prepare_database(server_url, name, count, years, seed_log):
    """Create and seed ``name`` unless it already holds ``count`` stories over ``years``.

    Returns its URL and the seeding time (None when it was reused).
    """
    url = f"{server_url.rstrip('/')}/{name}"
    env = base_env(url, DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="1")
    existing = None
    if database_exists(server_url, name):
        # Seeded by an earlier release, perhaps: brought to this release's
        # schema first (nothing to do when it is current).
        manage(env, "migrate", "--noinput", "-v0")
        existing = inner(env, "count")
    span_days = 365.25 * years
    if (
        existing is not None
        and existing["stories"] == count
        and abs(existing["days"] - span_days) <= max(2, span_days * 0.05)
    ):
        psql(url, "ANALYZE")
        return url, None
    psql(server_url, f'DROP DATABASE IF EXISTS "{name}"')
    psql(server_url, f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    with open(seed_log, "a") as log:
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "seed_articles", "--count", str(count), "--years", str(years)],
            cwd=ROOT, env=env, check=True, stdout=log, stderr=log,
        )
    seconds = time.monotonic() - started
    # Fresh statistics, as autovacuum would have them on a live site.
    psql(f"{server_url.rstrip('/')}/{name}", "VACUUM ANALYZE")
    return url, seconds


def psql(url, sql, params=None):
    import psycopg2

    connection = psycopg2.connect(url if url.count("/") > 2 else f"{url}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall() if cursor.description else None
    connection.close()
    return rows


def database_exists(server_url, name):
    return bool(psql(server_url, "SELECT 1 FROM pg_database WHERE datname = %s", [name]))


# nginx -------------------------------------------------------------------------------


def nginx_config(
    workdir, nginx_port, static_port, app_port, static_root, media_root, refresh_port
):
    """deploy/nginx.conf made runnable here: our ports, folders and a static-file server."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = (
        site.replace("listen 80;", f"listen {HOST}:{nginx_port};")
        .replace("listen 127.0.0.1:8079;", f"listen {HOST}:{refresh_port};")
        .replace("server_name newsroom.example;", "server_name _;")
        .replace("127.0.0.1:8000", f"{HOST}:{app_port}")
        .replace("/srv/newsroom/staticfiles/", f"{static_root}/")
        .replace("/srv/newsroom/media/", f"{media_root}/")
        .replace("/var/cache/nginx/newsroom", str(workdir / "nginx-cache"))
    )
    mime_types = "/etc/nginx/mime.types"
    config = f"""
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime_types};
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
{site}
    server {{
        listen {HOST}:{static_port};
        root {workdir}/static-site;
    }}
}}
"""
    path = workdir / "nginx.conf"
    path.write_text(config)
    return path


# The run -----------------------------------------------------------------------------


def pages(env):
    """The addresses measured, picked from the seeded database."""
    return inner(env, "urls")


def measure_pages(envs, ports, workdir):
    """Each page's queries and median time at each size, the sizes timed in turns.

    ``envs`` and ``ports``: by size label. Returns ``{label: {page: {"queries", "ms"}}}``.
    """
    urls = {label: pages(env) for label, env in envs.items()}
    queries = {label: inner(env, "queries", *urls[label].values()) for label, env in envs.items()}
    results = {label: {} for label in envs}
    with contextlib.ExitStack() as servers:
        for label, env in envs.items():
            servers.enter_context(gunicorn(env, ports[label], workdir, f"gunicorn-{label}.log"))
        for name in next(iter(urls.values())):
            for label in envs:
                warm_up(ports[label], urls[label][name])
            medians = median_ms_in_turns(
                {
                    label: functools.partial(fetch, ports[label], urls[label][name])
                    for label in envs
                }
            )
            for label in envs:
                path = urls[label][name]
                results[label][name] = {"queries": queries[label][path], "ms": medians[label]}
    return results


def run(args):
    check_tools()
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    # nginx's workers run as an unprivileged user: they must read the files here
    # (and nginx creates its cache and temp folders itself, owned by that user).
    workdir.chmod(0o755)
    media_root = workdir / "media"
    static_root = workdir / "static"
    lines = [f"Benchmark run on {datetime.now(UTC):%Y-%m-%d %H:%M UTC}: `{' '.join(sys.argv)}`", ""]
    try:
        sizes = {"small": args.small, "large": args.large}
        urls_by_size, seeding = {}, {}
        for label, count in sizes.items():
            size = f"{count // 1000}k" if count % 1000 == 0 else str(count)
            name = f"{args.db_prefix}_{size}"
            print(f"Preparing {name} ({count} stories)…", flush=True)
            # The same stories per day at both sizes: the large desk is older,
            # not busier, so a page of "the last two days" holds the same.
            years = args.years * count / args.large
            url, seconds = prepare_database(
                args.postgres, name, count, years, workdir / "seed.log"
            )
            urls_by_size[label] = url
            seeding[label] = seconds
        manage(
            base_env(urls_by_size["small"], STATIC_ROOT=str(static_root)),
            "collectstatic", "--noinput", "-v0",
        )

        print("\n".join(lines), flush=True)
        lines += ["## Seeding", "", "| stories | seconds |", "|---:|---:|"]
        for label, count in sizes.items():
            seconds = seeding[label]
            lines.append(f"| {count:,} | {'reused' if seconds is None else f'{seconds:.1f}'} |")

        # 1. Single requests, page cache off: what a page costs when it is built.
        envs = {
            label: base_env(
                urls_by_size[label],
                STATIC_ROOT=str(static_root),
                MEDIA_ROOT=str(media_root),
                PAGE_CACHE_ENABLED="0",
            )
            for label in sizes
        }
        print("Timing single requests at both sizes, in turns…", flush=True)
        results = measure_pages(envs, {"small": args.small_port, "large": args.port}, workdir)
        admin = inner(envs["large"], "admin")
        lines += [
            "",
            "## Pages, one request at a time (page cache off, median of "
            f"{SEQUENTIAL_REQUESTS}, the two sizes in turns)",
            "",
            f"| page | queries | ms at {args.small:,} | ms at {args.large:,} | ratio |",
            "|---|---:|---:|---:|---:|",
        ]
        for name in results["small"]:
            small, large = results["small"][name], results["large"][name]
            lines.append(
                f"| {name} | {large['queries']} | {small['ms']:.1f} | {large['ms']:.1f} | "
                f"{large['ms'] / small['ms']:.2f} |"
            )
        lines += [
            "",
            f"Admin story list at {args.large:,} stories (in-process, median of "
            f"{ADMIN_REQUESTS - 1}): "
            + "; ".join(
                f"{who} {figures['queries']} queries, {figures['ms']:.0f} ms"
                for who, figures in admin.items()
            )
            + ".",
        ]

        print("\n".join(lines), flush=True)

        # 2. Throughput on the large database.
        env = base_env(
            urls_by_size["large"], STATIC_ROOT=str(static_root), MEDIA_ROOT=str(media_root)
        )
        urls = pages(env)
        story, home = urls["story"], "/"
        throughput = []
        fixed_file = workdir / "story.html"
        with gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, args.port, workdir):
            fixed_file.write_bytes(fetch(args.port, story)[1])
        env["BENCH_FIXED_FILE"] = str(fixed_file)
        (workdir / "static-site").mkdir()
        shutil.copy(fixed_file, workdir / "static-site" / "story.html")

        print("Throughput: fixed bytes and uncached story…", flush=True)
        with gunicorn({**env, "PAGE_CACHE_ENABLED": "0"}, args.port, workdir):
            fixed_rate, note = wrk(args.port, "/__bench/fixed/", args.duration)
            throughput.append(("Django, fixed bytes (the yardstick)", fixed_rate, note))
            rate, note = wrk(args.port, story, args.duration)
            throughput.append(("story, page cache off", rate, note))
        print(throughput, flush=True)

        cache_present = (ROOT / "articles" / "cache.py").exists()
        redis_url = f"redis://{HOST}:{args.redis_port}/0"
        with redis(args.redis_port, workdir):
            cached_env = {**env, "REDIS_URL": redis_url, "PAGE_CACHE_ENABLED": "1"}
            print("Throughput: page cache…", flush=True)
            with gunicorn(cached_env, args.port, workdir):
                _, _, headers = fetch(args.port, story)
                cache_header = headers.get("Cache-Control", "none")
                for label, path in (("story, page cache on", story), ("home, page cache on", home)):
                    fetch(args.port, path)
                    rate, note = wrk(args.port, path, args.duration)
                    throughput.append((label, rate, note))
                tagged = workdir / "tagged.lua"
                tagged.write_text(TAGGED_SCRIPT)
                rate, note = wrk(args.port, story, args.duration, script=tagged)
                throughput.append(("story, a new ?fbclid= each request, page cache on", rate, note))

                print("Throughput: nginx…", flush=True)
                config = nginx_config(
                    workdir,
                    args.nginx_port,
                    args.static_port,
                    args.port,
                    static_root,
                    media_root,
                    args.refresh_port,
                )
                with Server(
                    [find_tool("nginx"), "-c", str(config), "-g", "daemon off;"],
                    port=args.static_port,
                    log=workdir / "nginx.log",
                ):
                    wait_for_port(args.nginx_port)
                    nginx_rate, note = wrk(args.static_port, "/story.html", args.duration)
                    throughput.append(("nginx, story as a file (the yardstick)", nginx_rate, note))
                    for label, path in (
                        ("story via nginx micro-cache", story),
                        ("home via nginx micro-cache", home),
                    ):
                        fetch(args.nginx_port, path)
                        rate, note = wrk(args.nginx_port, path, args.duration)
                        throughput.append((label, rate, note))
                    rate, note = wrk(args.nginx_port, story, args.duration, script=tagged)
                    throughput.append(
                        ("story via nginx, a new ?fbclid= each request", rate, note)
                    )
                    print(throughput, flush=True)
                    print("Publishing stories and watching the front page…", flush=True)
                    publish_delay = measure_publish(
                        cached_env, args.nginx_port, args.refresh_port
                    )
                    expiry_delay = measure_publish(cached_env, args.nginx_port)

        lines += [
            "",
            f"## Requests per second at {args.large:,} stories (wrk -t{WRK_THREADS} "
            f"-c{WRK_CONNECTIONS} -d{args.duration}s; gunicorn 2 sync workers)",
            "",
            "| what | req/s | share of its yardstick | notes |",
            "|---|---:|---:|---|",
        ]
        for label, rate, note in throughput:
            yardstick = nginx_rate if "nginx" in label else fixed_rate
            lines.append(f"| {label} | {rate:,.0f} | {rate / yardstick:.0%} | {note} |")
        lines += [
            "",
            f"Page cache module present: {'yes' if cache_present else 'no'}; "
            f"story page Cache-Control: `{cache_header}`.",
            "A story published through the workflow service showed on the front page "
            f"through nginx {publish_delay:.2f} s after its commit, with the purge hook "
            f"refreshing nginx's copy; {expiry_delay:.2f} s without it (nginx's copy expiring).",
        ]
    finally:
        if args.keep:
            print(f"Logs and configuration kept in {workdir}.")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(lines))
    if args.output:
        Path(args.output).write_text("\n".join(lines) + "\n")


def front_page(port):
    """The front page's bytes, or b"" when the request fails (it is retried by the caller)."""
    try:
        return fetch(port, "/")[1]
    except (OSError, http.client.HTTPException):
        return b""


def measure_publish(env, nginx_port, refresh_port=None):
    """Seconds from a publish's commit until nginx's front page shows the story.

    A reader fetches the front page through nginx every 20 ms throughout, so
    nginx always holds a recent copy, as it does under traffic (fetching it
    once, then publishing, would let the copy expire while the publishing
    process starts). The commit time is taken inside the publishing process,
    before the page cache's invalidation runs. With ``refresh_port`` the
    publishing process sends its purge hook's refreshes to nginx's refresh
    listener (deploy/nginx.conf); without, nginx's copy has to expire.
    """
    draft = inner(env, "draft")
    # The slug, in the story's link: the headline may be HTML-escaped on the page.
    marker = f'/{draft["slug"]}/'.encode()
    seen = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            if marker in front_page(nginx_port) and not seen:
                seen.append(time.time())
            time.sleep(0.02)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    time.sleep(1.5)  # nginx holds the front page, refreshed as it expires
    purge = {}
    if refresh_port:
        purge = {
            "CACHE_PURGE_URL": f"http://{HOST}:{refresh_port}",
            "CACHE_PURGE_METHOD": "GET",
            "CACHE_PURGE_HOST": f"{HOST}:{nginx_port}",
            "CACHE_PURGE_PROTO": "http",
        }
    committed = inner({**env, **purge}, "publish", str(draft["pk"]))["committed_at"]
    deadline = time.monotonic() + 30
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    stop.set()
    thread.join()
    return seen[0] - committed if seen else float("inf")


# The in-process part, run with --inner inside the benchmark's environment -------------


def inner_main(command, args):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Count, Max, Min, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles import services
    from articles.models import Article, SourceCredit
    from articles.views import STORIES_PER_PAGE

    if command == "count":
        span = Article.objects.published().aggregate(
            first=Min("published_at"), last=Max("published_at")
        )
        days = (span["last"] - span["first"]).days if span["first"] else 0
        return {"stories": Article.objects.count(), "days": days}
    if command == "urls":
        public = Article.objects.published()
        section = (
            public.values("section__parent__slug", "section__slug")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        top = section["section__parent__slug"] or section["section__slug"]
        # Page 500, or the deepest full page when the section has fewer: a
        # clamped last page may hold a few stories and compare short.
        in_section = public.filter(
            Q(section__slug=top) | Q(section__parent__slug=top)
        ).count()
        deep_page = max(1, min(500, in_section // STORIES_PER_PAGE))
        author = (
            public.values("bylines__author__slug").annotate(n=Count("pk")).order_by("-n").first()
        )
        source = (
            public.filter(source_credits__role=SourceCredit.Role.ORIGIN)
            .values("source_credits__source__slug")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        count = public.count()
        story = public.select_related("section")[count // 2]
        return {
            "home": "/",
            "section": f"/{top}/",
            # Page 1 has no ?page=: "?page=1" is redirected there, not rendered.
            "section page 500": f"/{top}/?page={deep_page}" if deep_page > 1 else f"/{top}/",
            "author": f"/authors/{author['bylines__author__slug']}/",
            "journalists": "/authors/",
            "our sources": "/sources/",
            "source": f"/sources/{source['source_credits__source__slug']}/",
            "story": story.get_absolute_url(),
            "feed (site RSS)": "/feeds/rss/",
            "feed (section Atom)": f"/feeds/sections/{top}/atom/",
            "sitemap index": "/sitemap.xml",
            "sitemap (stories)": "/sitemap-stories.xml",
            "news sitemap": "/news-sitemap.xml",
            "search": "/search/?q=ceasefire+talks",
        }
    client = Client(HTTP_HOST="127.0.0.1")
    if command == "queries":
        counts = {}
        for path in args:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            counts[path] = len(captured)
        return counts
    if command == "admin":
        from django.contrib.auth.models import Group

        from articles.roles import EDITORS, WRITERS, ensure_roles
        from authors.models import Author

        def story_list(user):
            client.force_login(user)
            times, queries = [], None
            for _ in range(ADMIN_REQUESTS):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get("/admin/articles/article/")
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
                queries = len(captured)
            return {"queries": queries, "ms": statistics.median(times[1:])}

        results = {}
        # The staff accounts are made for the measurement and rolled back.
        with transaction.atomic():
            users = get_user_model().objects
            ensure_roles()
            results["superuser"] = story_list(
                users.create_user("bench-list-superuser", is_staff=True, is_superuser=True)
            )
            editor = users.create_user("bench-list-editor", is_staff=True)
            editor.groups.add(Group.objects.get(name=EDITORS))
            results["editor"] = story_list(editor)
            # A writer sees the stories they started or are bylined on: take
            # over the busiest author's byline.
            writer = users.create_user("bench-list-writer", is_staff=True)
            writer.groups.add(Group.objects.get(name=WRITERS))
            author = Author.objects.annotate(stories=Count("bylines")).order_by("-stories")[0]
            Author.objects.filter(pk=author.pk).update(user=writer)
            results[f"writer ({author.stories:,} bylines)"] = story_list(writer)
            transaction.set_rollback(True)
        return results
    if command == "draft":
        story = (
            Article.objects.filter(status=Article.Status.DRAFT, section__isnull=False)
            .exclude(source_credits=None)
            .first()
        )
        return {"pk": story.pk, "slug": story.slug}
    if command == "publish":
        editor, _ = get_user_model().objects.get_or_create(
            username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        story = Article.objects.get(pk=args[0])
        committed = []
        with transaction.atomic():
            # Registered first, so it runs before the page cache's invalidation.
            transaction.on_commit(lambda: committed.append(time.time()))
            services.publish(story, user=editor)
        return {"published": story.pk, "committed_at": committed[0]}
    raise SystemExit(f"Unknown inner command {command}.")


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--inner":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(inner_main(sys.argv[2], sys.argv[3:])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
    parser.add_argument(
        "--years",
        type=float,
        default=8,
        help="Publication times of the large database span this many years; the small "
        "one is seeded at the same stories per day.",
    )
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db-prefix", default="newsroom_bench")
    parser.add_argument("--port", type=int, default=8112, help="gunicorn")
    parser.add_argument(
        "--small-port",
        type=int,
        default=8118,
        help="gunicorn on the small database, while single requests are timed",
    )
    parser.add_argument("--nginx-port", type=int, default=8113)
    parser.add_argument("--static-port", type=int, default=8114)
    parser.add_argument("--refresh-port", type=int, default=8117, help="nginx refresh listener")
    parser.add_argument("--redis-port", type=int, default=8115)
    parser.add_argument("--output", help="Also write the Markdown here.")
    parser.add_argument("--keep", action="store_true", help="Keep the logs and nginx config.")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
