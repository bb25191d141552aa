"""Signing in through an agency's OpenID Connect provider, a real one on 127.0.0.1 (sso_idps)."""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent, Profile, VerificationMethod
from sso import services
from tests.accounts import factories as f
from tests.accounts.sso_idps import OIDCProvider, idp_link

pytestmark = pytest.mark.django_db
User = get_user_model()


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def idp():
    provider = OIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def agencies(db):
    from accounts.services import state_groups_ensure

    mx = f.state("MX")
    state_groups_ensure(state=mx)  # the coordinators' group carries the admin permission
    police = f.AgencyFactory(state=mx, name="Policía Federal")
    f.AgencyDomainFactory(agency=police, domain="policia.gob.mx")
    prosecution = f.AgencyFactory(state=mx, name="Fiscalía General")
    f.AgencyDomainFactory(agency=prosecution, domain="fiscalia.gob.mx")
    return police, prosecution


def configure(idp, agency, **options):
    return services.identity_provider_save(
        actor=f.secretariat(),
        agency=agency,
        kind="openid_connect",
        server_url=idp.issuer,
        client_id=idp.client_id,
        secret=idp.client_secret,
        **options,
    )


def sign_in(client, idp, email, *, language="en"):
    """The whole redirect flow: Capacitas's form, the provider's authorization endpoint, back to
    Capacitas's callback (which calls the provider's token, JWKS and userinfo endpoints)."""
    with translation.override(language):
        start = client.post(reverse("sso:sign_in"), {"email": email})
    location = idp_link(start)
    assert location.startswith(idp.base + "/authorize?")
    at_idp = requests.get(location, allow_redirects=False, timeout=10)
    assert at_idp.status_code == 302
    back = urlsplit(at_idp.headers["Location"])
    assert back.netloc == "testserver"
    return client.get(f"{back.path}?{back.query}"), back


def test_sign_in_page_finds_the_agency_and_offers_it_on_the_login_page(client, idp, agencies):
    configure(idp, agencies[0])
    login_page = client.get(url("account_login"))
    assert url("sso:sign_in") in login_page.content.decode()
    assert "Sign in with your agency" in login_page.content.decode()
    unknown = client.post(url("sso:sign_in"), {"email": "someone@gmail.com"})
    assert unknown.status_code == 400
    assert "No agency signs in its officials through its own provider" in unknown.content.decode()


def test_a_new_official_is_created_verified_of_the_agency(client, idp, agencies):
    police, _ = agencies
    configure(idp, police)
    idp.sign_in_as("ana.lopez@policia.gob.mx", sub="ana-1", name="Ana López")
    response, _ = sign_in(client, idp, "ana.lopez@policia.gob.mx")
    assert response.status_code == 302
    user = User.objects.get(email="ana.lopez@policia.gob.mx")
    assert int(client.session["_auth_user_id"]) == user.pk
    profile = Profile.objects.get(user=user)
    assert profile.agency == police and profile.verified_state == police.state
    assert profile.verification_method == VerificationMethod.IDENTITY_PROVIDER
    assert user.emailaddress_set.get().verified
    assert SocialAccount.objects.get(user=user).uid == "ana-1"
    assert AuditEvent.objects.filter(action="verified_by_identity_provider", subject_user=user).exists()
    assert idp.token_requests == 1


def test_the_spanish_page_leads_back_to_the_spanish_site(client, idp, agencies):
    configure(idp, agencies[0])
    idp.sign_in_as("luis@policia.gob.mx")
    response, back = sign_in(client, idp, "luis@policia.gob.mx", language="es")
    assert back.path.startswith("/en/accounts/oidc/")  # the one redirect URI the provider knows
    assert response["Location"] == "/es/"


