"""Root URLs. Section pages sit at the root (/world/), so their route comes last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ckeditor/", include("ckeditor_uploader.urls")),
    path("authors/", include("authors.urls")),
    path("sources/", include("sources.urls")),
    path("feeds/", include("articles.feed_urls")),
    path("", include("articles.workflow_urls")),
    path("", include("articles.urls")),
    path("", include("sections.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
