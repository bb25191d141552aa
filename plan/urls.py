from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("", views.index, name="index"),
    path("work-plans/new/", views.work_plan_create, name="work_plan_create"),
    path("work-plans/<id:pk>/", views.work_plan, name="work_plan"),
    path("work-plans/<id:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("work-plans/<id:pk>/activities/<id:activity_pk>/", views.activity_edit, name="activity_edit"),
    path("work-plans/<id:pk>/activities/<id:activity_pk>/remove/", views.activity_remove, name="activity_remove"),
    path("work-plans/<id:pk>/activities/<id:activity_pk>/status/", views.activity_status, name="activity_status"),
    path("work-plans/<id:pk>/send/", views.work_plan_send, name="work_plan_send"),
    path("work-plans/<id:pk>/reopen/", views.work_plan_reopen, name="work_plan_reopen"),
    path("work-plans/<id:pk>/approve/", views.work_plan_approve, name="work_plan_approve"),
    path("work-plans/<id:pk>/publish/", views.work_plan_publish, name="work_plan_publish"),
    path("work-plans/<id:pk>/position/<str:code>/", views.position, name="position"),
    path("work-plans/<id:pk>/versions/<id:number>/", views.version, name="version"),
    path("progress/", views.progress, name="progress"),
    path("targets/", views.targets, name="targets"),
    path("similar/", views.similar, name="similar"),
    path("follow-up/", views.followup, name="followup"),
    path("follow-up/<id:pk>/report.pdf", views.followup_download, {"kind": "pdf"}, name="followup_pdf"),
    path("follow-up/<id:pk>/report.xlsx", views.followup_download, {"kind": "xlsx"}, name="followup_xlsx"),
    path("reports/", views.reports, name="reports"),
    path("reports/<id:pk>/", views.report, name="report"),
]
