from django.urls import path

from . import views

app_name = "sso"
urlpatterns = [
    path("", views.sign_in, name="sign_in"),
    path("providers/", views.providers, name="providers"),
    path("providers/new/", views.provider_edit, name="provider_create"),
    path("providers/<id:pk>/", views.provider_edit, name="provider_edit"),
]
