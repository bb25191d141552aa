"""MFA before the admin for national coordinators and the secretariat, through allauth's real flows."""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.accounts import factories as f

pytestmark = pytest.mark.django_db
SECRET = f.TOTP_SECRET
PASSWORD = "a-long-test-password"


def code(offset: int = 0) -> str:
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // mfa_settings.TOTP_PERIOD + offset))


def url(name):
    with translation.override("en"):
        return reverse(name)


@pytest.fixture(autouse=True)
def _clear_used_codes():
    cache.clear()


@pytest.fixture(autouse=True)
def _groups():
    """The state's groups carry the admin permission (made with the state, as in load_demo)."""
    from accounts.services import state_groups_ensure

    state_groups_ensure(state=f.state("MX"))


def test_coordinator_without_mfa_is_sent_to_set_it_up(client):
    coordinator = f.coordinator(f.state("MX"), authenticator=False)
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(url("mfa_index"))
    assert "next=%2Fadmin%2F" in response["Location"]


def test_coordinator_signed_in_by_password_only_must_pass_mfa(client):
    coordinator = f.coordinator(f.state("MX"))  # with an authenticator app on SECRET
    client.force_login(coordinator)  # e.g. through a password-only form: no MFA record in the session
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(url("mfa_reauthenticate"))
    # The reauthentication step with a TOTP code records MFA and returns to the admin.
    response = client.post(response["Location"], {"code": code()})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_coordinator_login_with_totp_reaches_the_admin(client):
    coordinator = f.coordinator(f.state("MX"))  # with an authenticator app on SECRET
    response = client.post(url("account_login"), {"login": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == url("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not signed in yet: the MFA stage is pending
    response = client.post(url("mfa_authenticate"), {"code": "000000" if code() != "000000" else "111111"})
    assert response.status_code == 200  # a wrong code is refused
    response = client.post(url("mfa_authenticate"), {"code": code()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_secretariat_needs_mfa_too_and_editors_do_not(client):
    mx = f.state("MX")
    client.force_login(f.secretariat(authenticator=False))
    assert client.get("/admin/").status_code == 302
    client.force_login(f.secretariat())
    assert client.get("/admin/").status_code == 302
    editor = f.editor(mx)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert not Authenticator.objects.filter(user=editor).exists()


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))


def test_demo_coordinators_get_a_totp_secret_that_works():
    from accounts.demo import demo_mfa_ensure

    coordinator = f.coordinator(f.state("MX"), authenticator=False)
    secret, codes = demo_mfa_ensure(coordinator)
    again, _codes = demo_mfa_ensure(coordinator)
    assert secret == again and len(codes) >= 10
    current = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    totp = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.TOTP)
    assert TOTP(totp).validate_code(current)
