"""A learner's own records, mounted at /<language>/learn/records/."""

from django.urls import path

from . import learner_views

app_name = "xapi_learner"
urlpatterns = [
    path("statements.json", learner_views.my_statements, name="statements"),
]
