"""Root URLs of the learning record store, mounted at /xapi/ (no language prefix)."""

from django.urls import re_path

from . import views

app_name = "xapi"
urlpatterns = [
    re_path(r"^statements/?$", views.statements, name="statements"),
    re_path(r"^about/?$", views.about, name="about"),
]
