"""What is issued: an OB 3.0 credential, checked by a second implementation and the schema's required fields."""

import hashlib
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from badges import credentials, keys
from courses import services
from tests.accounts.factories import coordinator

from .independent import Rejected, schema_errors, status_bit, unwrap, verify_jws

pytestmark = pytest.mark.django_db


def issued(client, code):
    response = client.get(reverse("certificate_credential", args=[code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    jwks = client.get(reverse("badges:jwks")).json()
    return verify_jws(unwrap(response.json()), jwks)


def test_the_credential_verifies_with_cryptography_and_meets_the_schema(client, certificate):
    header, credential = issued(client, certificate.code)
    assert (header["alg"], header["typ"], header["cty"]) == ("EdDSA", "vc+jwt", "vc")
    assert schema_errors(credential) == []
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["issuer"]["id"] == "http://testserver/badges/issuer.json" or credential["issuer"]["id"].endswith(
        "/badges/issuer.json"
    )
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Escena del crimen"
    # The texts are in the holder's language (Spanish here), the same for whoever asks.
    assert (
        "12.5" in achievement["criteria"]["narrative"]
        and "Documentar la cadena de custodia" in achievement["criteria"]["narrative"]
    )
    targets = {(a["targetCode"], a["targetName"]) for a in achievement["alignment"]}
    assert ("chain-of-custody", "Cadena de custodia") in targets
    assert any(code == "forensic" for code, _name in targets)
    assert "validUntil" not in credential  # certificates do not expire unless the platform says so


def test_the_learner_is_a_salted_hash_of_the_email(client, certificate):
    _header, credential = issued(client, certificate.code)
    (identity,) = credential["credentialSubject"]["identifier"]
    expected = "sha256$" + hashlib.sha256((certificate.user.email + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == expected and identity["hashed"] is True
    assert certificate.user.email not in json.dumps(credential)
    assert len(identity["salt"]) >= 16


def test_the_same_certificate_gives_the_same_bytes(client, certificate):
    first = client.get(reverse("certificate_credential", args=[certificate.code])).content
    assert client.get(reverse("certificate_credential", args=[certificate.code.lower()])).content == first


def test_the_status_bit_flips_on_revocation(client, certificate):
    _header, credential = issued(client, certificate.code)
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry" and entry["statusPurpose"] == "revocation"
    jwks = client.get(reverse("badges:jwks")).json()
    number, index = credentials.status_position(certificate.pk)
    assert entry["statusListCredential"].endswith(reverse("badges:status_list", args=[number]))

    def bit():
        response = client.get(reverse("badges:status_list", args=[number]))
        assert response["Cache-Control"] == "no-cache"
        _h, status_list = verify_jws(unwrap(response.json()), jwks)
        assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        return status_bit(status_list, int(entry["statusListIndex"]))

    assert int(entry["statusListIndex"]) == index and bit() is False
    services.certificate_revoke(revoker=coordinator(certificate.issuer_state), certificate=certificate, reason="Fraude")
    assert bit() is True


@override_settings(BADGES_VALID_FOR_DAYS=365)
def test_a_validity_period_gives_valid_until(client, certificate):
    _header, credential = issued(client, certificate.code)
    assert schema_errors(credential) == []
    assert credential["validUntil"] > credential["validFrom"]


def test_the_independent_check_refuses_a_changed_payload(client, certificate):
    token = unwrap(client.get(reverse("certificate_credential", args=[certificate.code])).json())
    head, payload, signature = token.split(".")
    altered = keys.b64url(
        json.dumps({**json.loads(__import__("base64").urlsafe_b64decode(payload + "==")), "name": "X"}).encode()
    )
    with pytest.raises(Rejected):
        verify_jws(f"{head}.{altered}.{signature}", client.get(reverse("badges:jwks")).json())


def test_issuer_profile_and_keys_are_published(client):
    profile = client.get(reverse("badges:issuer")).json()
    assert profile["type"] == ["Profile"] and profile["id"].endswith("/badges/issuer.json") and profile["name"]
    (jwk,) = client.get(reverse("badges:jwks")).json()["keys"]
    assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("OKP", "Ed25519", "EdDSA")
    # RFC 7638 thumbprint, computed here again
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": jwk["x"]}, separators=(",", ":")).encode()
    assert jwk["kid"] == keys.b64url(hashlib.sha256(canonical).digest())
    assert "d" not in jwk


def test_unknown_code_is_404(client, site_frame):
    assert client.get(reverse("certificate_credential", args=["NOPE"])).status_code == 404
    assert client.get("/verify/" + "A" * 500 + "/credential.json").status_code == 404


def test_the_key_comes_from_the_setting_or_is_generated_once(settings, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    settings.PRIVATE_ROOT = str(tmp_path)
    generated = keys.issuer_key()
    assert (tmp_path / keys.KEY_FILE).exists()
    assert keys.issuer_key().kid == generated.kid
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.BADGES_ISSUER_KEY = pem.decode()
    assert keys.issuer_key().kid != generated.kid
    settings.BADGES_ISSUER_KEY, settings.BADGES_GENERATE_KEY = "", False
    with pytest.raises(ImproperlyConfigured):
        keys.issuer_key()


def test_queries_do_not_grow_with_revocations(client, certificate, django_assert_num_queries):
    """A status list is one query however many certificates are revoked; a credential is two."""
    services.certificate_revoke(revoker=coordinator(certificate.issuer_state), certificate=certificate, reason="Fraude")
    with django_assert_num_queries(1):
        assert client.get(reverse("badges:status_list", args=[0])).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(reverse("certificate_credential", args=[certificate.code])).status_code == 200
