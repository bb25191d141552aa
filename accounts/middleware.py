"""Request middleware: the user's remembered language, and MFA before the admin for those who need it."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from . import access


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
    """National coordinators and the secretariat must have MFA set up, and have used it in this
    session, before they reach the Wagtail admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and request.user.is_authenticated and access.requires_mfa(request.user):
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=request.user).exists():
                return redirect(reverse("mfa_index") + "?next=" + request.path)
            if not _session_used_mfa(request):
                return redirect(reverse("account_reauthenticate") + "?next=" + request.path)
        return self.get_response(request)


def _session_used_mfa(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request))
