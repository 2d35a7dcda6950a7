"""deploy/nginx.conf: what its micro-cache keeps, read from the file and seen in a running nginx,
and the cache headers it gives the files it serves from disk.

open nginx cannot drop a cached page. The purge hook (CACHE_PURGE_METHOD=GET)
asks the refresh listener for the page again, and the answer replaces the old
copy only if nginx may store it. So every status the app gives an address a
reader once saw must be storable: a 200 for a page, a 301 for a story that
moved, a 302 for a list's page now past its end, a 404 for one deleted, a 410
for one taken down. A status left out
leaves the last 200 in place: served while it is fresh, then served stale
(``proxy_cache_use_stale updating``) for as long as readers keep asking.
"""

import gzip
import http.client
import logging
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import LiveServerTestCase, SimpleTestCase, override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from articles import services
from articles.roles import EDITORS, ensure_roles
from bench.run import nginx_config
from newsroom.static_storage import StaticStorage, unavailable_page
from tests.factories import make_article, make_section, make_user

CONFIG = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"
# What the app answers for a reader's address: the page, a story that moved, a
# list's page now past its end (a redirect to its last page), a story deleted,
# a story taken down (and an address an editor retired).
READER_STATUSES = {"200", "301", "302", "404", "410"}
NGINX = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))


def cache_blocks(text):
    """The directives of each ``{...}`` block of ``text`` that uses the page cache.

    A block's own directives only: those of blocks nested in it (``limit_except``)
    are left out. In the order the blocks close.
    """
    text = re.sub(r"#[^\n]*", "", text)
    blocks, open_blocks = [], [[]]
    for character in text:
        if character == "{":
            open_blocks.append([])
        elif character == "}":
            block = "".join(open_blocks.pop())
            if re.search(r"^\s*proxy_cache\s+newsroom\s*;", block, re.M):
                blocks.append(block)
        else:
            open_blocks[-1].append(character)
    return blocks


def cached_statuses(block):
    """The statuses ``proxy_cache_valid`` lets ``block`` store."""
    statuses = set()
    for line in re.findall(r"^\s*proxy_cache_valid\s+([^;]*);", block, re.M):
        statuses.update(word for word in line.split() if word.isdigit() or word == "any")
    return statuses


