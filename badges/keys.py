"""The platform's issuer key (Ed25519) and its public form (JWK, with an RFC 7638 thumbprint as `kid`).

Production reads the PEM from ``BADGES_ISSUER_KEY``. Where ``BADGES_GENERATE_KEY`` is on (development
and tests), a key is generated once into private storage and kept there, so that credentials issued
yesterday still verify today.

Keys rotate: a credential is signed when it is asked for, so after a rotation every new download is
signed by the new key, but the files learners already hold carry the old ``kid``. Retired public
keys stay published in the JWKS and accepted by the verifier: ``BADGES_RETIRED_KEYS`` (PEM public
keys, one after another) in production, ``badges/retired/*.pem`` in private storage where keys are
generated (``manage.py badges_rotate_key``)."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEY_FILE = "badges/issuer-key.pem"
RETIRED_DIR = "badges/retired"
_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


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


def public_jwk(public: Ed25519PublicKey) -> dict:
    """The JWK of a public key, its ``kid`` the RFC 7638 thumbprint (the required members, in
    lexical order, without white space)."""
    x = b64url(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    thumbprint = b64url(
        hashlib.sha256(json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":")).encode()).digest()
    )
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": thumbprint, "alg": "EdDSA", "use": "sig"}


@functools.lru_cache(maxsize=4)
def _key(pem_setting: str, generate: bool, root: str) -> IssuerKey:
    if pem_setting:
        private = _load_pem(pem_setting.encode())
    elif generate:
        private = _load_pem(_generated_pem(root))
    else:
        raise ImproperlyConfigured("Set BADGES_ISSUER_KEY to the issuer's Ed25519 private key (PEM).")
    jwk = public_jwk(private.public_key())
    return IssuerKey(private=private, kid=jwk["kid"], jwk=jwk)


def _public_keys(pem: bytes, where: str) -> list[Ed25519PublicKey]:
    keys = []
    for block in _PEM_BLOCK.findall(pem):
        key = serialization.load_pem_public_key(block)
        if not isinstance(key, Ed25519PublicKey):
            raise ImproperlyConfigured(f"{where} must hold Ed25519 public keys in PEM.")
        keys.append(key)
    return keys


def retired_keys() -> dict[str, tuple[Ed25519PublicKey, dict]]:
    """The retired public keys by ``kid``, each with its JWK; the current key is never among them."""
    found: list[Ed25519PublicKey] = _public_keys((settings.BADGES_RETIRED_KEYS or "").encode(), "BADGES_RETIRED_KEYS")
    folder = Path(settings.PRIVATE_ROOT) / RETIRED_DIR
    if settings.BADGES_GENERATE_KEY and folder.is_dir():
        for path in sorted(folder.glob("*.pem")):
            found += _public_keys(path.read_bytes(), str(path))
    current = issuer_key().kid
    retired = {}
    for key in found:
        jwk = public_jwk(key)
        if jwk["kid"] != current:
            retired[jwk["kid"]] = (key, jwk)
    return retired


def verification_key(kid: object) -> Ed25519PublicKey | None:
    """The public key a credential names by ``kid``: the current one or a retired one."""
    current = issuer_key()
    if kid == current.kid:
        return current.public
    retired = retired_keys().get(kid) if isinstance(kid, str) else None
    return retired[0] if retired else None


def rotate_generated_key() -> tuple[str, str]:
    """Where keys are generated: retire the current key (its public half kept) and make a new one.
    Returns (old kid, new kid)."""
    root = Path(settings.PRIVATE_ROOT)
    old = issuer_key()
    folder = root / RETIRED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    public_pem = old.public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (folder / f"{old.kid}.pem").write_bytes(public_pem)
    (root / KEY_FILE).unlink()
    _key.cache_clear()
    return old.kid, issuer_key().kid


def issuer_key() -> IssuerKey:
    return _key(settings.BADGES_ISSUER_KEY or "", bool(settings.BADGES_GENERATE_KEY), str(settings.PRIVATE_ROOT))


def jwks() -> dict:
    """The current key first, then the retired ones that still verify credentials already issued."""
    return {"keys": [issuer_key().jwk, *(jwk for _key, jwk in retired_keys().values())]}
