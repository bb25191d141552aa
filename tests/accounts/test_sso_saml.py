"""Signing in through an agency's SAML 2.0 identity provider: pysaml2's IdP on 127.0.0.1 (sso_idps)."""

from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from accounts.models import Profile, VerificationMethod
from sso import services
from tests.accounts import factories as f
from tests.accounts.sso_idps import MFA_CONTEXT, SAMLProvider, idp_link, post_form

pytestmark = pytest.mark.django_db
User = get_user_model()
MAIL = "urn:oid:0.9.2342.19200300.100.1.3"
SP_HOST = "capacitas.example.org"
AFFILIATION = "urn:oid:1.3.6.1.4.1.5923.1.1.1.1"


def url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def client():
    """A browser on Capacitas's public name: python3-saml takes no single-label host ("testserver")."""
    from django.test import Client

    return Client(HTTP_HOST=SP_HOST)


@pytest.fixture
def idp():
    provider = SAMLProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def agencies(db):
    from accounts.services import state_groups_ensure

    co = f.state("CO")
    state_groups_ensure(state=co)
    police = f.AgencyFactory(state=co, name="Policía Nacional")
    f.AgencyDomainFactory(agency=police, domain="policia.gov.co")
    prison = f.AgencyFactory(state=co, name="INPEC")
    f.AgencyDomainFactory(agency=prison, domain="inpec.gov.co")
    return police, prison


def configure(client, idp, agency, *, cert=None, metadata=False, **options):
    """The agency's provider in Capacitas (its SSO URL and certificate, or its metadata URL), and
    Capacitas's SP metadata in the IdP."""
    where = (
        {"metadata_url": f"{idp.base}/idp/metadata"}
        if metadata
        else {"sso_url": f"{idp.base}/idp/sso", "x509cert": cert or idp.cert}
    )
    provider = services.identity_provider_save(
        actor=f.secretariat(),
        agency=agency,
        kind="saml",
        entity_id=idp.entity_id,
        email_attribute=MAIL,
        **where,
        **options,
    )
    metadata = client.get(url("saml_metadata", provider.app.client_id))
    assert metadata.status_code == 200
    idp.sp_metadata = metadata.content.decode()
    return provider


def to_idp(client, idp, email):
    start = client.post(url("sso:sign_in"), {"email": email})
    location = idp_link(start)
    assert location.startswith(f"{idp.base}/idp/sso?SAMLRequest=")
    page = requests.get(location, timeout=20)
    assert page.status_code == 200, page.text[:500]
    return post_form(page.text)


def back_to_sp(client, action, fields):
    """The browser posts the IdP's form to Capacitas's ACS, which hands over to its finishing view."""
    target = urlsplit(action)
    assert target.netloc == SP_HOST
    acs = client.post(target.path, fields)
    assert acs.status_code == 302
    return client.get(acs["Location"])


def sign_in(client, idp, email):
    action, fields = to_idp(client, idp, email)
    return back_to_sp(client, action, fields)


def test_a_new_official_is_created_verified_of_the_agency(client, idp, agencies):
    police, _ = agencies
    configure(client, idp, police)
    idp.sign_in_as("juan.perez@policia.gov.co")
    response = sign_in(client, idp, "juan.perez@policia.gov.co")
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="juan.perez@policia.gov.co")
    assert int(client.session["_auth_user_id"]) == user.pk
    profile = Profile.objects.get(user=user)
    assert profile.verified_state == police.state and profile.agency == police
    assert profile.verification_method == VerificationMethod.IDENTITY_PROVIDER
    assert SocialAccount.objects.get(user=user).provider == "saml"


def test_verification_ends_when_the_assertion_lacks_the_affiliation(client, idp, agencies):
    police, _ = agencies
    configure(client, idp, police, affiliation_claim=AFFILIATION, affiliation_values="member staff")
    idp.sign_in_as("sara@policia.gov.co", eduPersonAffiliation=["member"])
    sign_in(client, idp, "sara@policia.gov.co")
    user = User.objects.get(email="sara@policia.gov.co")
    assert Profile.objects.get(user=user).verified_state == police.state
    client.logout()
    idp.sign_in_as("sara@policia.gov.co", eduPersonAffiliation=["affiliate"])
    sign_in(client, idp, "sara@policia.gov.co")
    assert Profile.objects.get(user=user).verified_state is None


def test_authn_context_mfa_counts_only_when_trusted(client, idp, agencies):
    police, _ = agencies
    provider = configure(client, idp, police, trust_mfa=True)
    coordinator = f.coordinator(police.state, agency=police, username="cco", email="cco@policia.gov.co")
    idp.sign_in_as("cco@policia.gov.co", authn_context=MFA_CONTEXT)
    response = sign_in(client, idp, "cco@policia.gov.co")
    assert response.status_code == 302 and response["Location"] != url("mfa_authenticate")
    assert int(client.session["_auth_user_id"]) == coordinator.pk
    assert client.get("/admin/").status_code == 200

    client.logout()
    idp.sign_in_as("cco@policia.gov.co")  # a password at the IdP only
    assert sign_in(client, idp, "cco@policia.gov.co")["Location"] == url("mfa_authenticate")

    client.logout()
    provider.trust_mfa = False
    provider.save()
    idp.sign_in_as("cco@policia.gov.co", authn_context=MFA_CONTEXT)
    assert sign_in(client, idp, "cco@policia.gov.co")["Location"] == url("mfa_authenticate")


def test_the_provider_may_be_configured_by_its_metadata_url(client, idp, agencies):
    police, _ = agencies
    # The SP's metadata comes first (the IdP's metadata is built from its configuration).
    provider = configure(client, idp, police)
    provider.app.settings["idp"] = {"entity_id": idp.entity_id, "metadata_url": f"{idp.base}/idp/metadata"}
    provider.app.save()
    idp.sign_in_as("meta@policia.gov.co")
    response = sign_in(client, idp, "meta@policia.gov.co")
    assert response.status_code == 302
    assert Profile.objects.get(user__email="meta@policia.gov.co").verified_state == police.state
