from django.urls import path

from . import views

app_name = "badges"
urlpatterns = [
    path("issuer.json", views.issuer, name="issuer"),
    path("jwks.json", views.jwks, name="jwks"),
    path("status/<int:number>.json", views.status_list, name="status_list"),
    path("credentials/<id:pk>.json", views.download, name="download"),
    path("credentials/<id:pk>.png", views.download_image, {"kind": "png"}, name="download_png"),
    path("credentials/<id:pk>.svg", views.download_image, {"kind": "svg"}, name="download_svg"),
]
