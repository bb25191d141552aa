from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("hemisphere/", views.hemisphere, name="hemisphere"),
    path("state/<str:code>/", views.state, name="state"),
    path("refresh/", views.refresh, name="refresh"),
    path("reports/", views.reports, name="reports"),
    path("reports/<id:pk>/", views.report, name="report"),
    path("reports/<id:pk>/download/", views.report_download, name="report_download"),
]
