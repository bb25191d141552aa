"""The public verification page of certificates, without a language prefix (/verify/<code>/)."""

from django.urls import path

from . import views

urlpatterns = [path("<str:code>/", views.verify, name="certificate_verify")]
