from django.urls import path

from authors import views

app_name = "authors"

urlpatterns = [
    path("", views.author_index, name="index"),
    path("<slug:slug>/", views.author_detail, name="detail"),
]
