from django.urls import path

from . import views

app_name = "cartridges"

urlpatterns = [
    path("course/<id:course_id>/export/", views.course_export, name="course_export"),
    path("curriculum/<id:curriculum_id>/export/", views.curriculum_export, name="curriculum_export"),
]
