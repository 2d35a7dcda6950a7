"""Root URLs. Section pages sit at the root (/world/), so their route comes last."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles import sitemaps
from articles.upload_views import ckeditor_upload

urlpatterns = [
    path("admin/", admin.site.urls),
    # Our own upload view (checked, re-encoded, CSRF-protected); no server browsing.
    path("ckeditor/upload/", ckeditor_upload, name="ckeditor_upload"),
    path("authors/", include("authors.urls")),
    path("sources/", include("sources.urls")),
    path("feeds/", include("articles.feed_urls")),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("", include("articles.workflow_urls")),
    path("", include("articles.urls")),
    path("", include("sections.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
