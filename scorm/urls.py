"""Root URLs of scorm (no language prefix): the sandboxed SCO documents and files, and the lesson page's posts."""

from django.urls import path

from . import views

app_name = "scorm"
urlpatterns = [
    path("launch/<str:token>/<str:item>/", views.launch, name="launch"),
    path("files/<str:token>/<path:path>", views.package_file, name="file"),
    path("commit/<id:lesson_id>/<id:package_id>/", views.commit, name="commit"),
    path("attempt/<id:lesson_id>/<id:package_id>/", views.attempt, name="attempt"),
    path("activities/<id:lesson_id>/<id:package_id>/", views.activity, name="activity"),
]
