"""The site's URLs plus one benchmark-only view, mounted by ``bench.settings`` alone."""

import os
from functools import cache

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


@cache
def _fixed_bytes():
    # The story page as rendered once by bench/run.py, so Django and nginx
    # serve exactly the bytes the real page has.
    with open(os.environ["BENCH_FIXED_FILE"], "rb") as page:
        return page.read()


def fixed_bytes(request):
    """The floor of this stack: Django returning stored bytes, no database, no template."""
    return HttpResponse(_fixed_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench/fixed/", fixed_bytes), *site_urlpatterns]
