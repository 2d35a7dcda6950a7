"""Absolute addresses of the site's own pages, on the one host name readers use.

A site answers on more than one host name (``www.`` and the bare domain, the
origin's own name behind a CDN). Each page's canonical link, its social cards
and its JSON-LD must name one of them, the one the feeds, the sitemaps and
robots.txt name (``NEWSROOM_DOMAIN``, the Site's domain), or search engines
see the same story twice. Without ``NEWSROOM_DOMAIN`` (development, tests) the
request's own host stands in.
"""

from django.conf import settings
from django.utils.encoding import iri_to_uri


def absolute_url(request, location):
    """``location`` (a path such as ``/europe/``) as an absolute address on the site's host.

    The scheme is the request's (HTTPS behind the proxy). An address that is
    absolute already (uploads on a CDN) is returned as it is.
    """
    domain = settings.NEWSROOM_DOMAIN.strip()
    if not domain or not location.startswith("/") or location.startswith("//"):
        return request.build_absolute_uri(location)
    return f"{request.scheme}://{domain}{iri_to_uri(location)}"
