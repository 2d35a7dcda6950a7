"""The static files storage of production: whitenoise's, plus the page nginx shows
when the app cannot answer.

nginx answers a reader itself when gunicorn is down, restarting or too slow
(502, 504: ``error_page`` in deploy/nginx.conf). Its own page is 150 bytes
with no site name, so it serves ``errors/unavailable.html`` from STATIC_ROOT
instead. That file is rendered by ``collectstatic`` from the app's own
``templates/errors/unavailable.html`` (the database-down page's words, in the
frame of ``errors/standalone.html``), with the settings of the deploy that runs
it: a page committed as a file would keep the old site name, styles and words
after any of them changed. See docs/deployment.md.
"""

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from whitenoise.storage import CompressedManifestStaticFilesStorage

UNAVAILABLE_PAGE = "errors/unavailable.html"


def unavailable_page():
    """The page as nginx sends it: self-contained (inline styles), no request needed."""
    return render_to_string(UNAVAILABLE_PAGE)


def write_unavailable_page(storage):
    """Write :data:`UNAVAILABLE_PAGE` into ``storage``, replacing the last deploy's copy."""
    if storage.exists(UNAVAILABLE_PAGE):
        storage.delete(UNAVAILABLE_PAGE)
    storage.save(UNAVAILABLE_PAGE, ContentFile(unavailable_page().encode()))


class StaticStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage (hashed names, compressed copies); ``collectstatic``
    also writes the page nginx serves while the app is away."""

    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            write_unavailable_page(self)
            yield UNAVAILABLE_PAGE, UNAVAILABLE_PAGE, True
        yield from super().post_process(paths, dry_run=dry_run, **options)
