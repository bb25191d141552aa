"""Verify a pasted credential: what it is (a VC-JWT, bare or in its JSON envelope), who signed it,
whether its bytes are intact, whether its status bit says revoked, and whether it has expired."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import jwt
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from lms.untrusted import UntrustedInput, loads

from . import credentials
from .keys import verification_key

#: Far above any credential issued here (a few kilobytes), far below what would cost time to parse.
MAX_CHARS = 32_000

VALID, REVOKED, EXPIRED, TAMPERED, UNKNOWN_KEY, MALFORMED = (
    "valid",
    "revoked",
    "expired",
    "tampered",
    "unknown_key",
    "malformed",
)

MESSAGES = {
    VALID: _("This credential is valid: it was signed by this platform and has not been revoked."),
    REVOKED: _("This credential was signed by this platform, but its certificate has been revoked."),
    EXPIRED: _("This credential was signed by this platform, but it has expired."),
    TAMPERED: _("This credential has been altered: its signature does not match its content."),
    UNKNOWN_KEY: _("This credential was not signed with a key of this platform, so it cannot be checked here."),
    MALFORMED: _(
        "This is not a credential: paste the credential file or the signed text (three parts joined by dots)."
    ),
}

_COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Verdict:
    status: str
    credential: dict | None = None

    @property
    def message(self) -> str:
        return str(MESSAGES[self.status])

    @property
    def achievement(self) -> str:
        subject = (self.credential or {}).get("credentialSubject") or {}
        return str((subject.get("achievement") or {}).get("name", "")) if isinstance(subject, dict) else ""

    @property
    def valid_from(self) -> datetime.datetime | None:
        return parse_datetime(str((self.credential or {}).get("validFrom", "")))


def _token(text: str) -> str | None:
    text = text.strip()
    if text.startswith("{"):
        try:
            document = loads(text, max_bytes=MAX_CHARS * 4, max_depth=8)
        except UntrustedInput:
            return None
        identifier = document.get("id") if isinstance(document, dict) else None
        prefix = f"data:{credentials.MEDIA_TYPE},"
        if not isinstance(identifier, str) or not identifier.startswith(prefix):
            return None
        text = identifier[len(prefix) :]
    return text if _COMPACT_JWS.match(text) else None


def _revoked(status: object) -> bool | None:
    """The status bit named by the entry, or None when the entry is not one of this platform's lists."""
    if not isinstance(status, dict) or status.get("type") != "BitstringStatusListEntry":
        return None
    url, index = status.get("statusListCredential"), status.get("statusListIndex")
    prefix = credentials.status_list_url(0).removesuffix("0.json")
    match = re.fullmatch(r"(\d{1,9})\.json", str(url).removeprefix(prefix)) if str(url).startswith(prefix) else None
    if match is None or not str(index).isdigit() or int(index) >= credentials.LIST_SIZE:
        return None
    bits = credentials.status_bits(int(match.group(1)))
    position = int(index)
    return bool(bits[position // 8] & (0x80 >> (position % 8)))


def verify(text: str) -> Verdict:
    """The verdict on untrusted text; never raises for anything a visitor can paste."""
    if not isinstance(text, str) or len(text) > MAX_CHARS:
        return Verdict(MALFORMED)
    token = _token(text)
    if token is None:
        return Verdict(MALFORMED)
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        return Verdict(MALFORMED)
    key = verification_key(header.get("kid"))
    if header.get("alg") != "EdDSA" or key is None:
        return Verdict(UNKNOWN_KEY)
    try:
        # The credential carries no JWT time claims; validFrom and validUntil are checked below.
        payload = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
        )
    except jwt.InvalidSignatureError:
        return Verdict(TAMPERED)
    except jwt.PyJWTError:
        return Verdict(MALFORMED)
    types = payload.get("type")
    if not isinstance(types, list) or "OpenBadgeCredential" not in types:
        return Verdict(MALFORMED)
    revoked = _revoked(payload.get("credentialStatus"))
    if revoked is None:
        return Verdict(MALFORMED)
    if revoked:
        return Verdict(REVOKED, payload)
    valid_until = parse_datetime(str(payload.get("validUntil", "")))
    if valid_until is not None and valid_until < timezone.now():
        return Verdict(EXPIRED, payload)
    return Verdict(VALID, payload)
