from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("verification/request/", views.verification_request, name="verification_request"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("verification/<id:pk>/decide/", views.verification_decide, name="verification_decide"),
    path("roles/", views.roles, name="roles"),
    path("roles/<id:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("notifications/", views.notifications, name="notifications"),
]
