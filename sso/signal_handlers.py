"""Signal handlers hand off to services; this one runs in the sign-in's request, since the session
(the provider's MFA record) and the verification must be right before the next page."""

from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="sso.sign_in_complete")
def verification_follows_provider(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is not None:
        services.sign_in_complete(request=request, user=user, sociallogin=sociallogin)