def test_verification_ends_when_the_provider_stops_asserting_the_affiliation(client, idp, agencies):
    police, _ = agencies
    configure(idp, police, affiliation_claim="groups", affiliation_values="capacitas-officials")
    idp.sign_in_as("eva@policia.gob.mx", groups=["capacitas-officials", "staff"])
    sign_in(client, idp, "eva@policia.gob.mx")
    user = User.objects.get(email="eva@policia.gob.mx")
    assert Profile.objects.get(user=user).verified_state == police.state
    client.logout()
    idp.sign_in_as("eva@policia.gob.mx", groups=["staff"])
    response, _ = sign_in(client, idp, "eva@policia.gob.mx")
    assert response.status_code == 302  # still signed in, no longer verified
    profile = Profile.objects.get(user=user)
    assert profile.verified_state is None and profile.verification_method == ""
    assert AuditEvent.objects.filter(action="verification_withdrawn", subject_user=user).exists()
    assert User.objects.filter(email="eva@policia.gob.mx").count() == 1


def test_disabling_the_provider_ends_its_verifications(client, idp, agencies):
    police, _ = agencies
    provider = configure(idp, police)
    idp.sign_in_as("raul@policia.gob.mx")
    sign_in(client, idp, "raul@policia.gob.mx")
    user = User.objects.get(email="raul@policia.gob.mx")
    services.identity_provider_save(
        actor=f.secretariat(),
        agency=police,
        kind="openid_connect",
        enabled=False,
        server_url=idp.issuer,
        client_id=idp.client_id,
    )
    assert Profile.objects.get(user=user).verified_state is None
    provider.refresh_from_db()
    assert not provider.enabled
    # and the sign-in page no longer sends anyone there
    client.logout()
    assert client.post(url("sso:sign_in"), {"email": "raul@policia.gob.mx"}).status_code == 400


def test_an_existing_account_of_the_address_is_connected(client, idp, agencies):
    police, _ = agencies
    configure(idp, police)
    existing = f.UserFactory(username="marta", email="marta@policia.gob.mx")
    idp.sign_in_as("marta@policia.gob.mx")
    sign_in(client, idp, "marta@policia.gob.mx")
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert SocialAccount.objects.get(user=existing)
    assert Profile.objects.get(user=existing).verified_state == police.state


def test_coordinator_skips_capacitas_mfa_only_when_the_agency_trusts_the_provider(client, idp, agencies):
    police, _ = agencies
    provider = configure(idp, police, trust_mfa=True)
    coordinator = f.coordinator(police.state, agency=police, username="coord", email="coord@policia.gob.mx")
    idp.sign_in_as("coord@policia.gob.mx", amr=["pwd", "otp"])
    response, _ = sign_in(client, idp, "coord@policia.gob.mx")
    assert response.status_code == 302 and "2fa" not in response["Location"]
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert client.get("/admin/").status_code == 200

    # Without the provider's MFA, allauth asks for Capacitas's own code.
    client.logout()
    idp.sign_in_as("coord@policia.gob.mx", amr=["pwd"])
    response, _ = sign_in(client, idp, "coord@policia.gob.mx")
    assert response["Location"] == url("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    # The provider asserts MFA but the agency does not trust it: the code still.
    client.logout()
    provider.trust_mfa = False
    provider.save()
    idp.sign_in_as("coord@policia.gob.mx", amr=["pwd", "otp"])
    response, _ = sign_in(client, idp, "coord@policia.gob.mx")
    assert response["Location"] == url("mfa_authenticate")


def test_acr_configured_as_mfa_counts(client, idp, agencies):
    police, _ = agencies
    configure(idp, police, trust_mfa=True, mfa_values="urn:agency:loa:high")
    coordinator = f.coordinator(
        police.state, agency=police, username="c2", email="c2@policia.gob.mx", authenticator=False
    )
    idp.sign_in_as("c2@policia.gob.mx", acr="urn:agency:loa:high")
    response, _ = sign_in(client, idp, "c2@policia.gob.mx")
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    # No authenticator of Capacitas's own, and still no detour to set one up: the provider's MFA counts.
    assert client.get("/admin/").status_code == 200
