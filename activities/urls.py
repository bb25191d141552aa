from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/feed/", views.feed_settings, name="feed_settings"),
    path("calendar/feed/<str:token>.ics", views.feed, name="feed"),
    path("<id:pk>/", views.activity_detail, name="detail"),
    path("<id:pk>/sessions/", views.session_add, name="session_add"),
    path("<id:pk>/sessions/<id:session>/attendance/", views.attendance, name="attendance"),
    path("<id:pk>/nominate/", views.nominate, name="nominate"),
    path("<id:pk>/close/", views.nominations_close, name="close"),
    path("<id:pk>/cancel/", views.activity_cancel, name="cancel"),
    path("<id:pk>/certificates/", views.certificates_issue, name="certificates"),
    path("<id:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("nominations/<id:pk>/decide/", views.nomination_decide, name="decide"),
    path("nominations/<id:pk>/withdraw/", views.nomination_withdraw, name="withdraw"),
]
