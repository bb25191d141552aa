"""Configuring agencies' identity providers: the secretariat for all, a coordinator for their state's."""

import pytest
from django.urls import reverse
from django.utils import translation

from sso import services
from sso.models import AgencyIdentityProvider
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def world(db):
    mx, co = f.state("MX"), f.state("CO")
    police_mx = f.AgencyFactory(state=mx, name="Policía Federal")
    police_co = f.AgencyFactory(state=co, name="Policía Nacional")
    return mx, co, police_mx, police_co


OIDC = {
    "kind": "openid_connect",
    "server_url": "https://idp.policia.gob.mx",
    "client_id": "capacitas",
    "secret": "s3cret",
    "mfa_values": "mfa otp",
}


def test_coordinator_configures_an_agency_of_their_state(client, world):
    mx, _, police_mx, _ = world
    coordinator = f.coordinator(mx)
    f.sign_in_with_mfa(client, coordinator)
    page = client.get(url("sso:provider_create"))
    assert page.status_code == 200
    assert "Policía Federal" in page.content.decode() and "Policía Nacional" not in page.content.decode()
    response = client.post(url("sso:provider_create"), {"agency": police_mx.pk, "enabled": "on", **OIDC})
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = AgencyIdentityProvider.objects.get(agency=police_mx)
    assert provider.app.provider == "openid_connect" and provider.app.secret == "s3cret"
    assert provider.app.settings["server_url"] == "https://idp.policia.gob.mx"
    # The secret is never shown back, and an empty one keeps it.
    edit = client.get(url("sso:provider_edit", provider.pk)).content.decode()
    assert "s3cret" not in edit
    assert "/en/accounts/oidc/agency-" in edit  # the redirect URI to give the provider
    changed = client.post(url("sso:provider_edit", provider.pk), {"agency": police_mx.pk, **OIDC, "secret": ""})
    assert changed.status_code == 302
    provider.refresh_from_db()
    assert provider.app.secret == "s3cret" and not provider.enabled


def test_coordinator_cannot_configure_another_states_agency(client, world):
    mx, _, _, police_co = world
    f.sign_in_with_mfa(client, f.coordinator(mx))
    response = client.post(url("sso:provider_create"), {"agency": police_co.pk, **OIDC})
    assert response.status_code == 400
    assert not AgencyIdentityProvider.objects.exists()
    other = services.identity_provider_save(actor=f.secretariat(), agency=police_co, **OIDC)
    assert client.get(url("sso:provider_edit", other.pk)).status_code == 404
    assert client.post(url("sso:provider_edit", other.pk), {"agency": police_co.pk, **OIDC}).status_code == 404


def test_officials_and_managers_cannot_configure(client, world):
    _, _, police_mx, _ = world
    f.sign_in_with_mfa(client, f.manager(police_mx))
    assert client.get(url("sso:providers")).status_code == 403
    client.force_login(f.official(agency=police_mx))
    assert client.get(url("sso:provider_create")).status_code == 403
    client.logout()
    assert client.get(url("sso:providers")).status_code == 302


def test_configuring_needs_mfa_in_the_session(client, world):
    mx, *_ = world
    coordinator = f.coordinator(mx)
    client.force_login(coordinator)  # a password only
    response = client.get(url("sso:providers"))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]


def test_missing_settings_are_refused_with_messages(client, world):
    _, _, police_mx, _ = world
    f.sign_in_with_mfa(client, f.secretariat())
    response = client.post(url("sso:provider_create"), {"agency": police_mx.pk, "kind": "saml"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Give the identity provider&#x27;s entity ID." in body
    assert "Give the attribute that holds the e-mail address." in body
    assert not AgencyIdentityProvider.objects.exists()


def test_list_costs_the_same_queries_for_more_providers(client, world, django_assert_max_num_queries):
    mx, co, police_mx, police_co = world
    secretariat = f.secretariat()
    services.identity_provider_save(actor=secretariat, agency=police_mx, **OIDC)
    f.sign_in_with_mfa(client, secretariat)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url("sso:providers")).status_code == 200
    for _index in range(4):
        services.identity_provider_save(actor=secretariat, agency=f.AgencyFactory(state=co), **OIDC)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("sso:providers"))
    assert page.content.decode().count("OpenID Connect") >= 5
