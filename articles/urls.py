from django.urls import path

from articles import search, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search.search_view, name="search"),
    path(
        "<slug:section>/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        views.article_detail,
        name="detail",
    ),
]
