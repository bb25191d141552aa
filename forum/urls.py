from django.urls import path

from . import views

app_name = "forum"
urlpatterns = [
    path("", views.index, name="index"),
    path("following/", views.subscriptions, name="subscriptions"),
    path("reports/", views.reports, name="reports"),
    path("reports/<id:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("approaches/", views.approaches, name="approaches"),
    path("approaches/<id:period>/<id:state>/new/", views.approach_create, name="approach_create"),
    path("threads/<id:pk>/", views.thread, name="thread"),
    path("threads/<id:pk>/reply/", views.reply, name="reply"),
    path("threads/<id:pk>/follow/", views.follow_thread, name="follow_thread"),
    path("threads/<id:pk>/moderate/", views.thread_moderate, name="thread_moderate"),
    path("posts/<id:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<id:pk>/history/", views.post_history, name="post_history"),
    path("posts/<id:pk>/react/", views.react, name="react"),
    path("posts/<id:pk>/answer/", views.mark_answer, name="mark_answer"),
    path("posts/<id:pk>/report/", views.report, name="report"),
    path("posts/<id:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("files/<id:pk>/", views.attachment, name="attachment"),
    path("<slug:slug>/", views.space, name="space"),
    path("<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("<slug:slug>/follow/", views.follow_space, name="follow_space"),
]
