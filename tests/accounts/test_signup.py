"""Sign-up through allauth's real flow: mandatory e-mail verification, and verification as an official
by the agency's e-mail domain."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent, Profile
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def _sign_up(client, email):
    with translation.override("en"):
        signup = reverse("account_signup")
    response = client.post(signup, {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _confirm_from_mail(client, email):
    message = next(m for m in mail.outbox if email in m.to)
    link = re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    return response


def test_agency_domain_makes_a_verified_official_after_confirmation(client):
    agency = f.AgencyFactory(state=f.state("CO"))
    f.AgencyDomainFactory(agency=agency, domain="policia.co.example")
    _sign_up(client, "ana.gomez@policia.co.example")
    profile = Profile.objects.get(user__email="ana.gomez@policia.co.example")
    # Mandatory verification: not yet an official, and not signed in.
    assert profile.verified_state is None
    assert client.get(reverse("accounts:profile")).status_code == 302
    _confirm_from_mail(client, "ana.gomez@policia.co.example")
    profile.refresh_from_db()
    assert profile.verified_state == agency.state
    assert profile.agency == agency
    assert profile.verification_method == "email_domain"
    assert AuditEvent.objects.filter(action="verified_by_email_domain", subject_user=profile.user).exists()
    assert profile.user.groups.filter(name="CO officials").exists()


def test_other_domains_confirm_the_address_but_do_not_verify(client):
    f.AgencyDomainFactory(domain="policia.co.example")
    _sign_up(client, "someone@gmail.example")
    _confirm_from_mail(client, "someone@gmail.example")
    profile = Profile.objects.get(user__email="someone@gmail.example")
    assert profile.user.emailaddress_set.get().verified
    assert profile.verified_state is None


def test_malformed_email_is_refused_with_a_translated_message(client):
    with translation.override("es"):
        signup = reverse("account_signup")
    response = client.post(signup, {"email": "not an address", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200  # allauth re-renders the form
    assert "Introduzca una dirección de correo electrónico válida." in response.content.decode()
    assert not Profile.objects.exists()


def test_rate_limits_are_configured_in_base_settings():
    """Tests switch them off; the base (and so production) settings keep them on."""
    from lms.settings import base

    assert settings.ACCOUNT_RATE_LIMITS is False  # only here, in the test settings
    assert base.ACCOUNT_RATE_LIMITS["login_failed"]
    assert base.ACCOUNT_RATE_LIMITS["signup"]
    assert base.ACCOUNT_RATE_LIMITS["reset_password"]
    assert base.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    assert set(base.MFA_SUPPORTED_TYPES) == {"totp", "webauthn", "recovery_codes"}
