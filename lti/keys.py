"""The tool's RSA keys: the current one signs (deep linking responses, service token requests),
and the JWKS at /lti/jwks/ publishes it with the retired keys still in their grace period.

Private keys are stored encrypted with Fernet under ``LTI_KEY_SECRET`` (several secrets, comma
separated, the first encrypting: the secret itself can rotate). Without it, a secret is derived
from ``SECRET_KEY`` (development and tests); production sets it (decision 0111)."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from jwcrypto.jwk import JWK

from .models import ToolKey


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_pem: str
    public_pem: str


def _fernet() -> MultiFernet:
    secrets = [s.strip() for s in (settings.LTI_KEY_SECRET or "").split(",") if s.strip()]
    if not secrets:
        derived = hashlib.sha256(b"capacitas-lti-key-secret:" + settings.SECRET_KEY.encode()).digest()
        secrets = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(s.encode()) for s in secrets])


def public_jwk(public_pem: str) -> dict:
    jwk = json.loads(JWK.from_pem(public_pem.encode()).export_public())
    jwk["kid"] = JWK.from_pem(public_pem.encode()).thumbprint()
    jwk.update({"alg": "RS256", "use": "sig"})
    return jwk


def _new_key() -> ToolKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return ToolKey(
        kid=public_jwk(public_pem)["kid"],
        public_pem=public_pem,
        private_encrypted=_fernet().encrypt(private_pem).decode(),
    )


def _signing(key: ToolKey) -> SigningKey:
    private_pem = _fernet().decrypt(key.private_encrypted.encode()).decode()
    return SigningKey(kid=key.kid, private_pem=private_pem, public_pem=key.public_pem)


def current_key() -> SigningKey:
    """The signing key; the first call makes one."""
    key = ToolKey.objects.filter(retired_at__isnull=True).first()
    if key is None:
        try:
            with transaction.atomic():
                key = _new_key()
                key.save()
        except IntegrityError:  # another process made it first
            key = ToolKey.objects.get(retired_at__isnull=True)
    return _signing(key)


@transaction.atomic
def rotate() -> tuple[str | None, str]:
    """Retire the current key (its public half stays published for the grace period) and make a
    new one. Returns (old kid, new kid)."""
    old = ToolKey.objects.select_for_update().filter(retired_at__isnull=True).first()
    if old is not None:
        old.retired_at = timezone.now()
        old.save(update_fields=["retired_at"])
    new = _new_key()
    new.save()
    return (old.kid if old else None), new.kid


def published_keys():
    """The current key first, then the retired ones still in their grace period, newest first."""
    since = timezone.now() - timedelta(days=settings.LTI_KEY_GRACE_DAYS)
    return ToolKey.objects.filter(Q(retired_at__isnull=True) | Q(retired_at__gte=since)).order_by(
        F("retired_at").desc(nulls_first=True)
    )


def jwks() -> dict:
    current_key()
    return {"keys": [public_jwk(key.public_pem) for key in published_keys()]}
