from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up stays open; links in e-mails point at the configured site."""

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def get_reauthentication_methods(self, user) -> list[dict]:
        """Someone with an authenticator reauthenticates with it: their password alone no longer
        confirms a sensitive change (allauth offers the password first otherwise)."""
        methods = super().get_reauthentication_methods(user)
        if user.is_authenticated:
            from . import access

            if access.has_authenticator(user):
                methods = [m for m in methods if m["id"] != "reauthenticate"] or methods
        return methods
