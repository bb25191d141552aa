"""The learning record store in the Wagtail admin, for the secretariat: LRS clients (credentials),
external LRSs that receive copies, and a read-only list of stored statements."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts import access
from accounts.api import users_with_secretariat_powers

from . import services
from .models import ForwardTarget, LRSClient, Statement


class SecretariatPolicy(BasePermissionPolicy):
    """Only the secretariat manages the learning record store (accounts.access decides who that is)."""

    def __init__(self, model, *, actions: tuple[str, ...] = ("add", "change", "delete", "view")):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and access.is_secretariat(user)

    def users_with_any_permission(self, actions):
        if not self.actions & set(actions):
            return get_user_model().objects.none()
        return users_with_secretariat_powers()


# --- LRS clients -------------------------------------------------------------------------------------


class LRSClientForm(WagtailAdminModelForm):
    reset_secret = forms.BooleanField(
        label=gettext_lazy("Generate a new secret"),
        required=False,
        help_text=gettext_lazy("The old secret stops working at once; the new one is shown once."),
    )

    class Meta:
        model = LRSClient
        fields = ["name", "description", "can_read", "can_write", "can_read_all", "active"]


def _secret_message(request, client: LRSClient, secret: str) -> None:
    messages.warning(
        request,
        _(
            "Credentials of “%(name)s” — key: %(key)s, secret: %(secret)s. Copy the secret now: "
            "it is stored only as a hash and will not be shown again."
        )
        % {"name": client.name, "key": client.key, "secret": secret},
    )


class LRSClientCreateView(CreateView):
    def save_instance(self):
        client = self.form.save(commit=False)
        self.new_secret = services.lrs_client_secret_reset(client=client)
        return client

    def save_action(self):
        _secret_message(self.request, self.object, self.new_secret)
        return super().save_action()


class LRSClientEditView(EditView):
    def save_instance(self):
        client = self.form.save()
        services.lrs_client_changed(client=client)
        self.new_secret = None
        if self.form.cleaned_data.get("reset_secret"):
            self.new_secret = services.lrs_client_secret_reset(client=client)
        return client

    def save_action(self):
        if self.new_secret:
            _secret_message(self.request, self.object, self.new_secret)
        return super().save_action()


class LRSClientDeleteView(DeleteView):
    def delete_action(self):
        services.lrs_client_changed(client=self.object)
        return super().delete_action()


class LRSClientViewSet(ModelViewSet):
    model = LRSClient
    name = "xapi_clients"
    url_prefix = "xapi/clients"
    form_fields = ["name", "description", "can_read", "can_write", "can_read_all", "active"]
    list_display = ["name", "key", "can_read", "can_write", "can_read_all", "active", "created_at"]
    search_fields = ["name", "key"]
    icon = "key"
    menu_label = gettext_lazy("LRS clients")
    add_view_class = LRSClientCreateView
    edit_view_class = LRSClientEditView
    delete_view_class = LRSClientDeleteView
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "description",
        "key",
        "can_read",
        "can_write",
        "can_read_all",
        "active",
        "created_at",
    ]

    def get_form_class(self, for_update=False):
        return LRSClientForm


# --- External LRSs ---------------------------------------------------------------------------------------


class ForwardTargetForm(WagtailAdminModelForm):
    endpoint = forms.URLField(
        label=gettext_lazy("endpoint"),
        assume_scheme="https",
        help_text=gettext_lazy("The LRS's xAPI root, e.g. https://lrs.example.org/xapi/"),
    )
    password = forms.CharField(
        label=gettext_lazy("password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("Leave empty to keep the current password."),
    )

    class Meta:
        model = ForwardTarget
        fields = ["name", "endpoint", "username", "password", "active"]

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not password and self.instance.pk:
            return ForwardTarget.objects.get(pk=self.instance.pk).password
        return password or ""

    def save(self, commit=True):
        target = super().save(commit=commit)
        if commit:
            services.forward_targets_changed()
        return target


class ForwardTargetViewSet(ModelViewSet):
    model = ForwardTarget
    name = "xapi_forwarding"
    url_prefix = "xapi/forwarding"
    form_fields = ["name", "endpoint", "username", "password", "active"]
    list_display = ["name", "endpoint", "active"]
    icon = "redirect"
    menu_label = gettext_lazy("External LRSs")

    def get_form_class(self, for_update=False):
        return ForwardTargetForm


# --- Statements (read only) ------------------------------------------------------------------------------


class StatementViewSet(ModelViewSet):
    model = Statement
    name = "xapi_statements"
    url_prefix = "xapi/statements"
    list_display = ["statement_id", "verb_id", "actor_ifi", "stored", "voided"]
    list_filter = ["voided"]
    search_fields = ["verb_id", "actor_ifi"]
    icon = "list-ul"
    menu_label = gettext_lazy("Statements")
    inspect_view_enabled = True
    inspect_view_fields = ["statement_id", "stored", "timestamp", "verb_id", "actor_ifi", "voided", "client", "data"]
    form_fields = ["voided"]
    ordering = ["-stored", "-id"]


register_permission_policy(LRSClient, SecretariatPolicy(LRSClient))
register_permission_policy(ForwardTarget, SecretariatPolicy(ForwardTarget))
register_permission_policy(Statement, SecretariatPolicy(Statement, actions=("view",)))


class LearningRecordsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Learning records")
    menu_icon = "tasks"
    menu_order = 700
    items = (StatementViewSet, LRSClientViewSet, ForwardTargetViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return LearningRecordsGroup()
