from django.urls import path

from . import views

app_name = "lti"

urlpatterns = [
    path("jwks/", views.jwks, name="jwks"),
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("deep-link/", views.deep_link_answer, name="deep_link"),
    path("open/", views.ticket_open, name="open"),
    path("register/", views.register, name="register"),
]
