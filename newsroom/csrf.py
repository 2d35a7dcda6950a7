"""The page a form gets when its CSRF check fails (``CSRF_FAILURE_VIEW``).

Most often the form's page was open while its user signed in again in
another tab, which gives the browser a new token: the page's is refused.
Django's own page speaks to developers. This one says what happened and how
to go on, in the layout of the other error pages (templates/403_csrf.html).

Reloading does not help on a page a form led to, such as the import's
confirm step or "Archive selected" with its takedown note: the browser would
send that earlier form, with the same old token, again. Going back does not
either: Chromium shows "Confirm Form Resubmission", and what was typed on the
page is gone. So the page links to the one the form came from, opened afresh,
and shows the note or the wire copy that was typed or pasted, to be copied.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger("django.security.csrf")

# Fields typed on a page a form leads to, by what the refusal calls them.
TYPED_FIELDS = {"status_note": "Your note", "text": "Your pasted copy"}


# Origin or Referer from an address the site does not trust: most often the site
# is reached through an address its settings do not name (CSRF_TRUSTED_ORIGINS,
# or a proxy that does not pass the scheme on), and every form fails alike.
UNTRUSTED_ORIGIN = ("Origin checking failed", "Referer checking failed - ")

UPLOAD_REFUSED = (
    "The picture was not sent: this page's security check no longer matches (you signed "
    "in again or out in another tab). Save the story, reload the page, then upload the "
    "picture again."
)


def csrf_failure(request, reason=""):
    """A 403 that says why the form was not sent and how to send it again.

    The story editor's picture upload is answered as its other refusals are
    (articles/upload_views.py): CKEditor shows the message of a 200 answer in
    its JSON, and only "HTTP error 403" for a page.
    """
    if request.path == reverse("ckeditor_upload"):
        # Django logs only a refusal answered with an error status: said here.
        logger.warning("Forbidden (%s): %s", reason, request.path)
        return JsonResponse({"uploaded": 0, "error": {"message": UPLOAD_REFUSED}})
    same_origin = _ours(request, request.headers.get("Origin"))
    came_from = request.headers.get("Referer")
    context = {
        "reason": reason,
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "no_referer": reason == REASON_NO_REFERER,
        "untrusted_origin": reason.startswith(UNTRUSTED_ORIGIN) and reason != REASON_NO_REFERER,
        "DEBUG": settings.DEBUG,
        "page_url": came_from if _ours(request, came_from) else None,
        # Only what the person sent from our own page: a form on another site
        # could post anything here, for the page to show as if it were ours.
        "typed": [
            (label, request.POST[name].strip())
            for name, label in TYPED_FIELDS.items()
            if same_origin and request.POST.get(name, "").strip()
        ],
    }
    # Rendered without the request, as Django renders its own: no context
    # processor, and nothing that needs the database.
    response = HttpResponseForbidden(render_to_string("403_csrf.html", context))
    add_never_cache_headers(response)
    return response


def _ours(request, url):
    """Whether ``url`` is an address on this site, as served to this request.

    Whole addresses only: a sandboxed frame on another site sends the origin
    "null", which would pass for a relative address.
    """
    if not url:
        return False
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc) == (request.scheme, request.get_host())
