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

from urllib.parse import unquote, urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.utils.encoding import escape_uri_path, iri_to_uri

from articles.services import live_page_at
from newsroom.addresses import is_local_path, may_redirect_to, own_path
from newsroom.admin_history import LogsOnlyChanges


def as_requested(path):
    """``path`` as the redirect middleware compares a request's, percent-encoded
    (``escape_uri_path``): "/café-old/", saved as typed, never matched a request."""
    path, query = (path.split("?", 1) + [""])[:2]
    path = escape_uri_path(unquote(path))
    return f"{path}?{iri_to_uri(query)}" if query else path


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
        return as_requested(old_path)

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

    def clean(self):
        """Refuse a redirect to itself, or to an address that is redirected on.

        "/a/" to "/a/", or "/x/" to "/y/" with "/y/" to "/x/", sent readers'
        browsers round until they gave up; "/b/" to "/c/" with "/c/" to "/d/"
        cost each reader a second hop.
        """
        cleaned = super().clean()
        old_path, new_path, site = (cleaned.get(name) for name in ("old_path", "new_path", "site"))
        if not old_path or not new_path or site is None:
            return cleaned
        target = urlsplit(own_path(new_path) or "").path
        if target and target == urlsplit(old_path).path:
            raise ValidationError(
                {"new_path": "This would lead the old address to itself, and readers' "
                 "browsers round in a loop."},
                code="loop",
            )
        redirected_from = as_requested(target) if target else new_path
        onward = (
            Redirect.objects.filter(site=site, old_path=redirected_from)
            .exclude(pk=self.instance.pk)
            .values_list("new_path", flat=True)
            .first()
        )
        if onward is not None:
            leads = f"on to “{onward}”" if onward else "to a page gone for good"
            raise ValidationError(
                {"new_path": f"“{new_path}” is itself redirected {leads}: lead this "
                 "address straight there, so readers are not sent twice (or round in a "
                 "loop)."},
                code="chain",
            )
        return cleaned


class LocalRedirectAdmin(LogsOnlyChanges, RedirectAdmin):
    form = LocalRedirectForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        live = live_page_at(obj.old_path)
        if live:
            # Saved all the same: a page about to be taken down may be given
            # its redirect first.
            self.message_user(
                request,
                f"“{obj.old_path}” is {live}, which readers see now: the redirect is "
                "followed only once that address is gone (answers “not found”).",
                messages.WARNING,
            )
        # Those that led to this address lead where it now does, in one hop.
        led_here = (
            Redirect.objects.filter(site=obj.site, new_path=obj.old_path)
            .exclude(pk=obj.pk)
            .update(new_path=obj.new_path)
        )
        if led_here:
            now_to = obj.new_path or "gone for good (410)"
            self.message_user(
                request,
                f"1 other redirect that led to “{obj.old_path}” now leads straight to "
                f"“{now_to}”."
                if led_here == 1
                else f"{led_here} other redirects that led to “{obj.old_path}” now lead "
                f"straight to “{now_to}”.",
                messages.INFO,
            )


admin.site.unregister(Redirect)
admin.site.register(Redirect, LocalRedirectAdmin)
