from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("", views.index, name="index"),
    path("submit/", views.submit, name="submit"),
    path("mine/", views.mine, name="mine"),
    path("<id:pk>/", views.practice, name="practice"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/review/", views.review, name="review"),
    path("<id:pk>/publish/", views.publish, name="publish"),
    path("<id:pk>/rate/", views.rate, name="rate"),
    path("<id:pk>/comment/", views.comment, name="comment"),
    path("<id:pk>/adopt/", views.adopt, name="adopt"),
    path("<id:pk>/practice.pdf", views.pdf, name="pdf"),
]
