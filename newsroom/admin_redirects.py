"""The redirects admin: old addresses lead to this site, or to hosts the operator lists.

Django's own form takes any text as the new address, a whole URL included, so
an editor's account (or a stolen one) could send a story's old address, shared
in newsletters and posts for years, to another site's sign-in page. Renamed
stories, authors, sources and sections keep their old addresses as redirects
to their new ones on this site (``keep_old_addresses``); an address on another
site (``/podcast/`` to the podcast's host) needs its host in the
``REDIRECT_HOSTS`` setting, which only whoever deploys the site sets (the
site's own host names, written in full, are on the site: ``may_redirect_to``).
``QueryTolerantRedirectMiddleware`` follows no other address either, so a row
written around the form (a shell, a fixture) is not followed off the site.
"""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError

from newsroom.addresses import is_local_path, may_redirect_to, own_path


class LocalRedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["site", "old_path", "new_path"]
        help_texts = {
            # Django's own says "or a full URL starting with a scheme", which this refuses.
            "new_path": "A path on this site, starting with “/”: “/europe/2025/03/04/new-story/”. "
            "Leave it empty for a page that is gone for good (410). Another site's address "
            "needs its host in the site's REDIRECT_HOSTS setting.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "site" in self.fields:
            # The one site the newsroom runs: chosen already, not a bare "required".
            self.fields["site"].initial = settings.SITE_ID

    def clean_old_path(self):
        old_path = self.cleaned_data["old_path"].strip()
        if not is_local_path(old_path):
            raise ValidationError(
                "Write the old address as a path on this site, starting with “/”: "
                "“/europe/2025/03/04/old-story/”.",
                code="not_a_path",
            )
        return old_path

    def clean_new_path(self):
        new_path = self.cleaned_data["new_path"].strip()
        if new_path and not may_redirect_to(new_path):
            raise ValidationError(
                "Redirects lead to addresses on this site: write a path starting with "
                "“/” (“/europe/2025/03/04/new-story/”), or leave it empty for a page that "
                "is gone for good (410). Another site's address needs its host in the "
                "site's REDIRECT_HOSTS setting, which whoever runs the site sets.",
                code="not_local",
            )
        # One of the site's own pages written in full is kept as its path: the
        # checks a redirect passes before it is followed (a story taken down
        # since answers 410) and the rewriting when the page moves read paths.
        # With an anchor it is kept as written, which those checks read too: a
        # path with one would not resolve, and a link's query would land in it.
        if urlsplit(new_path).fragment:
            return new_path
        return own_path(new_path) or new_path


class LocalRedirectAdmin(RedirectAdmin):
    form = LocalRedirectForm


admin.site.unregister(Redirect)
admin.site.register(Redirect, LocalRedirectAdmin)
