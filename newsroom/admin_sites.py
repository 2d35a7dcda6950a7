"""The sites admin: the domain is the deployment's, not a form's, once it is set.

Pages' canonical links, social cards and JSON-LD name ``NEWSROOM_DOMAIN``;
feeds, sitemaps and robots.txt name the ``Site`` row, which ``migrate``
writes from the same setting (``articles.apps.sync_site_after_migrate``). A
domain changed in the admin would split them until the next deploy: canonical
links on one host, sitemaps on another, the duplicate the one host name is
there to prevent. With the setting, the row is shown read-only and says where
the domain comes from (``make run`` sets it to the address it serves); without
it, the row stays editable.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.sites.admin import SiteAdmin
from django.contrib.sites.models import Site

from newsroom.admin_history import LogsOnlyChanges


class DomainFromSettingsSiteAdmin(LogsOnlyChanges, SiteAdmin):
    def _from_settings(self):
        return bool(settings.NEWSROOM_DOMAIN.strip())

    def has_add_permission(self, request):
        return not self._from_settings() and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return not self._from_settings() and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._from_settings() and super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if self._from_settings():
            self.message_user(
                request,
                f"The domain is set by the NEWSROOM_DOMAIN setting "
                f"({settings.NEWSROOM_DOMAIN}); change it there and run migrate.",
                messages.INFO,
            )
        return super().changeform_view(request, object_id, form_url, extra_context)


admin.site.unregister(Site)
admin.site.register(Site, DomainFromSettingsSiteAdmin)
