from django.urls import path

from . import views

app_name = "curricula"
urlpatterns = [
    path("<int:page_id>/adopt/", views.adopt, name="adopt"),
    path("<int:page_id>/export.json", views.export_json, name="export_json"),
    path("<int:page_id>/export.pdf", views.export_pdf, name="export_pdf"),
    path("<int:page_id>/changes/<int:from_revision>...<int:to_revision>/", views.changes, name="changes"),
]
