from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up stays open; links in e-mails point at the configured site."""

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    # After signing up, signing in or confirming an address from the Spanish form, the home page in
    # Spanish: the site-wide default "/" would otherwise guess the language again from the browser.
    def get_login_redirect_url(self, request) -> str:
        return _in_language(request, super().get_login_redirect_url(request))

    def get_signup_redirect_url(self, request) -> str:
        return _in_language(request, super().get_signup_redirect_url(request))

    def get_email_verification_redirect_url(self, email_address) -> str:
        return _in_language(self.request, super().get_email_verification_redirect_url(email_address))

    def get_login_stages(self) -> list[str]:
        """allauth's MFA step, except after a sign-in whose MFA a trusted agency identity provider
        asserted (``accounts.stages``)."""
        return [
            "accounts.stages.AuthenticateStage" if path == "allauth.mfa.stages.AuthenticateStage" else path
            for path in super().get_login_stages()
        ]

    def get_reauthentication_methods(self, user) -> list[dict]:
        """Someone with an authenticator reauthenticates with it: their password alone no longer
        confirms a sensitive change (allauth offers the password first otherwise)."""
        methods = super().get_reauthentication_methods(user)
        if user.is_authenticated:
            from . import access

            if access.has_authenticator(user):
                methods = [m for m in methods if m["id"] != "reauthenticate"] or methods
        return methods


def _in_language(request, url: str) -> str:
    """The home page "/" in the language of the form the person used."""
    if url != "/" or request is None:
        return url
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    return f"/{language}/" if language in settings.LANGUAGE_CODES else url
