"""Root URLs of the learning record store, mounted at /xapi/ (no language prefix)."""

from django.urls import re_path

from . import resources, views

app_name = "xapi"
urlpatterns = [
    re_path(r"^statements/?$", views.statements, name="statements"),
    re_path(r"^about/?$", views.about, name="about"),
    re_path(r"^activities/state/?$", resources.state, name="state"),
    re_path(r"^activities/profile/?$", resources.activity_profile, name="activity_profile"),
    re_path(r"^activities/?$", resources.activities, name="activities"),
    re_path(r"^agents/profile/?$", resources.agent_profile, name="agent_profile"),
    re_path(r"^agents/?$", resources.agents, name="agents"),
]
