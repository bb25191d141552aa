"""Under /verify/, beside the certificate pages of courses: the verifier and each certificate's credential."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.verify_credential, name="credential_verify"),
    path("<str:code>/credential.json", views.credential, name="certificate_credential"),
]
