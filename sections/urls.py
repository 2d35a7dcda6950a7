from django.urls import path

from sections import views

app_name = "sections"

urlpatterns = [
    path("<slug:slug>/", views.section_detail, name="detail"),
]
