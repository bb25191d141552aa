"""Deactivating or replacing an authenticator needs an MFA reauthentication, not only the password."""

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def _password_reauthenticated(client, user):
    """Signed in with MFA long ago, then reauthenticated by password just now."""
    f.sign_in_with_mfa(client, user)
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - 3600
    records.append({"method": "password", "at": time.time(), "reauthenticated": True})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


def _webauthn_key(user):
    return Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "key"})


@pytest.mark.parametrize(
    ("name", "method", "kwargs"),
    [
        ("mfa_deactivate_totp", "post", None),
        ("mfa_generate_recovery_codes", "post", None),
        ("mfa_view_recovery_codes", "get", None),
        ("mfa_remove_webauthn", "post", "key"),
        ("mfa_add_webauthn", "get", None),
    ],
)
def test_changing_authenticators_after_a_password_reauthentication_asks_for_mfa(client, name, method, kwargs):
    coordinator = f.coordinator(f.state("MX"))
    key = _webauthn_key(coordinator)
    _password_reauthenticated(client, coordinator)
    url = reverse(name, kwargs={"pk": key.pk} if kwargs else None)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(pk=key.pk).exists()


def test_password_reauthentication_page_sends_an_mfa_user_to_mfa(client):
    coordinator = f.coordinator(f.state("MX"))
    f.sign_in_with_mfa(client, coordinator)
    response = client.get(reverse("account_reauthenticate"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_deactivating_totp_after_an_mfa_reauthentication(client):
    coordinator = f.coordinator(f.state("MX"))
    _password_reauthenticated(client, coordinator)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    # The code resumes the suspended request: the TOTP is deactivated.
    client.post(response["Location"], {"code": f.totp_code()})
    assert not Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
