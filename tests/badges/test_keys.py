"""Key rotation: credentials signed by a retired key still verify, here and in any verifier that
reads the JWKS, while new credentials are signed by the new key; a key never published stays unknown."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from badges import keys
from badges.verification import VALID, verify
from tests.badges.independent import Rejected, verify_jws

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = str(tmp_path)
    keys._key.cache_clear()
    yield tmp_path
    keys._key.cache_clear()


def token_of(client, certificate) -> str:
    return client.get(reverse("certificate_credential", args=[certificate.code])).json()["id"].split(",", 1)[1]


def test_after_a_rotation_old_credentials_verify_and_new_ones_use_the_new_key(client, certificate, own_private_root):
    before = token_of(client, certificate)
    old_kid = keys.issuer_key().kid
    call_command("badges_rotate_key")
    new_kid = keys.issuer_key().kid
    assert new_kid != old_kid
    after = token_of(client, certificate)
    assert after != before
    published = client.get(reverse("badges:jwks")).json()
    assert [key["kid"] for key in published["keys"]] == [new_kid, old_kid]
    assert all("d" not in key for key in published["keys"])  # never a private part
    # Here, and by an independent verifier reading only the published JWKS.
    assert verify(before).status == VALID and verify(after).status == VALID
    assert verify_jws(before, published)[0]["kid"] == old_kid
    assert verify_jws(after, published)[0]["kid"] == new_kid


def test_retired_keys_from_settings_are_published_and_accepted(client, certificate, own_private_root, settings):
    token = token_of(client, certificate)
    pem = keys.issuer_key().public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    old_kid = keys.issuer_key().kid
    # A new current key from settings; the old one only as a retired public key.
    settings.BADGES_ISSUER_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    assert verify(token).status == "unknown_key"
    settings.BADGES_RETIRED_KEYS = pem.decode()
    assert verify(token).status == VALID
    assert old_kid in [key["kid"] for key in client.get(reverse("badges:jwks")).json()["keys"]]


def test_a_key_that_was_never_published_is_unknown(client, certificate, own_private_root, settings):
    token = token_of(client, certificate)
    settings.BADGES_ISSUER_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    assert verify(token).status == "unknown_key"
    with pytest.raises(Rejected):
        verify_jws(token, client.get(reverse("badges:jwks")).json())


def test_retired_keys_must_be_ed25519_public_keys(settings, own_private_root):
    from cryptography.hazmat.primitives.asymmetric import ec
    from django.core.exceptions import ImproperlyConfigured

    settings.BADGES_RETIRED_KEYS = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    with pytest.raises(ImproperlyConfigured):
        keys.jwks()


def test_rotation_with_a_configured_key_is_the_operators_job(settings):
    settings.BADGES_ISSUER_KEY = "set"
    with pytest.raises(CommandError):
        call_command("badges_rotate_key")
