"""What an identity provider's assertion says: affiliation with the agency, and a second factor.

OpenID Connect logins keep the ID token's claims under ``id_token`` and the userinfo under
``userinfo`` (allauth's extra data); SAML logins keep the assertion's attributes (lists of strings)
and, under ``AUTHN_CONTEXTS_KEY``, its AuthnContextClassRef values (``sso.saml``)."""

from __future__ import annotations

from .models import AgencyIdentityProvider, ProviderKind

AUTHN_CONTEXTS_KEY = "capacitas:authn_context_class_refs"
ASSERTION_ID_KEY = "capacitas:assertion_id"


def _values(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    if isinstance(value, (list, tuple, set)):
        return {str(item) for item in value if isinstance(item, (str, int))}
    return {str(value)} if isinstance(value, (int, bool)) else set()


def _oidc_claim(extra_data: dict, name: str):
    for part in ("id_token", "userinfo"):
        claims = extra_data.get(part) or {}
        if isinstance(claims, dict) and name in claims:
            return claims[name]
    return None


def asserted_values(provider: AgencyIdentityProvider, extra_data: dict, name: str) -> set[str]:
    if provider.kind == ProviderKind.OIDC:
        return _values(_oidc_claim(extra_data, name))
    return _values(extra_data.get(name))


def asserts_affiliation(provider: AgencyIdentityProvider, extra_data: dict) -> bool:
    """Without an affiliation claim configured, signing in through the agency's provider is the
    assertion; with one, the claim must hold one of the configured values."""
    if not provider.affiliation_claim:
        return True
    return bool(asserted_values(provider, extra_data, provider.affiliation_claim) & provider.affiliation_value_set)


def asserts_mfa(provider: AgencyIdentityProvider, extra_data: dict) -> bool:
    """Did the provider say the person used a second factor (``amr``/``acr``, or the SAML
    AuthnContextClassRef) with one of the values configured as meaning MFA?"""
    wanted = provider.mfa_value_set
    if not wanted:
        return False
    if provider.kind == ProviderKind.OIDC:
        asserted = _values(_oidc_claim(extra_data, "amr")) | _values(_oidc_claim(extra_data, "acr"))
    else:
        asserted = _values(extra_data.get(AUTHN_CONTEXTS_KEY))
    return bool(asserted & wanted)
