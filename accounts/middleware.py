"""Request middleware: the user's remembered language, and MFA before the admin for those who need it."""

from urllib.parse import urlencode

from django.contrib import messages
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

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


class AdminMFAMiddleware:
    """National coordinators and the secretariat must have set up MFA (an authenticator app or a
    security key), and have used it in this session, before they reach the Wagtail admin.

    Without an authenticator they are sent to set one up; with one, but signed in by password only
    (e.g. through Wagtail's own login form), to allauth's MFA reauthentication, which records an
    "mfa" authentication in the session and returns them to the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith("/admin/")
            and request.user.is_authenticated
            and not request.path_info.startswith(("/admin/login/", "/admin/logout/"))
            and access.requires_mfa(request.user)
        ):
            from allauth.mfa.adapter import get_adapter
            from allauth.mfa.models import Authenticator

            next_query = "?" + urlencode({"next": request.get_full_path()})
            if not get_adapter().is_mfa_enabled(
                request.user, types=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
            ):
                messages.warning(
                    request,
                    _(
                        "National coordinators and the secretariat need two-factor authentication before "
                        "they use the administration. Set up an authenticator app or a security key."
                    ),
                )
                return redirect(reverse("mfa_index") + next_query)
            if not session_used_mfa(request):
                return redirect(reverse("mfa_reauthenticate") + next_query)
        return self.get_response(request)


def session_used_mfa(request) -> bool:
    """Did the signed-in user pass an MFA step (login or reauthentication) in this session?"""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))
