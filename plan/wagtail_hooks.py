"""The admin of the plan: objectives, measures and indicators, for the secretariat only.

Who may add, change or delete them is decided by ``accounts.access.is_secretariat`` (a permission
policy registered for each model), not by Django model permissions, so the rule is the same one the
plan's pages use."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.api import Role, users_with_role

from . import access
from .models import Measure, Objective, PlanIndicator


class SecretariatOnlyPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return bool(user and user.is_authenticated and user.is_active and access.is_secretariat(user))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def users_with_any_permission(self, actions):
        superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
        return (users_with_role(role=Role.SECRETARIAT) | superusers).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


for _model in (Objective, Measure, PlanIndicator):
    register_permission_policy(_model, SecretariatOnlyPolicy(_model))


def _languages(field: str, heading) -> MultiFieldPanel:
    return MultiFieldPanel([FieldPanel(f"{field}_{code}") for code in ("en", "es", "pt", "fr")], heading=heading)


class ObjectiveViewSet(SnippetViewSet):
    model = Objective
    icon = "list-ol"
    menu_label = _("Objectives")
    list_display = ["code", "title_en", "order"]
    search_fields = ["code", "title_en", "title_es", "title_pt", "title_fr"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("order")]),
        _languages("title", _("Title")),
        _languages("description", _("Description")),
    ]


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "tasks"
    menu_label = _("Measures")
    list_display = ["code", "short_text", "objective", "section", "priority"]
    list_filter = ["section", "priority", "objective", "gender_perspective", "human_rights", "financing", "training"]
    search_fields = ["code", "text_en", "text_es", "text_pt", "text_fr"]
    panels = [
        FieldRowPanel([FieldPanel("objective"), FieldPanel("code"), FieldPanel("order")]),
        FieldRowPanel([FieldPanel("section"), FieldPanel("priority")]),
        MultiFieldPanel(
            [
                FieldPanel("gender_perspective"),
                FieldPanel("human_rights"),
                FieldPanel("financing"),
                FieldPanel("training"),
            ],
            heading=_("Crosscutting aspects"),
        ),
        _languages("text", _("Text")),
    ]


class IndicatorViewSet(SnippetViewSet):
    model = PlanIndicator
    icon = "pick"
    menu_label = _("Indicators")
    list_display = ["code", "name_en", "measure", "source"]
    search_fields = ["code", "name_en", "name_es", "name_pt", "name_fr"]
    panels = [
        FieldRowPanel([FieldPanel("measure"), FieldPanel("code"), FieldPanel("source")]),
        _languages("name", _("Name")),
    ]


class PlanViewSetGroup(SnippetViewSetGroup):
    items = (ObjectiveViewSet, MeasureViewSet, IndicatorViewSet)
    menu_icon = "list-ol"
    menu_label = _("Plan of Action")
    menu_name = "plan-of-action"


register_snippet(PlanViewSetGroup)


@hooks.register("register_admin_menu_item")
def register_similar_work_menu_item():
    """Editors starting a curriculum or a course look first for similar work in every state."""
    from django.urls import reverse

    return MenuItem(_("Look for similar work"), reverse("plan:similar"), icon_name="search", order=150)
