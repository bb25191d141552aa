"""Signal handlers only hand off to services."""

from allauth.account.signals import email_confirmed, user_signed_up
from django.dispatch import receiver

from . import services


@receiver(user_signed_up)
def create_profile(sender, request, user, **kwargs):
    services.profile_get_or_create(user=user)


@receiver(email_confirmed)
def verify_official_by_domain(sender, request, email_address, **kwargs):
    services.verify_by_email_domain(user=email_address.user, email=email_address.email)
