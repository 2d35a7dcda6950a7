"""Request-level security that settings alone cannot express.

Two small pieces, both named in ``settings.py``:

- :class:`PathCSPMiddleware` gives the public site a strict Content-Security-Policy
  and gives the staff-only admin the looser one CKEditor 4 needs (see
  docs/decisions/0012-content-security-policy.md for what each allowance is for).
- :func:`client_ip` tells django-axes which address a sign-in attempt came from
  when the app runs behind one or more proxies of our own.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.checks import Warning

# Paths whose pages run CKEditor or Django's admin scripts. Everything else is
# the public site and gets the strict policy from CONTENT_SECURITY_POLICY.
STAFF_PATH_PREFIXES = ("/admin/", "/ckeditor/")


class PathCSPMiddleware(CSPMiddleware):
    """Send ``CONTENT_SECURITY_POLICY_STAFF`` on staff paths, the strict policy elsewhere.

    A view decorator cannot reach the admin's views, so the choice is made by path,
    and by who asks: the sign-in page, and whatever else the admin shows someone
    not signed in as staff, keeps the strict policy. Those pages run no CKEditor,
    and they are the ones anyone on the internet can reach.
    The staff policy *replaces* directives of the public one (``csp_replace``
    semantics), so directives it does not name stay as strict as on the public site.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not request.path_info.startswith(STAFF_PATH_PREFIXES):
            return parts
        user = getattr(request, "user", None)
        if user is None or not (user.is_authenticated and user.is_staff):
            return parts
        staff = settings.CONTENT_SECURITY_POLICY_STAFF
        return PolicyParts(
            config=parts.config,
            update=parts.update,
            replace={**staff, **(parts.replace or {})},
            nonce=parts.nonce,
        )


def client_ip(request):
    """Return the address of the client, trusting only our own proxies.

    ``TRUSTED_PROXY_COUNT`` says how many proxies of ours (nginx, a load balancer)
    sit in front of the app. Each appends the address it received the request from
    to ``X-Forwarded-For``, so the client is the entry that many places from the
    right; anything further left was written by the client and could be forged.
    With no proxies (the default) the socket address is the only one we trust.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote_addr
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request skipped a proxy; trust the socket.
        return remote_addr
    return forwarded[-proxies]


def check_trusted_proxies(app_configs, **kwargs):
    """Warn when production reads the client's address as the proxy's.

    With ``TRUSTED_PROXY_COUNT`` at 0 behind nginx (``deploy/nginx.conf``),
    every request comes from nginx's own address, so the sign-in lockout
    counts every reader's failures together: five wrong passwords from anyone
    lock that user out for an hour, wherever they sign in from.
    """
    if settings.DEBUG or not settings.AXES_ENABLED or settings.TRUSTED_PROXY_COUNT > 0:
        return []
    return [
        Warning(
            "TRUSTED_PROXY_COUNT is 0: behind a proxy, every sign-in comes from the "
            "proxy's address, and five wrong passwords from anyone lock that user out.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies of yours in front of "
            "the app (1 for nginx alone, 2 for a load balancer and nginx). If readers "
            "reach gunicorn directly, silence newsroom.W001.",
            id="newsroom.W001",
        )
    ]

