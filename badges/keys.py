"""The platform's issuer key (Ed25519) and its public form (JWK, with an RFC 7638 thumbprint as `kid`).

Production reads the PEM from ``BADGES_ISSUER_KEY``. Where ``BADGES_GENERATE_KEY`` is on (development
and tests), a key is generated once into private storage and kept there, so that credentials issued
yesterday still verify today."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "badges/issuer-key.pem"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class IssuerKey:
    private: Ed25519PrivateKey
    kid: str
    jwk: dict

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()


def _load_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("BADGES_ISSUER_KEY must be an Ed25519 private key in PEM.")
    return key


def _generated_pem(root: str) -> bytes:
    path = Path(root) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        try:
            # "x": of two processes generating at once, the first one's key is kept.
            with open(path, "xb") as handle:
                os.chmod(path, 0o600)
                handle.write(pem)
        except FileExistsError:
            pass
    return path.read_bytes()


@functools.lru_cache(maxsize=4)
def _key(pem_setting: str, generate: bool, root: str) -> IssuerKey:
    if pem_setting:
        private = _load_pem(pem_setting.encode())
    elif generate:
        private = _load_pem(_generated_pem(root))
    else:
        raise ImproperlyConfigured("Set BADGES_ISSUER_KEY to the issuer's Ed25519 private key (PEM).")
    x = b64url(private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    # RFC 7638: the thumbprint of the required members, in lexical order, without white space.
    thumbprint = b64url(
        hashlib.sha256(json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":")).encode()).digest()
    )
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": thumbprint, "alg": "EdDSA", "use": "sig"}
    return IssuerKey(private=private, kid=thumbprint, jwk=jwk)


def issuer_key() -> IssuerKey:
    return _key(settings.BADGES_ISSUER_KEY or "", bool(settings.BADGES_GENERATE_KEY), str(settings.PRIVATE_ROOT))


def jwks() -> dict:
    return {"keys": [issuer_key().jwk]}
