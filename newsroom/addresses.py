"""Absolute addresses of the site's own pages, on the one host name readers use.

A site answers on more than one host name (``www.`` and the bare domain, the
origin's own name behind a CDN). Each page's canonical link, its social cards
and its JSON-LD must name one of them, the one the feeds, the sitemaps and
robots.txt name (``NEWSROOM_DOMAIN``, the Site's domain), or search engines
see the same story twice. Without ``NEWSROOM_DOMAIN`` (development, tests) the
request's own host stands in.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.request import validate_host
from django.templatetags.static import static
from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme


def absolute_url(request, location):
    """``location`` (a path such as ``/europe/``) as an absolute address on the site's host.

    The scheme is the request's (HTTPS behind the proxy). An address that is
    absolute already (uploads on a CDN) is returned as it is.
    """
    domain = settings.NEWSROOM_DOMAIN.strip()
    if not domain or not location.startswith("/") or location.startswith("//"):
        return request.build_absolute_uri(location)
    return f"{request.scheme}://{domain}{iri_to_uri(location)}"


@lru_cache(maxsize=256)
def cached_static(path):
    """``static(path)``, the address of one of the site's static files, once per process.

    Every page's frame names the same five files, and the storage works each
    address out again (the manifest's hashed name, quoting, joining to
    ``STATIC_URL``) for the same answer: the manifest is read when the storage
    is made, and ``STATIC_URL`` when it is first asked for, so neither changes
    under a running process. A test that overrides the settings they come from
    empties the memo (below). A file missing from the manifest raises as
    ``static`` does, and is not remembered.
    """
    return static(path)


@receiver(setting_changed, dispatch_uid="newsroom_cached_static")
def _forget_static_addresses(*, setting, **kwargs):
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"}:
        cached_static.cache_clear()


def is_local_path(address):
    """An address on this site, written as a path: "/europe/…", not "//host/…" or a URL."""
    return address.startswith("/") and not address.startswith(("//", "/\\"))


def own_path(address):
    """The path (with its query) of ``address`` if it is one of this site's own pages,
    written as a path or in full on one of the site's host names; None otherwise.

    ``https://news.example/europe/…`` is the page ``/europe/…``: the checks a
    kept redirect passes (a story taken down since answers 410, not a 301 to
    it) and the rewriting of redirects when a page moves read paths. Only the
    host names this site is served on, written out: ``ALLOWED_HOSTS``' ".news.example"
    also admits the shop's and the podcast's hosts, other sites on the same domain.
    """
    if is_local_path(address):
        return address
    parts = _readable(address)
    exact = [host for host in _own_hosts() if not host.startswith(".")]
    if parts is None or parts.hostname in settings.REDIRECT_HOSTS:
        return None
    if not validate_host(parts.hostname, exact):
        return None
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _readable(address):
    """``address`` split, if its host is the one a browser would go to; else None.

    Django's own reading of the address (backslashes, user names, control
    characters): the host it would send a browser to is the one checked.
    """
    parts = urlsplit(address)
    if not parts.hostname or not url_has_allowed_host_and_scheme(
        address, allowed_hosts={parts.netloc}, require_https=False
    ):
        return None
    return parts


def _own_hosts():
    """The host names this site answers on: ``NEWSROOM_DOMAIN`` and ``ALLOWED_HOSTS``."""
    domain = settings.NEWSROOM_DOMAIN.strip()
    hosts = [
        *(host for host in settings.ALLOWED_HOSTS if host != "*"),
        *([urlsplit(f"//{domain}").hostname] if domain else []),
    ]
    return [host for host in hosts if host]


def may_redirect_to(address):
    """A redirect may lead to ``address``: a path on this site, an address on one of
    its own host names (``NEWSROOM_DOMAIN``, ``ALLOWED_HOSTS``), or on a host the
    operator lists in ``REDIRECT_HOSTS`` (the podcast's, the shop's)."""
    if is_local_path(address):
        return True
    parts = _readable(address)
    if parts is None:
        return False
    hosts = [host for host in settings.REDIRECT_HOSTS if host]
    return validate_host(parts.hostname, [*hosts, *_own_hosts()])
