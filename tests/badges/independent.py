"""A second implementation, for the tests only: checks a VC-JWT with `cryptography` directly on the
JWS signing input (not PyJWT, which signs), and the decoded credential against the required fields
of the 1EdTech OB 3.0 AchievementCredential JSON schema.

The official schema file (ob_v3p0_achievementcredential_schema.json) is not reachable offline and
`jsonschema` is not in the environment, so the schema below encodes the required members and types
the OB 3.0 specification gives for AchievementCredential, Profile, AchievementSubject,
IdentityObject, Achievement, Criteria, Alignment and the credential status entry, and a small
checker walks it (type, required, properties, items, contains, const, enum, pattern)."""

from __future__ import annotations

import base64
import gzip
import json
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Rejected(Exception):
    pass


def verify_jws(token: str, jwks: dict) -> tuple[dict, dict]:
    """(header, payload) of a compact JWS signed with EdDSA by a key of the JWKS, or Rejected."""
    parts = token.split(".")
    if len(parts) != 3:
        raise Rejected("not a compact JWS")
    header = json.loads(b64decode(parts[0]))
    if header.get("alg") != "EdDSA":
        raise Rejected("alg")
    key = next((k for k in jwks["keys"] if k.get("kid") == header.get("kid")), None)
    if key is None or key.get("kty") != "OKP" or key.get("crv") != "Ed25519":
        raise Rejected("unknown key")
    public = Ed25519PublicKey.from_public_bytes(b64decode(key["x"]))
    try:
        public.verify(b64decode(parts[2]), f"{parts[0]}.{parts[1]}".encode("ascii"))
    except InvalidSignature:
        raise Rejected("signature") from None
    return header, json.loads(b64decode(parts[1]))


def unwrap(envelope: dict) -> str:
    assert envelope["type"] == "EnvelopedVerifiableCredential"
    prefix = "data:application/vc+jwt,"
    assert envelope["id"].startswith(prefix)
    return envelope["id"][len(prefix) :]


def status_bit(status_list_payload: dict, index: int) -> bool:
    encoded = status_list_payload["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")  # multibase base64url
    bits = gzip.decompress(b64decode(encoded[1:]))
    assert len(bits) * 8 >= 131072
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


URI = {"type": "string", "pattern": r"^[a-z][a-z0-9+.-]*:"}
DATETIME = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$"}
PROFILE = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {"id": URI, "type": {"type": "array", "contains": {"const": "Profile"}}, "name": {"type": "string"}},
}
ALIGNMENT = {
    "type": "object",
    "required": ["type", "targetName", "targetUrl"],
    "properties": {
        "type": {"type": "array", "contains": {"const": "Alignment"}},
        "targetName": {"type": "string"},
        "targetUrl": URI,
        "targetCode": {"type": "string"},
    },
}
ACHIEVEMENT = {
    "type": "object",
    "required": ["id", "type", "criteria", "description", "name"],
    "properties": {
        "id": URI,
        "type": {"type": "array", "contains": {"const": "Achievement"}},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "criteria": {"type": "object", "properties": {"narrative": {"type": "string"}, "id": URI}},
        "alignment": {"type": "array", "items": ALIGNMENT},
        "creator": PROFILE,
    },
}
IDENTITY = {
    "type": "object",
    "required": ["type", "identityHash", "identityType", "hashed"],
    "properties": {
        "type": {"const": "IdentityObject"},
        "identityHash": {"type": "string"},
        "identityType": {"type": "string"},
        "hashed": {"type": "boolean"},
        "salt": {"type": "string"},
    },
}
ACHIEVEMENT_CREDENTIAL = {
    "type": "object",
    "required": ["@context", "type", "id", "issuer", "validFrom", "credentialSubject"],
    "properties": {
        "@context": {
            "type": "array",
            "minItems": 2,
            "items": [
                {"const": "https://www.w3.org/ns/credentials/v2"},
                {"type": "string", "pattern": r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context-3\.0\.\d+\.json$"},
            ],
        },
        "id": URI,
        "type": {
            "type": "array",
            "allOf": [{"contains": {"const": "VerifiableCredential"}}, {"contains": {"const": "OpenBadgeCredential"}}],
        },
        "name": {"type": "string"},
        "issuer": PROFILE,
        "validFrom": DATETIME,
        "validUntil": DATETIME,
        "credentialSubject": {
            "type": "object",
            "required": ["type", "achievement"],
            "properties": {
                "type": {"type": "array", "contains": {"const": "AchievementSubject"}},
                "identifier": {"type": "array", "items": IDENTITY},
                "achievement": ACHIEVEMENT,
            },
        },
        "credentialStatus": {
            "type": "object",
            "required": ["id", "type"],
            "properties": {
                "id": URI,
                "type": {"type": "string"},
                "statusListCredential": URI,
                "statusListIndex": {"type": "string", "pattern": r"^\d+$"},
            },
        },
        "credentialSchema": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "type"],
                "properties": {"id": URI, "type": {"const": "1EdTechJsonSchemaValidator2019"}},
            },
        },
    },
}

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def schema_errors(value, schema: dict = ACHIEVEMENT_CREDENTIAL, path: str = "$") -> list[str]:
    errors: list[str] = []
    expected = schema.get("type")
    if expected and not isinstance(value, _TYPES[expected]):
        return [f"{path}: not {expected}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: not {schema['const']!r}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: does not match {schema['pattern']}")
    for part in schema.get("allOf", []):
        errors += schema_errors(value, part, path)
    if "contains" in schema and not any(not schema_errors(item, schema["contains"]) for item in value):
        errors.append(f"{path}: contains no {schema['contains']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{path}: too few items")
        items = schema.get("items")
        if isinstance(items, list):
            for i, (item, item_schema) in enumerate(zip(value, items, strict=False)):
                errors += schema_errors(item, item_schema, f"{path}[{i}]")
        elif isinstance(items, dict):
            for i, item in enumerate(value):
                errors += schema_errors(item, items, f"{path}[{i}]")
    if isinstance(value, dict):
        errors += [f"{path}: {name} missing" for name in schema.get("required", []) if name not in value]
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                errors += schema_errors(value[name], sub, f"{path}.{name}")
    return errors
