"""The JSON search API, without a language prefix: ``/api/search/?q=...`` and ``/api/search/suggest/``."""

from django.urls import path

from . import views

app_name = "search_api"
urlpatterns = [
    path("", views.search_json, name="search"),
    path("suggest/", views.suggest_json, name="suggest"),
]
