"""The /verify/ page checks a pasted credential and says which: valid, revoked, tampered, unknown key, malformed."""

import base64
import json

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import override_settings
from django.urls import reverse

from badges import keys
from courses import services
from tests.accounts.factories import coordinator

pytestmark = pytest.mark.django_db


def envelope_of(client, certificate) -> dict:
    return client.get(reverse("certificate_credential", args=[certificate.code])).json()


def token_of(client, certificate) -> str:
    return envelope_of(client, certificate)["id"].split(",", 1)[1]


def check(client, text, lang="en"):
    return client.post(reverse("credential_verify") + f"?lang={lang}", {"credential": text})


def payload_of(token: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def test_a_pasted_credential_is_valid_bare_or_in_its_envelope(client, certificate):
    for text in (token_of(client, certificate), json.dumps(envelope_of(client, certificate))):
        response = check(client, text)
        assert response.status_code == 200
        assert "This credential is valid" in response.content.decode()
        assert "Escena del crimen" in response.content.decode()


def test_the_form_page_is_public_and_links_the_keys(client, site_frame):
    response = client.get(reverse("credential_verify"))
    assert response.status_code == 200
    assert "/badges/jwks.json" in response.content.decode()


def test_a_changed_payload_is_tampered(client, certificate):
    head, payload, signature = token_of(client, certificate).split(".")
    altered = {**payload_of(f"{head}.{payload}.{signature}"), "name": "Otro curso"}
    response = check(client, f"{head}.{keys.b64url(json.dumps(altered).encode())}.{signature}")
    assert response.status_code == 200 and "has been altered" in response.content.decode()


def test_a_revoked_certificate_is_revoked(client, certificate):
    token = token_of(client, certificate)
    services.certificate_revoke(revoker=coordinator(certificate.issuer_state), certificate=certificate, reason="Fraude")
    assert "has been revoked" in check(client, token).content.decode()


def test_another_key_is_unknown_and_a_forged_kid_is_tampered(client, certificate):
    payload = payload_of(token_of(client, certificate))
    stranger = Ed25519PrivateKey.generate()
    unknown = jwt.encode(payload, stranger, algorithm="EdDSA", headers={"kid": "someone-else"})
    assert "not signed with a key of this platform" in check(client, unknown).content.decode()
    forged = jwt.encode(payload, stranger, algorithm="EdDSA", headers={"kid": keys.issuer_key().kid})
    assert "has been altered" in check(client, forged).content.decode()
    unsigned = jwt.encode(payload, None, algorithm="none", headers={"kid": keys.issuer_key().kid})
    assert "not signed with a key of this platform" in check(client, unsigned).content.decode()


@override_settings(BADGES_VALID_FOR_DAYS=1)
def test_an_expired_credential_says_so(client, certificate):
    from datetime import timedelta

    certificate.issued_at -= timedelta(days=3)
    certificate.save()
    assert "has expired" in check(client, token_of(client, certificate)).content.decode()


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "a.b.c",
        "eyJhbGciOiJFZERTQSJ9.!!!.x",
        '{"id": "data:application/vc+jwt,x"}',
        '{"id": 3}',
        "[" * 5000,
        "{" + '"a":' * 3000,
    ],
)
def test_malformed_input_is_a_clear_400(client, site_frame, text):
    response = check(client, text)
    assert response.status_code == 400
    assert "This is not a credential" in response.content.decode()


def test_huge_input_is_a_clear_400(client, site_frame):
    response = check(client, "a" * 200_000)
    assert response.status_code == 400
    assert "far longer than any credential" in response.content.decode()
    assert check(client, "").status_code == 400


def test_the_verdict_is_in_the_readers_language(client, certificate):
    token = token_of(client, certificate)
    assert "Esta credencial es válida" in check(client, token, "es").content.decode()
    assert "Esta credencial é válida" in check(client, token, "pt").content.decode()
    assert "Cette attestation est valide" in check(client, token, "fr").content.decode()


def test_the_certificate_pages_link_the_credential(client, certificate):
    html = client.get(reverse("certificate_verify", args=[certificate.code])).content.decode()
    assert reverse("certificate_credential", args=[certificate.code]) in html
