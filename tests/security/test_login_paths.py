"""Every way to a session goes through allauth and its MFA stage: the attacks that skipped it."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from accounts.models import Role, RoleGrant
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def test_wagtail_login_page_is_allauths(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    # A foreign next is dropped rather than passed on.
    assert "evil" not in client.get("/admin/login/?next=https://evil.example/")["Location"]


def test_posting_a_password_to_wagtails_login_signs_nobody_in(client):
    """The reported hole: a coordinator's password alone, posted to /admin/login/, made a session that
    could grant roles without the TOTP code."""
    coordinator = f.coordinator(f.state("MX"))
    response = client.post("/admin/login/", {"username": coordinator.username, "password": PASSWORD})
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    person = f.UserFactory()
    client.post(reverse("accounts:roles"), {"email": person.email, "role": Role.CURRICULUM_EDITOR, "state": "MX"})
    assert not RoleGrant.objects.filter(user=person).exists()


def test_wagtail_password_reset_is_allauths(client):
    user = f.coordinator(f.state("MX"))
    for path in ("/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/MQ/set-password/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_reset_password"))
    response = client.post("/admin/password_reset/", {"email": user.email})
    assert response.status_code == 302 and not mail.outbox  # Wagtail's form sends nothing


def test_allauth_password_login_of_a_coordinator_stops_at_the_mfa_stage(client):
    coordinator = f.coordinator(f.state("MX"))
    response = client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    assert client.get(reverse("accounts:roles")).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": f.totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:roles")).status_code == 200


def test_password_only_session_is_sent_to_mfa_before_a_privileged_page(client):
    """Whatever made a session without the MFA stage, a privileged page asks for it first."""
    coordinator = f.coordinator(f.state("MX"))
    client.force_login(coordinator)
    response = client.get(reverse("accounts:roles"))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(response["Location"], {"code": f.totp_code()})
    assert response["Location"] == reverse("accounts:roles")
    assert client.get(reverse("accounts:roles")).status_code == 200


def test_mfa_of_another_session_or_user_does_not_count(client):
    mx = f.state("MX")
    first, second = f.coordinator(mx), f.coordinator(mx)
    f.sign_in_with_mfa(client, first)
    assert client.get(reverse("accounts:roles")).status_code == 200
    client.force_login(second)  # a different user: Django flushes the session
    assert client.get(reverse("accounts:roles")).status_code == 302


def test_privileged_user_without_authenticator_can_only_set_one_up(client, site_frame):
    coordinator = f.coordinator(f.state("MX"), authenticator=False)
    client.force_login(coordinator)
    for path in (reverse("accounts:profile"), reverse("accounts:roles"), "/admin/", "/en/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_index")), path
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    assert client.post("/i18n/setlang/", {"language": "es", "next": "/"}).status_code == 302
    assert client.post(reverse("account_logout")).status_code == 302


def test_signup_and_email_confirmation_make_no_privileged_session(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "another-long-password", "password2": "another-long-password"},
    )
    assert response.status_code == 302
    assert SESSION_KEY not in client.session  # mandatory e-mail verification first


def test_login_by_code_and_login_on_password_reset_are_off(settings):
    from allauth.account import app_settings

    assert app_settings.LOGIN_BY_CODE_ENABLED is False
    assert app_settings.LOGIN_ON_PASSWORD_RESET is False
    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False
