"""Request middleware: the user's remembered language, and MFA for privileged people."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils import translation

from . import access

# Machine interfaces, files and the admin have no language prefix; their 404s stay 404s.
UNPREFIXED_PATHS = (
    "/api/",
    "/xapi/",
    "/h5p/",
    "/verify/",
    "/admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/healthz/",
    "/lti/",
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware turns a 404 under an unprefixed path into a redirect to ``/en/…``
    whenever the prefixed path resolves, and Wagtail's catch-all makes every prefixed path
    resolve. For machine interfaces and files that would answer a missing statement or an expired
    file with a redirect to an HTML page, so their responses pass through unchanged."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


class PreferredLanguageMiddleware:
    """A signed-in user without a language in the URL or cookie gets their preferred language first.

    The URL prefix always wins (``/es/`` is Spanish); this only changes the first guess that
    LocaleMiddleware makes for unprefixed URLs, such as the redirect from ``/``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        if (
            request.user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and translation.get_language_from_path(request.path_info) is None
        ):
            from .models import Profile

            preferred = (
                Profile.objects.filter(user_id=request.user.pk).values_list("preferred_language", flat=True).first()
            )
            if preferred in settings.LANGUAGE_CODES:
                translation.activate(preferred)
                request.LANGUAGE_CODE = preferred
        return self.get_response(request)


# Pages a privileged user without an authenticator may still reach: signing in and out, allauth's
# account and MFA pages (where the authenticator is set up), the language switch and files.
SETUP_ALLOWED_PATHS = ("/static/", "/media/", "/i18n/", "/jsi18n/", "/healthz/", "/admin/logout/")
SETUP_ALLOWED_URL_PREFIXES = ("account_", "mfa_")
SETUP_ALLOWED_URL_NAMES = {"set_language", "javascript-catalog", "healthz"}

# Adding, removing or replacing an authenticator and reading recovery codes: allauth asks for a
# recent reauthentication; for a user who already has an authenticator it must be an MFA one.
MFA_MANAGEMENT_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_add_webauthn",
    "mfa_remove_webauthn",
    "mfa_edit_webauthn",
}


def _url_name(request) -> str | None:
    from django.urls import Resolver404, resolve

    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class PrivilegedMFAMiddleware:
    """The MFA rule of ``accounts.access`` for every request of a privileged user:

    - without an authenticator, every page except setting one up (and signing out) sends them to
      allauth's MFA page, so nothing privileged can be done until they have one;
    - the Wagtail admin needs an MFA step in this session, as the privileged views of the apps do
      through ``accounts.access.privileged_action``;
    - authenticators are changed only after a recent MFA reauthentication, not a password one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        path = request.path_info
        url_name = None
        if access.requires_mfa(request.user):
            if not access.has_authenticator(request.user) and not access.session_mfa_by_identity_provider(request):
                if path.startswith(SETUP_ALLOWED_PATHS):
                    return None
                url_name = _url_name(request)
                if url_name and (
                    url_name.startswith(SETUP_ALLOWED_URL_PREFIXES) or url_name in SETUP_ALLOWED_URL_NAMES
                ):
                    return None
                return access.mfa_step_needed(request)
            if path.startswith("/admin/") and not path.startswith("/admin/logout/"):
                return access.mfa_step_needed(request)
        if "/accounts/2fa/" in path:
            url_name = url_name or _url_name(request)
            if (
                url_name in MFA_MANAGEMENT_URL_NAMES
                and access.has_authenticator(request.user)
                and not recently_reauthenticated_with_mfa(request)
            ):
                from allauth.account.internal.flows.reauthentication import suspend_request

                return suspend_request(request, reverse("mfa_reauthenticate"))
        return None


def recently_reauthenticated_with_mfa(request) -> bool:
    """An MFA reauthentication within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds."""
    import time

    from allauth.account import app_settings as account_settings
    from allauth.account.authentication import get_authentication_records

    records = [
        r
        for r in get_authentication_records(request, request.user)
        if r.get("method") == "mfa" and r.get("reauthenticated")
    ]
    return bool(records) and time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
