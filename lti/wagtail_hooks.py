"""The admin for the secretariat: LTI platforms registered by hand (or activated after a dynamic
registration). The admin itself asks privileged users for MFA (accounts.middleware)."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import can_manage_platforms
from .models import Platform


class SecretariatOnly(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return can_manage_platforms(user)

    def user_has_any_permission(self, user, actions):
        return can_manage_platforms(user)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_superuser=True, is_active=True)


class PlatformViewSet(SnippetViewSet):
    model = Platform
    icon = "link"
    menu_label = _("LTI platforms")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["name", "issuer", "client_id", "active", "registered_dynamically"]
    list_filter = ["active"]
    search_fields = ["name", "issuer", "client_id"]


register_permission_policy(Platform, SecretariatOnly(Platform))
register_snippet(PlatformViewSet)
