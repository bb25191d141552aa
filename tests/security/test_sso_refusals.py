"""Agency sign-in refuses what an identity provider must not be able to do, with a translated
message and nothing created: a wrong signature, an unknown issuer, a replayed response, an address
of another agency's (or no agency's) domain. Real providers on 127.0.0.1 (tests/accounts/sso_idps)."""

import base64
from urllib.parse import urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from tests.accounts import test_sso_oidc as oidc
from tests.accounts import test_sso_saml as saml
from tests.accounts.sso_idps import OIDCProvider, SAMLProvider, idp_link, rsa_key, self_signed

pytestmark = pytest.mark.django_db
User = get_user_model()

agencies = oidc.agencies
saml_agencies = saml.agencies


@pytest.fixture
def oidc_idp():
    provider = OIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def saml_idp():
    provider = SAMLProvider().start()
    yield provider
    provider.stop()


def nothing_created(email):
    assert not User.objects.filter(email__iexact=email).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not SocialAccount.objects.exists()


def refused(response, status, text):
    assert response.status_code == status, response.content.decode()[:1500]
    assert text in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


# --- OpenID Connect ---------------------------------------------------------------------------------


def test_oidc_id_token_signed_with_another_key_is_refused(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.signing_key = rsa_key()
    oidc_idp.sign_in_as("ana@policia.gob.mx")
    response, _ = oidc.sign_in(client, oidc_idp, "ana@policia.gob.mx")
    refused(response, 400, "its signature, issuer or validity did not check out")
    nothing_created("ana@policia.gob.mx")


def test_oidc_id_token_of_another_issuer_is_refused(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.token_issuer = "https://idp.attacker.example"
    oidc_idp.sign_in_as("ana@policia.gob.mx")
    response, _ = oidc.sign_in(client, oidc_idp, "ana@policia.gob.mx")
    refused(response, 400, "its signature, issuer or validity did not check out")
    nothing_created("ana@policia.gob.mx")


def test_oidc_discovery_naming_another_issuer_is_refused_before_leaving(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.discovery_issuer = "https://idp.attacker.example"
    response = client.post(oidc.url("sso:sign_in"), {"email": "ana@policia.gob.mx"})
    refused(response, 400, "cannot accept")
    nothing_created("ana@policia.gob.mx")


def test_oidc_replayed_callback_is_refused(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.sign_in_as("ana@policia.gob.mx")
    first, back = oidc.sign_in(client, oidc_idp, "ana@policia.gob.mx")
    assert first.status_code == 302
    client.logout()
    again = client.get(f"{back.path}?{back.query}")
    refused(again, 400, "it was already used")
    # and in another browser
    other = Client()
    refused(other.get(f"{back.path}?{back.query}"), 400, "it was already used")
    assert User.objects.filter(email="ana@policia.gob.mx").count() == 1


def test_oidc_address_of_another_agency_is_refused(client, oidc_idp, agencies):
    police, prosecution = agencies
    oidc.configure(oidc_idp, police)
    oidc_idp.sign_in_as("fiscal@fiscalia.gob.mx")
    # The person starts from the police's provider (an address of the police's domain) but the
    # provider asserts an address of the prosecution's.
    with translation.override("es"):
        start = client.post(oidc.url("sso:sign_in"), {"email": "someone@policia.gob.mx"})
    at_idp = requests.get(idp_link(start), allow_redirects=False, timeout=10)
    back = urlsplit(at_idp.headers["Location"])
    response = client.get(f"{back.path}?{back.query}", HTTP_ACCEPT_LANGUAGE="es")
    refused(response, 403, "belongs to another agency (Fiscalía General)")
    nothing_created("fiscal@fiscalia.gob.mx")


def test_oidc_address_outside_the_agency_domains_is_refused(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.sign_in_as("someone@gmail.com")
    start = client.post(oidc.url("sso:sign_in"), {"email": "x@policia.gob.mx"})
    at_idp = requests.get(idp_link(start), allow_redirects=False, timeout=10)
    back = urlsplit(at_idp.headers["Location"])
    refused(client.get(f"{back.path}?{back.query}"), 403, "is not on an e-mail domain of Policía Federal")
    nothing_created("someone@gmail.com")


def test_oidc_response_without_a_subject_is_refused(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.omit_sub = True
    oidc_idp.sign_in_as("ana@policia.gob.mx")
    response, _ = oidc.sign_in(client, oidc_idp, "ana@policia.gob.mx")
    refused(response, 400, "cannot accept")
    nothing_created("ana@policia.gob.mx")


def test_oidc_provider_out_of_reach_is_a_clear_refusal(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.stop()
    response = client.post(oidc.url("sso:sign_in"), {"email": "ana@policia.gob.mx"})
    refused(response, 502, "cannot be reached just now")
    oidc_idp.start()


def test_oidc_refusal_is_translated(client, oidc_idp, agencies):
    oidc.configure(oidc_idp, agencies[0])
    oidc_idp.signing_key = rsa_key()
    oidc_idp.sign_in_as("ana@policia.gob.mx")
    start = client.post(oidc.url("sso:sign_in"), {"email": "ana@policia.gob.mx"})
    at_idp = requests.get(idp_link(start), allow_redirects=False, timeout=10)
    back = urlsplit(at_idp.headers["Location"])
    # The callback is on the default language's path; the reader's language cookie decides.
    client.cookies["django_language"] = "es"
    response = client.get(f"/es{back.path.removeprefix('/en')}?{back.query}")
    assert response.status_code == 400
    assert "Capacitas no puede aceptar" in response.content.decode()


# --- SAML -------------------------------------------------------------------------------------------


@pytest.fixture
def sp():
    return Client(HTTP_HOST=saml.SP_HOST)


def test_saml_response_signed_with_another_key_is_refused(sp, saml_idp, saml_agencies):
    # Capacitas knows the agency's certificate; the response is signed with another key.
    saml.configure(sp, saml_idp, saml_agencies[0], cert=self_signed(rsa_key(), "someone-else"))
    saml_idp.sign_in_as("juan@policia.gov.co")
    response = saml.sign_in(sp, saml_idp, "juan@policia.gov.co")
    refused(response, 400, "its signature, issuer or validity did not check out")
    nothing_created("juan@policia.gov.co")


def test_saml_response_changed_after_signing_is_refused(sp, saml_idp, saml_agencies):
    saml.configure(sp, saml_idp, saml_agencies[0])
    saml_idp.sign_in_as("juan@policia.gov.co")
    action, fields = saml.to_idp(sp, saml_idp, "juan@policia.gov.co")
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    fields["SAMLResponse"] = base64.b64encode(
        xml.replace("juan@policia.gov.co", "jefe@policia.gov.co").encode()
    ).decode()
    response = saml.back_to_sp(sp, action, fields)
    refused(response, 400, "its signature, issuer or validity did not check out")
    nothing_created("jefe@policia.gov.co")


def test_saml_response_of_another_issuer_is_refused(sp, saml_idp, saml_agencies):
    provider = saml.configure(sp, saml_idp, saml_agencies[0])
    provider.app.settings["idp"]["entity_id"] = "https://idp.other.example/metadata"
    provider.app.save()
    saml_idp.sign_in_as("juan@policia.gov.co")
    response = saml.sign_in(sp, saml_idp, "juan@policia.gov.co")
    refused(response, 400, "its signature, issuer or validity did not check out")
    nothing_created("juan@policia.gov.co")


def test_saml_replayed_response_is_refused(sp, saml_idp, saml_agencies):
    saml.configure(sp, saml_idp, saml_agencies[0])
    saml_idp.sign_in_as("juan@policia.gov.co")
    action, fields = saml.to_idp(sp, saml_idp, "juan@policia.gov.co")
    assert saml.back_to_sp(sp, action, fields).status_code == 302
    sp.logout()
    refused(saml.back_to_sp(sp, action, fields), 403, "was already used")
    other = Client(HTTP_HOST=saml.SP_HOST)
    refused(saml.back_to_sp(other, action, fields), 403, "was already used")
    assert User.objects.filter(email="juan@policia.gov.co").count() == 1


def test_saml_address_of_another_agency_is_refused(sp, saml_idp, saml_agencies):
    police, prison = saml_agencies
    saml.configure(sp, saml_idp, police)
    saml_idp.sign_in_as("guardia@inpec.gov.co")
    action, fields = saml.to_idp(sp, saml_idp, "someone@policia.gov.co")
    refused(saml.back_to_sp(sp, action, fields), 403, "belongs to another agency (INPEC)")
    nothing_created("guardia@inpec.gov.co")
