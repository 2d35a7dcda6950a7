"""Database faults: PostgreSQL restarted under load, then PostgreSQL down for a few seconds.

    .venv/bin/python -m reliability.db_faults [--skip-prepare]

It stops and restarts the machine's PostgreSQL cluster, so every other user of
that server loses their connections for a moment: run it on a machine of your
own, or when nobody else is testing. PostgreSQL is always started again (in a
``finally``), and the outage is kept to a few seconds.

1. **Restart under load.** gunicorn (two sync workers, page cache off) serves
   home, story and search pages to four client threads; a few seconds in, the
   cluster is restarted (``pg_ctlcluster ... restart -m fast``). We count the
   failed requests, when they happened relative to the restart, when the first
   success came after it, and whether any worker was restarted. Persistent
   connections with health checks (``CONN_MAX_AGE`` + ``conn_health_checks``)
   should mean only requests during the restart fail.
2. **PostgreSQL down.** With the page cache on, the home page and one story are
   warmed, then the cluster is stopped. Pages in the cache should still be
   served; any other page should be the styled 503 with ``Retry-After`` (never a
   traceback); ``/healthz`` should answer 503, and every answer should come
   quickly (no worker hangs waiting for the database). Then the cluster is
   started and we time how long until ``/healthz`` answers 200 again.
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from reliability.server import DEFAULT_DATABASE_URL, Gunicorn, fetch, prepare, story_urls

CLIENTS = 4
LOAD_SECONDS = 12
RESTART_AFTER_SECONDS = 4
MAX_REQUESTS_PER_CLIENT = 5000


def cluster_version():
    """The installed PostgreSQL cluster version (the newest under /etc/postgresql)."""
    return sorted(Path("/etc/postgresql").iterdir(), key=lambda p: float(p.name))[-1].name


REHEARSAL = False  # --rehearse: exercise the script without touching PostgreSQL


def pg_ctl(action):
    """Stop, start or restart the local cluster; bounded, and loud when it fails."""
    if REHEARSAL:
        time.sleep(1)
        return
    subprocess.run(  # noqa: S603 - fixed program and arguments
        [
            "/usr/bin/pg_ctlcluster",
            "--skip-systemctl-redirect",
            cluster_version(),
            "main",
            action,
            *(["-m", "fast"] if action in {"stop", "restart"} else []),
        ],
        check=True,
        timeout=60,
        capture_output=True,
    )


def pg_ready(database_url):
    parts = urlsplit(database_url)
    return (
        subprocess.run(  # noqa: S603 - fixed program and arguments
            [
                "/usr/bin/pg_isready",
                "--host",
                parts.hostname or "127.0.0.1",
                "--port",
                str(parts.port or 5432),
                "--timeout",
                "1",
            ],
            capture_output=True,
            timeout=10,
            check=False,
        ).returncode
        == 0
    )


def redis_reachable(url):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def restart_under_load(args):
    """Phase 1: a steady stream of requests while PostgreSQL restarts."""
    with Gunicorn(args.port, args.database_url, PAGE_CACHE_ENABLED=0) as server:
        paths = ["/", *story_urls(server.base)[:3], "/search/?q=ceasefire"]
        pids_before, boots_before = server.pids(), server.boots()
        results, lock, stop = [], threading.Lock(), threading.Event()
        started = time.monotonic()

        def client(offset):
            for n in range(MAX_REQUESTS_PER_CLIENT):
                if stop.is_set():
                    return
                path = paths[(n + offset) % len(paths)]
                sent = time.monotonic() - started
                reply = fetch(server.base + path, timeout=15)
                with lock:
                    results.append((sent, time.monotonic() - started, reply.status, path))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        try:
            time.sleep(RESTART_AFTER_SECONDS)
            restart_began = time.monotonic() - started
            pg_ctl("restart")
            restart_ended = time.monotonic() - started
            time.sleep(max(0, LOAD_SECONDS - restart_ended))
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            if not pg_ready(args.database_url):
                pg_ctl("start")
        pids_after, boots_after = server.pids(), server.boots()

    failures = [r for r in results if r[2] != 200]
    after = [r for r in results if r[0] > restart_ended]
    first_success = min((r[1] for r in after if r[2] == 200), default=None)
    failed_after_restart = [r for r in after if r[2] != 200]
    statuses = sorted({str(r[2]) for r in failures})
    return {
        "requests": len(results),
        "failed": len(failures),
        "statuses": ", ".join(statuses) or "-",
        "restart": (restart_began, restart_ended),
        "failure_window": (
            (min(r[0] for r in failures), max(r[1] for r in failures)) if failures else None
        ),
        "failed_after_restart": len(failed_after_restart),
        "first_success_after": (
            first_success - restart_ended if first_success is not None else None
        ),
        "worker_restarts": boots_after - boots_before,
        "same_pids": pids_before == pids_after,
    }


def outage(args):
    """Phase 2: PostgreSQL stopped; what readers, /healthz and the workers see."""
    cache = {"PAGE_CACHE_ENABLED": 1, "CACHE_KEY_PREFIX": f"reliability-faults-{os.getpid()}"}
    if args.redis_url and redis_reachable(args.redis_url):
        cache["REDIS_URL"] = args.redis_url
    with Gunicorn(args.port, args.database_url, **cache) as server:
        stories = story_urls(server.base)
        warmed, cold = stories[0], stories[-1]
        # Several times each, so that with a per-worker cache both workers hold them.
        for _ in range(10):
            fetch(server.base + "/")
            fetch(server.base + warmed)
        probes = [
            ("home (cached)", "/"),
            ("home (cached), again", "/"),
            ("story (cached)", warmed),
            ("story (never cached)", cold),
            ("search", "/search/?q=ceasefire"),
            ("/healthz", "/healthz"),
        ]
        rows = []
        pids_before = server.pids()
        stopped_at = time.monotonic()
        try:
            pg_ctl("stop")
            for label, path in probes:
                reply = fetch(server.base + path, timeout=30)
                rows.append(
                    {
                        "label": label,
                        "status": reply.status if reply.status else reply.error,
                        "seconds": reply.seconds,
                        "cache": reply.headers.get("X-Page-Cache", "-"),
                        "retry_after": reply.headers.get("Retry-After", "-"),
                        # The site's stylesheet, or the inline styles of the error
                        # pages (rendered without static files or a database).
                        "styled": 'rel="stylesheet"' in reply.body or "<style>" in reply.body,
                        "traceback": "Traceback" in reply.body or 'File "/' in reply.body,
                    }
                )
        finally:
            pg_ctl("start")
            down_for = time.monotonic() - stopped_at
        recovered_in = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if fetch(server.base + "/healthz", timeout=5).status == 200:
                recovered_in = time.monotonic() - stopped_at - down_for
                break
            time.sleep(0.2)
        cold_after = fetch(server.base + cold).status
        same_pids = pids_before == server.pids()
    return {
        "rows": rows,
        "down_for": down_for,
        "recovered_in": recovered_in,
        "cold_after": cold_after,
        "same_pids": same_pids,
        "cache_backend": "Redis" if "REDIS_URL" in cache else "per-worker memory",
    }


def silent_probes(stories, shared_cache):
    """What phase 3 asks the server on the silent database, each with the status it expects.

    The home page is warmed by a first gunicorn on the real database and read
    from a second one: only a shared cache (Redis) can hand it over. With each
    worker's own memory the second server cannot hold it, so it is not probed
    at all rather than reported as a failure the site cannot help.
    """
    probes = [("story (never cached)", stories[-1], 503), ("/healthz", "/healthz", 503)]
    if shared_cache:
        probes.insert(0, ("home (cached)", "/", 200))
    return probes


def silent_problems(rows, restarts, same_pids):
    """Phase 3's unmet expectations, in words; empty when all were met."""
    problems = [
        f"{row['label']} answered {row['status']}, not {row['expected']}"
        for row in rows
        if row["status"] != row["expected"]
    ]
    if any(row["seconds"] > 15 for row in rows):
        problems.append("a request waited over 15s")
    if restarts or not same_pids:
        problems.append("workers restarted")
    return problems


