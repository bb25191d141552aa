"""A way from the Wagtail admin to the configuration of agencies' sign-in (sso.views), for those who keep it."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access


class AgencySignInMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.can_manage_identity_providers(request.user)


@hooks.register("register_settings_menu_item")
def agency_sign_in_menu_item():
    return AgencySignInMenuItem(_("Agencies' sign-in"), reverse_lazy("sso:providers"), icon_name="key", order=900)
