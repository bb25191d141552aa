from django.urls import path

from . import views

app_name = "instructors"
urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("instructors/", views.profile_list, name="profiles"),
    path("instructors/<id:pk>/", views.profile_detail, name="profile"),
    path("instructors/<id:pk>/verify/", views.profile_verify, name="profile_verify"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/availability/", views.availability_add, name="availability_add"),
    path("profile/availability/<id:pk>/delete/", views.availability_remove, name="availability_remove"),
    path("profile/certifications/", views.certification_add, name="certification_add"),
    path("certifications/<id:pk>/", views.certification_file, name="certification_file"),
    path("offers/", views.offer_list, name="offers"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<id:pk>/", views.offer_detail, name="offer"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<id:pk>/", views.request_detail, name="request"),
    path("<str:kind>/<id:pk>/close/", views.listing_close, name="listing_close"),
    path("propose/", views.propose, name="propose"),
    path("agreements/<id:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<id:pk>/act/", views.agreement_act, name="agreement_act"),
    path("agreements/<id:pk>/schedule/", views.agreement_schedule, name="agreement_schedule"),
    path("agreements/<id:pk>/messages/", views.message_post, name="message_post"),
    path("agreements/<id:pk>/report/host/", views.host_report, name="host_report"),
    path("agreements/<id:pk>/report/instructor/", views.instructor_report, name="instructor_report"),
    path("agreements/<id:pk>/calendar.ics", views.agreement_calendar_file, name="agreement_calendar"),
    path("agreements/<id:pk>/terms.pdf", views.agreement_terms_pdf, name="agreement_pdf"),
]
