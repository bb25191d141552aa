"""The demo's agency providers: the login page offers agency sign-in, the address's domain finds the
agency, and a provider that is not running is a clear, translated refusal, never a 500."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sso.models import AgencyIdentityProvider, ProviderKind
from tests.accounts.test_sso_saml import SP_HOST

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from accounts import demo as accounts_demo
    from sso import demo as sso_demo

    out = io.StringIO()
    accounts_demo.load(stdout=out)
    sso_demo.load(stdout=out)
    return sso_demo


def test_the_demo_configures_one_provider_of_each_protocol_once(demo):
    kinds = dict(AgencyIdentityProvider.objects.values_list("agency__name", "kind"))
    assert kinds == {"Policía Nacional de Colombia": ProviderKind.OIDC, "Polícia Federal": ProviderKind.SAML}
    demo.load(stdout=io.StringIO())
    assert AgencyIdentityProvider.objects.count() == 2


def test_the_login_page_offers_agency_sign_in(client, demo):
    with translation.override("en"):
        page = client.get(reverse("account_login"))
    assert "Sign in with your agency" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "cannot be reached just now"), ("es", "No se puede acceder ahora al servicio")],
)
def test_the_oidc_provider_not_running_is_a_clear_refusal(language, text, demo):
    client = Client()
    with translation.override(language):
        response = client.post(reverse("sso:sign_in"), {"email": "ana@policia.co.example"})
    assert response.status_code == 502
    assert text in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_saml_address_finds_the_agency_and_leads_to_its_provider(demo):
    client = Client(HTTP_HOST=SP_HOST)
    with translation.override("en"):
        response = client.post(reverse("sso:sign_in"), {"email": "joao@pf.br.example"})
    assert response.status_code == 200
    assert "http://127.0.0.1:8092/idp/sso?SAMLRequest=" in response.content.decode()
