"""Open Badges 3.0 credentials of certificates, signed as VC-JWT (decision 0024), and the status lists
that revoke them.

A credential is built from the certificate each time it is asked for: Ed25519 signatures are
deterministic, so the same certificate gives the same bytes until its facts change, and nothing is
stored that could disagree with the certificate. Revocation lives in the certificate; the status
list is computed from it on every request, so a revocation shows in any verifier at once."""

from __future__ import annotations

import datetime
import gzip
import hashlib
import hmac
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.api import CertificateFacts, certificate_facts, revoked_certificate_ids

from .keys import b64url, issuer_key

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
MEDIA_TYPE = "application/vc+jwt"
#: Bits per status list: 16 KB uncompressed, the minimum the Bitstring Status List spec asks for
#: so that a list does not tell which certificate a verifier is checking.
LIST_SIZE = 131072


def _base() -> str:
    return settings.SITE_BASE_URL.rstrip("/")


def issuer_id() -> str:
    return _base() + reverse("badges:issuer")


def issuer_profile() -> dict:
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.BADGES_ISSUER_NAME,
        "url": _base() + "/",
    }


def status_list_url(number: int) -> str:
    return _base() + reverse("badges:status_list", args=[number])


def status_position(certificate_id: int) -> tuple[int, int]:
    """(list number, index in the list) of a certificate: its id, cut into lists of LIST_SIZE."""
    return divmod(certificate_id, LIST_SIZE)


def identity_hash(email: str, salt: str) -> str:
    """The OB 3.0 hashed identifier: "sha256$" and the hex digest of the e-mail followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _salt(code: str) -> str:
    # Stable per certificate (so the credential's bytes are stable) and unguessable without the secret key,
    # so that nobody can test a list of e-mail addresses against one hash without the salt the holder shows.
    return hmac.new(settings.SECRET_KEY.encode(), f"badges:salt:{code}".encode(), hashlib.sha256).hexdigest()[:32]


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _narrative(facts: CertificateFacts) -> str:
    values = {"course": facts.course_title, "hours": facts.hours.normalize(), "state": facts.issuer_state}
    if facts.kind == "attendance":
        lines = [_("Attended the training activity “%(course)s” (%(hours)s hours), held by %(state)s.") % values]
    else:
        lines = [
            _("Completed every required lesson of the course “%(course)s” (%(hours)s hours), offered by %(state)s.")
            % values
        ]
    outcomes = [line.strip() for line in facts.course_outcomes.splitlines() if line.strip()]
    if outcomes:
        lines += ["", _("Learning outcomes:")] + [f"- {outcome}" for outcome in outcomes]
    return "\n".join(lines)


def _alignment(facts: CertificateFacts) -> list[dict]:
    search = _base() + f"/{facts.language}/search/?"
    if not facts.discipline:
        return []
    alignment = [
        {
            "type": ["Alignment"],
            "targetName": facts.discipline_label,
            "targetCode": facts.discipline,
            "targetFramework": _("Capacitas disciplines"),
            "targetUrl": search + urlencode({"discipline": facts.discipline}),
        }
    ]
    for slug, name in facts.topics:
        alignment.append(
            {
                "type": ["Alignment"],
                "targetName": name,
                "targetCode": slug,
                "targetFramework": _("Capacitas topics"),
                "targetUrl": search + urlencode({"q": name}),
            }
        )
    return alignment


def credential_document(facts: CertificateFacts) -> dict:
    """The unsigned OpenBadgeCredential of a certificate, its texts in the holder's language."""
    base = _base()
    number, index = status_position(facts.pk)
    list_url = status_list_url(number)
    salt = _salt(facts.code)
    with translation.override(facts.language):
        achievement = {
            "id": f"urn:uuid:{facts.course_key}",
            "type": ["Achievement"],
            "achievementType": "Course" if facts.kind != "attendance" else "Achievement",
            "name": facts.course_title,
            "description": facts.course_summary or facts.course_title,
            "criteria": {"narrative": _narrative(facts)},
            "alignment": _alignment(facts),
            "inLanguage": facts.language,
            "creator": {
                "id": issuer_id(),
                "type": ["Profile"],
                "name": facts.issuer_state + (f" – {facts.issuer_agency}" if facts.issuer_agency else ""),
            },
        }
        if not achievement["alignment"]:
            del achievement["alignment"]  # an attendance certificate names no discipline or topic
    document = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": base + reverse("certificate_verify", args=[facts.code]),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": facts.course_title,
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": settings.BADGES_ISSUER_NAME, "url": base + "/"},
        "validFrom": _iso(facts.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(facts.holder_email, salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": achievement,
        },
        "credentialStatus": {
            "id": f"{list_url}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": list_url,
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if settings.BADGES_VALID_FOR_DAYS:
        document["validUntil"] = _iso(facts.issued_at + datetime.timedelta(days=settings.BADGES_VALID_FOR_DAYS))
    return document


def sign(document: dict) -> str:
    """A VC-JWT (VC-JOSE-COSE): the credential is the JWS payload, typ vc+jwt, cty vc."""
    key = issuer_key()
    return jwt.encode(document, key.private, algorithm="EdDSA", headers={"kid": key.kid, "typ": "vc+jwt", "cty": "vc"})


def envelope(token: str) -> dict:
    """The VC 2.0 EnvelopedVerifiableCredential that carries a VC-JWT inside JSON."""
    return {"@context": VC_CONTEXT, "id": f"data:{MEDIA_TYPE},{token}", "type": "EnvelopedVerifiableCredential"}


def credential_for_code(code: str) -> tuple[CertificateFacts, str] | None:
    """The certificate and its signed credential, or None for an unknown code."""
    facts = certificate_facts(code)
    if facts is None:
        return None
    return facts, sign(credential_document(facts))


def status_bits(number: int) -> bytearray:
    """The revocation bits of one list: bit i (most significant bit of byte 0 first) is set when the
    certificate at index i is revoked."""
    first = number * LIST_SIZE
    bits = bytearray(LIST_SIZE // 8)
    for certificate_id in revoked_certificate_ids(first=first, last=first + LIST_SIZE - 1):
        index = certificate_id - first
        bits[index // 8] |= 0x80 >> (index % 8)
    return bits


def status_list_credential(number: int) -> str:
    """The signed BitstringStatusListCredential of one list, as of now."""
    url = status_list_url(number)
    encoded = "u" + b64url(gzip.compress(bytes(status_bits(number)), mtime=0))
    document = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
    return sign(document)
