"""Root URLs of h5p (no language prefix): the sandboxed player, its files, and the lesson page's posts."""

from django.urls import path

from . import views

app_name = "h5p"
urlpatterns = [
    path("play/<str:token>/", views.player, name="player"),
    path("files/<str:token>/<path:path>", views.package_file, name="file"),
    path("statements/<id:lesson_id>/<id:content_id>/", views.statement, name="statement"),
    path("state/<id:lesson_id>/<id:content_id>/", views.state, name="state"),
    path("activities/<id:lesson_id>/<id:content_id>/", views.activity, name="activity"),
]