def silent_database(args):
    """Phase 3: a database that accepts connections and never answers.

    Nothing on the machine is stopped: gunicorn is pointed at a local socket that
    listens and never replies, as a hung or black-holed server would. The connect
    timeout should turn each request into a 503 after a few seconds; a worker must
    never sit there until gunicorn kills it. Pages already in the (Redis) page
    cache, warmed by a server on the real database, are still served; without
    Redis that is not checked (see silent_probes).
    """
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)  # never accept(): the kernel completes the handshake, nobody talks
    port = silent.getsockname()[1]
    prefix = f"reliability-silent-{os.getpid()}"
    cache = {"PAGE_CACHE_ENABLED": 1, "CACHE_KEY_PREFIX": prefix}
    if args.redis_url and redis_reachable(args.redis_url):
        cache["REDIS_URL"] = args.redis_url
    shared_cache = "REDIS_URL" in cache
    try:
        with Gunicorn(args.port, args.database_url, **cache) as server:
            stories = story_urls(server.base)
            fetch(server.base + "/")
        silent_url = urlsplit(args.database_url)._replace(netloc=f"postgres@127.0.0.1:{port}")
        with Gunicorn(args.port, silent_url.geturl(), wait_for="/healthz", **cache) as server:
            pids_before, boots_before = server.pids(), server.boots()
            rows = []
            for label, path, expected in silent_probes(stories, shared_cache):
                reply = fetch(server.base + path, timeout=60)
                rows.append(
                    {
                        "label": label,
                        "status": reply.status if reply.status else reply.error,
                        "expected": expected,
                        "seconds": reply.seconds,
                        "retry_after": reply.headers.get("Retry-After", "-"),
                    }
                )
            restarts = server.boots() - boots_before
            same_pids = pids_before == server.pids()
    finally:
        silent.close()
    backend = "Redis" if shared_cache else "per-worker memory"
    print(f"\n3. Database that never answers (page cache in {backend})")
    if not shared_cache:
        reason = "--redis-url ''" if not args.redis_url else f"no Redis at {args.redis_url}"
        print(
            f"   Not checked: a cached page served while the database hangs ({reason}).\n"
            "   The page is warmed by one gunicorn and read from another, which only a\n"
            "   shared cache can hand over; give --redis-url a reachable Redis to check it."
        )
    print(f"   {'request':<22} {'status':>7} {'time':>7} {'Retry-After':>11}")
    for row in rows:
        print(
            f"   {row['label']:<22} {row['status']!s:>7} {seconds(row['seconds']):>7} "
            f"{row['retry_after']:>11}"
        )
    print(f"   worker restarts: {restarts}, same worker PIDs: {'yes' if same_pids else 'NO'}")
    return silent_problems(rows, restarts, same_pids)


