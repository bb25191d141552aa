from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path("course/<id:course_id>/enrol/", views.enrol, name="enrol"),
    path("enrolment/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("lesson/<id:lesson_id>/progress/", views.lesson_progress, name="lesson_progress"),
    path("lesson/<id:lesson_id>/video/<id:video_id>/", views.video_file, name="video_file"),
    path("lesson/<id:lesson_id>/video/<id:video_id>/poster/", views.video_poster, name="video_poster"),
    path(
        "lesson/<id:lesson_id>/video/<id:video_id>/captions/<str:language>.vtt",
        views.video_captions,
        name="video_captions",
    ),
    path("lesson/<id:lesson_id>/video/<id:video_id>/progress/", views.video_progress, name="video_progress"),
    path("lesson/<id:lesson_id>/quiz/<id:quiz_id>/start/", views.quiz_start, name="quiz_start"),
    path("attempt/<id:pk>/", views.attempt, name="attempt"),
    path("certificate/<id:pk>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificate/<str:code>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("manage/", views.manage, name="manage"),
    path("manage/enrolment/<id:pk>/decide/", views.manage_decide, name="manage_decide"),
    path("manage/enrol/", views.manage_enrol, name="manage_enrol"),
    path("manage/enrol-csv/", views.manage_enrol_csv, name="manage_enrol_csv"),
]
