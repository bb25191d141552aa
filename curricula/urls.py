from django.urls import path

from . import views

app_name = "curricula"
urlpatterns = [
    path("<id:page_id>/adopt/", views.adopt, name="adopt"),
    path("<id:page_id>/export.json", views.export_json, name="export_json"),
    path("<id:page_id>/export.pdf", views.export_pdf, name="export_pdf"),
    path("<id:page_id>/changes/<id:from_revision>...<id:to_revision>/", views.changes, name="changes"),
]
