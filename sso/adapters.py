"""allauth's social account adapter: only agencies' providers, checked before anything is written."""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.refusals import refusal

from . import services


def _refused(request, message: str, status: int = 403):
    return refusal(
        request,
        message,
        status=status,
        heading=_("Sign-in through your agency refused"),
        back=reverse("sso:sign_in"),
        back_label=_("Back to sign-in with your agency"),
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request, sociallogin) -> None:
        try:
            services.sign_in_check(request=request, sociallogin=sociallogin)
        except services.SignInRefused as refused:
            raise ImmediateHttpResponse(_refused(request, refused.message)) from None

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None) -> None:
        """A response that fails its checks (signature, issuer, audience, expiry, a used state or
        token) is refused with one clear message; the reason goes to the log, not to the page."""
        if error == "cancelled":
            return
        raise ImmediateHttpResponse(response_refused(request))


def response_refused(request):
    return _refused(
        request,
        _(
            "Your agency's identity provider sent a sign-in response that Capacitas cannot accept "
            "(its signature, issuer or validity did not check out, or it was already used). "
            "Nothing was changed; sign in again."
        ),
        status=400,
    )
