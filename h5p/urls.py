"""Root URLs of h5p (no language prefix): the sandboxed player, its files, and the lesson page's posts."""

from django.urls import path, re_path

from . import views

app_name = "h5p"
urlpatterns = [
    path("play/<str:token>/", views.player, name="player"),
    # Content-addressed: the package's SHA-256 is in the address, so a file's bytes never change under it.
    re_path(r"^files/(?P<token>[^/]+)/(?P<content_hash>[0-9a-f]{64})/(?P<path>.+)$", views.package_file, name="file"),
    path("statements/<id:lesson_id>/<id:content_id>/", views.statement, name="statement"),
    path("state/<id:lesson_id>/<id:content_id>/", views.state, name="state"),
    path("activities/<id:lesson_id>/<id:content_id>/", views.activity, name="activity"),
]