def seconds(value):
    return "-" if value is None else f"{value:.2f}s"


def report(load, down):
    print("\n1. PostgreSQL restarted under load")
    print(f"   {CLIENTS} client threads, {load['requests']} requests in {LOAD_SECONDS}s")
    began, ended = load["restart"]
    print(f"   restart: from {began:.2f}s to {ended:.2f}s (pg_ctlcluster restart -m fast)")
    print(f"   failed requests: {load['failed']} (status {load['statuses']})")
    window = load["failure_window"]
    if window:
        print(f"   failures between {window[0]:.2f}s and {window[1]:.2f}s")
    print(f"   failed requests sent after the restart finished: {load['failed_after_restart']}")
    print(f"   first success after the restart finished: {seconds(load['first_success_after'])}")
    print(
        f"   worker restarts: {load['worker_restarts']}, "
        f"same worker PIDs: {'yes' if load['same_pids'] else 'NO'}"
    )

    print(f"\n2. PostgreSQL down (page cache in {down['cache_backend']})")
    header = (
        f"   {'request':<22} {'status':>7} {'time':>7} {'X-Page-Cache':>12} "
        f"{'Retry-After':>11} {'styled':>6} {'traceback':>9}"
    )
    print(header)
    for row in down["rows"]:
        print(
            f"   {row['label']:<22} {row['status']!s:>7} {seconds(row['seconds']):>7} "
            f"{row['cache']:>12} {row['retry_after']:>11} {'yes' if row['styled'] else 'no':>6} "
            f"{'YES' if row['traceback'] else 'no':>9}"
        )
    print(f"   PostgreSQL was down for {down['down_for']:.2f}s")
    print(f"   /healthz back to 200 {seconds(down['recovered_in'])} after PostgreSQL started")
    print(f"   the never-cached story afterwards: {down['cold_after']}")
    print(f"   same worker PIDs: {'yes' if down['same_pids'] else 'NO'}")

    statuses = {row["label"]: row["status"] for row in down["rows"]}
    problems = [
        message
        for failed, message in [
            (load["failed_after_restart"], "requests failed after PostgreSQL was back"),
            (load["worker_restarts"] or not load["same_pids"], "workers restarted"),
            (statuses.get("home (cached)") != 200, "cached home page not served"),
            (statuses.get("story (never cached)") != 503, "uncached story was not a 503"),
            (statuses.get("/healthz") != 503, "/healthz did not answer 503"),
            (any(row["traceback"] for row in down["rows"]), "a traceback reached a reader"),
            (any(row["seconds"] > 10 for row in down["rows"]), "an answer took over 10s"),
            (down["recovered_in"] is None, "/healthz did not recover"),
            (down["cold_after"] != 200, "pages did not recover"),
        ]
        if failed
    ]
    print("\nResult:", "; ".join(problems) if problems else "all expectations met")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8132)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/0",
        help=(
            "Page cache in Redis when reachable ('' for per-worker memory: the silent "
            "phase then cannot check a cached page, and says so)"
        ),
    )
    parser.add_argument("--skip-prepare", action="store_true", help="database already seeded")
    parser.add_argument(
        "--rehearse",
        action="store_true",
        help="check the script itself: sleep instead of stopping PostgreSQL",
    )
    parser.add_argument(
        "--phases",
        default="restart,outage,silent",
        help="restart and outage stop PostgreSQL (they run together); silent does not",
    )
    args = parser.parse_args()
    global REHEARSAL  # a run-wide switch, set once from the command line
    REHEARSAL = args.rehearse
    touches_postgres = "restart" in args.phases or "outage" in args.phases
    if touches_postgres and os.geteuid() != 0 and not REHEARSAL:
        sys.exit("Stopping PostgreSQL with pg_ctlcluster needs root (or the postgres user).")
    if not args.skip_prepare:
        prepare(args.database_url)
    status = 0
    if "restart" in args.phases or "outage" in args.phases:
        try:
            load = restart_under_load(args)
            down = outage(args)
        finally:
            if not pg_ready(args.database_url):
                pg_ctl("start")
        status = report(load, down)
    if "silent" in args.phases:
        problems = silent_database(args)
        print("\nResult:", "; ".join(problems) if problems else "all expectations met")
        status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
