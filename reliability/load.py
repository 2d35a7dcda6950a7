"""Load: wrk against the home page and a story page, with the page cache off and on.

    .venv/bin/python -m reliability.load [--duration 30] [--connections 64]

Starts gunicorn (two sync workers, DEBUG off) on 127.0.0.1 against a PostgreSQL
database of its own, seeded with ``load_demo``, and for each page and cache mode
runs ``wrk`` while sampling every worker's resident memory once a second. It
prints requests per second, latency, errors (socket errors and non-2xx answers),
worker restarts (worker PIDs before and after, and gunicorn's "Booting worker"
and "WORKER TIMEOUT" log lines) and memory at the start, peak and end.

The goal (docs/reliability.md): zero errors, no worker restarts, memory flat.
Figures depend on the machine and on whatever else runs on it.
"""

import argparse
import re
import shutil
import subprocess
import sys
import threading
import time

from reliability.server import (
    DEFAULT_DATABASE_URL,
    PROXY_HEADERS,
    Gunicorn,
    fetch,
    prepare,
    rss_mib,
    story_urls,
)

WRK_LINE = {
    "rps": re.compile(r"Requests/sec:\s+([\d.]+)"),
    "requests": re.compile(r"(\d+) requests in"),
    "non2xx": re.compile(r"Non-2xx or 3xx responses: (\d+)"),
    "p50": re.compile(r"^\s+50%\s+([\d.]+\w+)", re.M),
    "p99": re.compile(r"^\s+99%\s+([\d.]+\w+)", re.M),
}
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


class MemorySampler(threading.Thread):
    """Reads each worker's VmRSS once a second while wrk runs."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids = pids
        self.samples = {pid: [] for pid in pids}
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for pid in self.pids:
                value = rss_mib(pid)
                if value is not None:
                    self.samples[pid].append(value)
            self.done.wait(1)

    def stop(self):
        self.done.set()
        self.join(timeout=5)


def run_wrk(url, duration, connections, threads):
    output = subprocess.run(  # noqa: S603 - wrk with our arguments
        [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            *[f"--header={name}: {value}" for name, value in PROXY_HEADERS.items()],
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    figures = {}
    for name, pattern in WRK_LINE.items():
        match = pattern.search(output)
        figures[name] = match.group(1) if match else "0"
    socket = SOCKET_ERRORS.search(output)
    figures["socket_errors"] = sum(int(n) for n in socket.groups()) if socket else 0
    figures["errors"] = figures["socket_errors"] + int(figures["non2xx"])
    return figures


def measure(server, label, path, args):
    url = server.base + path
    for _ in range(20):  # warm both workers (and the page cache when it is on)
        fetch(url)
    cache = fetch(url).headers.get("X-Page-Cache", "-")
    pids_before, boots_before = server.pids(), server.boots()
    sampler = MemorySampler(pids_before)
    sampler.start()
    figures = run_wrk(url, args.duration, args.connections, args.threads)
    sampler.stop()
    pids_after = server.pids()
    starts = [s[0] for s in sampler.samples.values() if s]
    peaks = [max(s) for s in sampler.samples.values() if s]
    ends = [s[-1] for s in sampler.samples.values() if s]
    return {
        "page": label,
        "cache": cache,
        **figures,
        "restarts": server.boots() - boots_before,
        "same_pids": pids_before == pids_after,
        "timeouts": server.timeouts(),
        "rss": " / ".join(
            f"{a:.1f}→{p:.1f}→{e:.1f}" for a, p, e in zip(starts, peaks, ends, strict=True)
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument(
        "--redis-url", default="", help="Cache in Redis (default: per-worker memory)"
    )
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-prepare", action="store_true", help="database already seeded")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk).")
    if not args.skip_prepare:
        prepare(args.database_url)

    cache_settings = {"REDIS_URL": args.redis_url, "CACHE_KEY_PREFIX": "reliability-load"}
    rows = []
    for enabled in (0, 1):
        with Gunicorn(
            args.port, args.database_url, PAGE_CACHE_ENABLED=enabled, **cache_settings
        ) as server:
            story = story_urls(server.base)[0]
            for label, path in (("home", "/"), ("story", story)):
                rows.append(measure(server, label, path, args))
                print(f"  done: {label} with PAGE_CACHE_ENABLED={enabled}", file=sys.stderr)
            time.sleep(1)

    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s --timeout 10s, "
        f"gunicorn 2 sync workers, cache: {'Redis' if args.redis_url else 'per-worker memory'}\n"
    )
    header = (
        f"{'page':<6} {'X-Page-Cache':<12} {'req/s':>8} {'requests':>9} {'p50':>8} {'p99':>8} "
        f"{'errors':>6} {'restarts':>8} {'same PIDs':>9}  worker RSS MiB start→peak→end"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['page']:<6} {row['cache']:<12} {row['rps']:>8} {row['requests']:>9} "
            f"{row['p50']:>8} {row['p99']:>8} {row['errors']:>6} {row['restarts']:>8} "
            f"{'yes' if row['same_pids'] else 'NO':>9}  {row['rss']}"
        )
    failed = any(row["errors"] or row["restarts"] or not row["same_pids"] for row in rows)
    print("\nResult:", "errors or restarts, see above" if failed else "no errors, no restarts")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
