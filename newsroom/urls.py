"""Root URLs. Section pages sit at the root (/world/), so their route comes last."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from articles import sitemaps
from articles.upload_views import ckeditor_upload
from newsroom import admin_session, admin_shortcut


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon.

    The static URL is looked up per request, not at import, so a missing
    collectstatic manifest cannot stop the whole URL configuration from loading.
    """
    return redirect(static_url("img/favicon.svg"), permanent=True)


admin.site.site_header = f"{settings.NEWSROOM_NAME} newsdesk"
admin.site.site_title = f"{settings.NEWSROOM_NAME} newsdesk"
admin.site.index_title = "Desk"
# The story list is wide (image, headline, section, byline, status, time); the
# sidebar would squeeze it, and the breadcrumbs and dashboard already navigate.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    # Before admin.site.urls: takes the place of the admin's own "view on site"
    # redirect (same address, so its links reach this one), which sent any
    # staff user to any object's address, drafts' included.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin_shortcut.view_on_site,
        name="admin-view-on-site",
    ),
    path("admin/session/", admin_session.session_check, name="admin-session-check"),
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon, name="favicon"),
    # Our own upload view (checked, re-encoded, CSRF-protected); no server browsing.
    path("ckeditor/upload/", ckeditor_upload, name="ckeditor_upload"),
    path("authors/", include("authors.urls")),
    path("sources/", include("sources.urls")),
    path("feeds/", include("articles.feed_urls")),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        # Read, never sent to: anything but GET and HEAD is refused, as on every
        # page (405; a POST without a CSRF token meets the CSRF check's 403 first).
        require_safe(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        # Django's template writes a date alone; a story corrected at noon is
        # "modified" to the second, as the index and the news sitemap say.
        {"sitemaps": sitemaps.SITEMAPS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("", include("pages.urls")),
    path("", include("articles.workflow_urls")),
    path("", include("articles.urls")),
    path("", include("sections.urls")),
]

handler404 = "articles.views.page_not_found"
# A database error outside a view (a middleware, the 404 page) is a 503 too.
handler500 = "newsroom.middleware.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