class NginxConfigTests(SimpleTestCase):
    def test_an_unasked_copy_is_dropped_within_half_a_minute(self):
        """A copy found expired is served once more while it is refreshed: with
        inactive=10m, a page listing a story just taken down could come back ten
        minutes old."""
        inactive = re.search(r"\binactive=(\d+)([smh]?)\b", CONFIG.read_text())
        self.assertIsNotNone(inactive, "proxy_cache_path must say how long unasked copies stay")
        seconds = int(inactive.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[inactive.group(2)]
        self.assertLessEqual(seconds, 30)

    def test_every_cache_stores_each_status_a_reader_address_can_turn_into(self):
        """The reader server and the refresh listener both keep a 410 like a 404."""
        blocks = cache_blocks(CONFIG.read_text())
        self.assertEqual(len(blocks), 2, "the reader server and the refresh listener")
        for server, block in zip(["reader server", "refresh listener"], blocks, strict=True):
            with self.subTest(server=server):
                statuses = cached_statuses(block)
                self.assertTrue(
                    "any" in statuses or statuses >= READER_STATUSES,
                    f"proxy_cache_valid stores {sorted(statuses)}, not all of "
                    f"{sorted(READER_STATUSES)}: a refresh answered otherwise leaves the old page",
                )

    def test_the_refresh_listener_stores_what_readers_are_served(self):
        reader, refresh = (cached_statuses(block) for block in cache_blocks(CONFIG.read_text()))
        self.assertEqual(reader, refresh)

    def test_the_cache_key_leaves_out_the_tags_the_app_ignores(self):
        """One list in two places: a name only nginx left out would be keyed apart
        by the app; one only the app left out would miss nginx's cache every time."""
        tag = re.search(r"\(\?<newsroom_tag>\s*&\s*\(\?:([^)]*)\)", CONFIG.read_text())
        self.assertIsNotNone(tag, "deploy/nginx.conf names no tracking tags")
        names = {
            name.strip().replace("[^&=]*", "*") for name in tag.group(1).split("|")
        }
        self.assertEqual(names, set(settings.PAGE_CACHE_IGNORED_PARAMS))

    def test_both_caches_key_pages_on_the_address_without_its_tags(self):
        """The refresh listener stores under the key readers' requests look up."""
        for block in cache_blocks(CONFIG.read_text()):
            key = re.search(r"^\s*proxy_cache_key\s+([^;]*);", block, re.M).group(1)
            self.assertTrue(key.endswith("$host$newsroom_cache_uri"), key)

    def test_pages_are_compressed_past_nginx_s_fastest_level(self):
        level = re.search(r"^\s*gzip_comp_level\s+(\d+)\s*;", CONFIG.read_text(), re.M)
        self.assertIsNotNone(level, "nginx's default, level 1, sends pages 10% larger")
        self.assertIn(int(level.group(1)), range(4, 7))

    def test_nginx_s_own_errors_keep_their_status(self):
        """``error_page 502 =200 …`` would tell a load balancer asking /healthz that all is well."""
        pages = re.findall(r"^\s*error_page\s+([^;]*);", CONFIG.read_text(), re.M)
        self.assertEqual(pages, ["502 503 504 /_newsroom_unavailable.html"])


@contextmanager
def quiet(logger_name):
    """Leave out ``logger_name``'s warnings while the block runs."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningNginx:
    """deploy/nginx.conf run by a real nginx, with the ports and folders of
    ``bench.run.nginx_config``, for the length of a test class.

    Skipped where nginx is not installed (``apt-get install nginx-light``),
    except in CI; the config tests above still run.
    """

    @classmethod
    def require_nginx(cls):
        if NGINX is None:
            message = "nginx is not installed: apt-get install nginx-light (CI installs it)"
            # On a laptop the rest of the suite still runs; CI must never skip this.
            if os.environ.get("CI"):
                raise cls.failureException(message)
            raise unittest.SkipTest(message)

    @classmethod
    def site_config(cls, text):
        """The config nginx runs, from the shipped one made local: a class's topology."""
        return text

    @classmethod
    def start_nginx(cls, app_port):
        cls.workdir = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
        # nginx started by root runs its workers as nobody: they create the cache
        # here and read the static files and uploads.
        cls.workdir.chmod(0o755)
        cls.addClassCleanup(shutil.rmtree, cls.workdir, ignore_errors=True)
        cls.static_root, cls.media_root = cls.workdir / "static", cls.workdir / "media"
        # A free port may be taken by the time nginx binds it, by the nginx of a
        # test class running in another process: ours then stops at once, and
        # its requests would reach the other one (another config, another
        # cache). So nginx must still be running once its ports answer, or it
        # is started again on other ports.
        for attempt in range(3):
            cls.reader_port, cls.refresh_port = free_port(), free_port()
            config = nginx_config(
                cls.workdir,
                cls.reader_port,
                free_port(),
                app_port,
                cls.static_root,
                cls.media_root,
                cls.refresh_port,
            )
            config.write_text(cls.site_config(config.read_text()))
            error_log = cls.workdir / "nginx-error.log"
            cls.nginx = subprocess.Popen(  # noqa: S603
                [NGINX, "-c", str(config), "-e", str(error_log), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                cls.wait_for(cls.reader_port)
                cls.wait_for(cls.refresh_port)
                time.sleep(0.3)  # a failed bind stops nginx well within this
                if cls.nginx.poll() is None:
                    break
            except RuntimeError:
                if attempt == 2:
                    raise
            cls.stop_nginx()
        else:
            raise RuntimeError(f"nginx stopped: {error_log.read_text()}")
        cls.addClassCleanup(cls.stop_nginx)

    @classmethod
    def stop_nginx(cls):
        cls.nginx.terminate()
        try:
            cls.nginx.wait(10)
        except subprocess.TimeoutExpired:
            cls.nginx.kill()
            cls.nginx.wait()

    @classmethod
    def wait_for(cls, port):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if cls.nginx.poll() is not None:
                log = cls.workdir / "nginx-error.log"
                raise RuntimeError(f"nginx stopped: {log.read_text() if log.exists() else ''}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not listen on {port}")

    def get(self, path, headers=None, source="127.0.0.1"):
        """A request to the reader server from ``source``: the response, its body read
        into ``response.body``."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.reader_port, timeout=10, source_address=(source, 0)
        )
        try:
            connection.request("GET", path, headers={"Host": "news.example", **(headers or {})})
            response = connection.getresponse()
            response.body = response.read()
            return response
        finally:
            connection.close()


@override_settings(ALLOWED_HOSTS=["news.example"])
class NginxRefreshTests(RunningNginx, LiveServerTestCase):
    """deploy/nginx.conf as shipped, in front of the live server."""

    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls):
        cls.require_nginx()
        super().setUpClass()
        cls.start_nginx(cls.server_thread.port)

    def setUp(self):
        ensure_roles()
        self.editor = make_user("editor", staff=True, groups=[EDITORS])
        self.story = make_article(headline="Minister resigns", slug="minister-resigns")
        self.path = self.story.get_absolute_url()

    def read(self, path):
        """A reader's request through nginx: ``(status, X-Front-Cache)``."""
        response = self.get(path, {"Accept-Encoding": "gzip"})
        return response.status, response.getheader("X-Front-Cache")

    def cache_the_story(self):
        self.assertEqual(self.read(self.path), (200, "MISS"))
        self.assertEqual(self.read(self.path), (200, "HIT"), "nginx keeps the page")

    def refreshing(self):
        """The purge hook as deploy/nginx.conf's comments tell you to set it."""
        return override_settings(
            CACHE_PURGE_URL=f"http://127.0.0.1:{self.refresh_port}",
            CACHE_PURGE_METHOD="GET",
            CACHE_PURGE_HOST="news.example",
            CACHE_PURGE_PROTO="http",
        )

    def test_a_compressed_page_says_it_varies_with_the_encoding(self):
        """Without "Vary: Accept-Encoding" a cache further out could hand the gzipped
        copy to a client that cannot read it (the app's Cache-Control is public)."""
        response = self.get(self.path, {"Accept-Encoding": "gzip"})
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        self.assertIn("Accept-Encoding", response.getheader("Vary", ""))

    def test_a_story_taken_down_is_gone_at_once(self):
        """The refresh stores the 410 over the 200: no reader gets the withdrawn story."""
        self.cache_the_story()
        # The purge hook logs the refresh's 410 as an unexpected answer: not this test's subject.
        with self.refreshing(), quiet("articles.cache"):
            services.archive(self.story, user=self.editor, note="Legal: injunction")
        status, front_cache = self.read(self.path)
        self.assertEqual(status, 410, f"nginx answered {status} ({front_cache})")

    def test_a_story_moved_to_another_section_redirects_at_once(self):
        self.cache_the_story()
        with self.refreshing():
            self.story.section = make_section(name="Europe", slug="europe")
            self.story.save()
        status, front_cache = self.read(self.path)
        self.assertEqual(status, 301, f"nginx answered {status} ({front_cache})")

    def test_a_deleted_story_is_not_found_at_once(self):
        self.cache_the_story()
        with self.refreshing():
            self.story.delete()
        status, front_cache = self.read(self.path)
        self.assertEqual(status, 404, f"nginx answered {status} ({front_cache})")

    def test_a_tagged_link_is_served_the_page_s_copy(self):
        """Every click from Facebook has its own ?fbclid=: each one reached the app."""
        self.assertEqual(self.read(f"{self.path}?fbclid=IwAR-first"), (200, "MISS"))
        for query in (
            "?fbclid=IwAR-second",
            "",
            "?utm_source=newsletter&utm_medium=email&utm_campaign=may",
            "?gclid=Cj0&mc_cid=4f1e&mc_eid=9a2b&igshid=MzR&ref_src=twsrc%5Etfw",
        ):
            with self.subTest(query=query):
                self.assertEqual(self.read(f"{self.path}{query}"), (200, "HIT"))

    def test_other_parameters_are_still_keyed_apart(self):
        self.cache_the_story()
        self.assertEqual(self.read(f"{self.path}?q=minister&fbclid=abc"), (200, "MISS"))
        self.assertEqual(self.read(f"{self.path}?q=minister"), (200, "HIT"))
        self.assertEqual(self.read(f"{self.path}?q=resigns"), (200, "MISS"))

    def test_a_story_taken_down_is_gone_for_tagged_links_too(self):
        """The refresh is untagged: it must replace the copy tagged links are served."""
        self.assertEqual(self.read(f"{self.path}?utm_source=newsletter"), (200, "MISS"))
        with self.refreshing(), quiet("articles.cache"):
            services.archive(self.story, user=self.editor, note="Legal: injunction")
        status, front_cache = self.read(f"{self.path}?fbclid=IwAR-late")
        self.assertEqual(status, 410, f"nginx answered {status} ({front_cache})")

    def test_a_redirect_keeps_each_reader_s_own_tags(self):
        """A story reached at another address is sent on with the link's tags; stored
        under the untagged key, one reader's click id would go to the next."""
        moved = "/elsewhere" + self.path[self.path.index("/", 1) :]
        first = self.get(f"{moved}?fbclid=reader-one")
        self.assertEqual(first.status, 301)
        self.assertEqual(first.getheader("Location"), f"{self.path}?fbclid=reader-one")
        second = self.get(f"{moved}?fbclid=reader-two")
        self.assertEqual(second.getheader("Location"), f"{self.path}?fbclid=reader-two")
        self.assertEqual(self.get(moved).getheader("Location"), self.path)

    def test_pages_are_compressed_better_than_nginx_s_fastest_level(self):
        response = self.get(self.path, {"Accept-Encoding": "gzip"})
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        page = gzip.decompress(response.body)
        # nginx's level 1 gives about what zlib's level 3 does; levels 4 and up, less.
        self.assertLess(len(response.body), len(gzip.compress(page, compresslevel=3)))


# The load balancer of NginxBalancerTests: another loopback address than the
# readers' own 127.0.0.1, so the two can be told apart.
BALANCER = "127.0.0.2"


# As in production (settings.py sets the header only without DEBUG, which `make test` sets).
@override_settings(
    ALLOWED_HOSTS=["news.example"],
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)
class NginxBalancerTests(RunningNginx, LiveServerTestCase):
    """Behind a load balancer that terminates TLS, set up as deploy/nginx.conf says.

    nginx then sees plain HTTP only: without the balancer's X-Forwarded-Proto,
    Django would redirect every reader to HTTPS, which they are already on.
    """

    host = "127.0.0.1"

    @classmethod
    def site_config(cls, text):
        opening = "geo $newsroom_from_balancer {"
        if opening not in text:
            raise AssertionError(f"deploy/nginx.conf has no `{opening}` to list a balancer in")
        return text.replace(opening, f"{opening}\n    {BALANCER}/32 1;")

    @classmethod
    def setUpClass(cls):
        cls.require_nginx()
        try:
            socket.create_connection(("127.0.0.1", 9), source_address=(BALANCER, 0)).close()
        except ConnectionRefusedError:
            pass  # the address is there; nothing listens on the discard port
        except OSError as error:
            raise unittest.SkipTest(f"no loopback address {BALANCER} here: {error}") from error
        super().setUpClass()
        cls.start_nginx(cls.server_thread.port)

    def setUp(self):
        self.story = make_article(headline="Minister resigns", slug="minister-resigns")
        self.path = self.story.get_absolute_url()

    def from_balancer(self, proto):
        return self.get(self.path, {"X-Forwarded-Proto": proto}, source=BALANCER)

    def test_a_reader_on_https_gets_the_page(self):
        response = self.from_balancer("https")
        self.assertEqual(response.status, 200, response.getheader("Location"))

    def test_a_reader_on_plain_http_is_sent_to_https(self):
        response = self.from_balancer("http")
        self.assertEqual(response.status, 301)
        self.assertEqual(response.getheader("Location"), f"https://news.example{self.path}")

    def test_no_one_else_may_say_https(self):
        """From any other address the header is nginx's own scheme, whatever the client says."""
        response = self.get(self.path, {"X-Forwarded-Proto": "https"})
        self.assertEqual(response.status, 301)

    def test_a_refresh_replaces_the_page_readers_on_https_get(self):
        """The cache key follows the balancer's scheme, which the refresh is sent with."""
        self.assertEqual(self.from_balancer("https").getheader("X-Front-Cache"), "MISS")
        self.assertEqual(self.from_balancer("https").getheader("X-Front-Cache"), "HIT")
        with override_settings(
            CACHE_PURGE_URL=f"http://127.0.0.1:{self.refresh_port}",
            CACHE_PURGE_METHOD="GET",
            CACHE_PURGE_HOST="news.example",
            CACHE_PURGE_PROTO="https",
        ):
            self.story.delete()
        response = self.from_balancer("https")
        self.assertEqual(response.status, 404, response.getheader("X-Front-Cache"))


class NginxStaticFilesTests(RunningNginx, SimpleTestCase):
    """/static/ and /media/ as nginx serves them from disk: one Cache-Control each,
    a year and immutable only for the names collectstatic hashes."""

    CSS = b"body { color: #222; }"
    PRECOMPRESSED = b"/* as collectstatic compressed it */ body { color: #222; }"

    @classmethod
    def setUpClass(cls):
        cls.require_nginx()
        super().setUpClass()
        # Nothing answers there: these files never reach the app.
        cls.start_nginx(free_port())
        storage = CompressedManifestStaticFilesStorage(location=cls.static_root)
        # The name collectstatic gives css/site.css in production (settings.STORAGES).
        cls.hashed = storage.hashed_name("css/site.css", ContentFile(cls.CSS))
        for name in ("css/site.css", cls.hashed, "img/favicon.svg"):
            (cls.static_root / name).parent.mkdir(parents=True, exist_ok=True)
            (cls.static_root / name).write_bytes(cls.CSS)
        # The compressed copy whitenoise writes beside each file; its content
        # differs here, so the test can tell it from nginx compressing on the fly.
        (cls.static_root / f"{cls.hashed}.gz").write_bytes(gzip.compress(cls.PRECOMPRESSED))
        (cls.media_root / "uploads/2026/03").mkdir(parents=True)
        (cls.media_root / "uploads/2026/03/map-3f9a.jpg").write_bytes(b"\xff\xd8\xff")

    def headers(self, path):
        response = self.get(path)
        self.assertEqual(response.status, 200, path)
        return response.msg

    def test_a_hashed_static_file_is_kept_a_year(self):
        self.assertRegex(self.hashed, r"^css/site\.[0-9a-f]{12}\.css$")
        headers = self.headers(f"/static/{self.hashed}")
        self.assertEqual(headers.get_all("Cache-Control"), ["public, max-age=31536000, immutable"])
        self.assertEqual(headers.get_all("X-Content-Type-Options"), ["nosniff"])
        self.assertIsNone(headers.get("Expires"))

    def test_a_static_file_under_its_own_name_is_kept_a_minute(self):
        """A deploy rewrites css/site.css: a year of "immutable" would keep the old one."""
        for path in ("/static/css/site.css", "/static/img/favicon.svg"):
            with self.subTest(path=path):
                headers = self.headers(path)
                self.assertEqual(headers.get_all("Cache-Control"), ["public, max-age=60"])
                self.assertEqual(headers.get_all("X-Content-Type-Options"), ["nosniff"])
                self.assertIsNone(headers.get("Expires"))

    def test_a_static_file_is_sent_as_collectstatic_compressed_it(self):
        """collectstatic writes a .gz beside each file at the best level; nginx
        sends it rather than compressing the file again for every request."""
        response = self.get(f"/static/{self.hashed}", {"Accept-Encoding": "gzip"})
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(response.body), self.PRECOMPRESSED)
        self.assertIn("Accept-Encoding", response.getheader("Vary", ""))
        self.assertEqual(
            response.msg.get_all("Cache-Control"), ["public, max-age=31536000, immutable"]
        )
        # A client that cannot read gzip gets the file itself.
        response = self.get(f"/static/{self.hashed}")
        self.assertIsNone(response.getheader("Content-Encoding"))
        self.assertEqual(response.body, self.CSS)

    def test_an_upload_is_kept_a_month(self):
        headers = self.headers("/media/uploads/2026/03/map-3f9a.jpg")
        self.assertEqual(headers.get_all("Cache-Control"), ["public, max-age=2592000"])
        self.assertEqual(headers.get_all("X-Content-Type-Options"), ["nosniff"])
        self.assertIsNone(headers.get("Expires"))


class NginxAppDownTests(RunningNginx, SimpleTestCase):
    """gunicorn down or restarting: nginx answers with the site's own page, not its
    bare 502, and tells a load balancer the truth."""

    @classmethod
    def setUpClass(cls):
        cls.require_nginx()
        super().setUpClass()
        # Nothing listens on the app's port.
        cls.start_nginx(free_port())
        # As collectstatic writes it in production (settings.STORAGES).
        list(StaticStorage(location=cls.static_root).post_process({}))

    def test_a_reader_gets_the_site_s_page(self):
        for path in ("/", "/world/2026/03/04/minister-resigns/?fbclid=abc", "/search/?q=x"):
            with self.subTest(path=path):
                response = self.get(path)
                self.assertEqual(response.status, 502)
                self.assertEqual(response.body, unavailable_page().encode())
                self.assertIn(
                    f"<title>Temporarily unavailable | {settings.NEWSROOM_NAME}</title>",
                    response.body.decode(),
                )
                self.assertEqual(response.getheader("Content-Type"), "text/html")
                self.assertEqual(response.getheader("Retry-After"), "30")
                self.assertEqual(response.msg.get_all("Cache-Control"), ["no-store"])

    def test_a_form_sent_meanwhile_gets_the_page_too(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.reader_port, timeout=10)
        try:
            connection.request(
                "POST",
                "/admin/login/",
                body="username=a",
                headers={
                    "Host": "news.example",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            response = connection.getresponse()
            self.assertEqual(response.status, 502)
            self.assertEqual(response.read(), unavailable_page().encode())
        finally:
            connection.close()

    def test_the_health_check_fails(self):
        response = self.get("/healthz")
        self.assertEqual(response.status, 502)

    def test_without_the_page_the_status_still_says_so(self):
        """collectstatic not run since the page came in: nginx's own page, not a 404."""
        page = self.static_root / "errors" / "unavailable.html"
        kept = page.with_suffix(".kept")
        page.rename(kept)
        self.addCleanup(kept.rename, page)
        for path in ("/healthz", "/"):
            with self.subTest(path=path):
                response = self.get(path)
                self.assertEqual(response.status, 502)
                self.assertNotIn(b"We will be back", response.body)

    def test_the_page_is_self_contained(self):
        """No stylesheet, script or picture to fetch from a site that is down."""
        page = unavailable_page()
        self.assertIn("<style>", page)
        self.assertNotRegex(page, r"<link|<script|<img|src=")
