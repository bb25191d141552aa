"""Writes for agency sign-in: configuring an agency's provider, and what a sign-in through it does.

A sign-in is checked before allauth creates or connects anything (``sign_in_check``, from the
social account adapter's ``pre_social_login``): a refusal leaves no user, no social account and no
e-mail address behind. Once the person is signed in (``sign_in_complete``, on ``user_logged_in``)
the provider's assertion decides their verification as an official of the agency (decision 0120)."""

from __future__ import annotations

import logging
import re

from allauth.socialaccount.models import SocialApp
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import access as accounts_access
from accounts.api import (
    Agency,
    agency_for_email,
    identity_provider_verifications_withdraw,
    verification_withdraw_for_agency,
    verify_by_identity_provider,
)

from . import access, claims
from .models import AgencyIdentityProvider, ProviderKind
from .selectors import provider_for_app

logger = logging.getLogger(__name__)

# How long a SAML assertion's ID is remembered, to refuse it when it comes again (longer than any
# assertion's validity window).
ASSERTION_MEMORY_SECONDS = 24 * 3600


class SignInRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Configuration ---------------------------------------------------------------------------------


def _slug(agency: Agency) -> str:
    return f"agency-{agency.pk}"


def _cert(text: str) -> str:
    """A PEM certificate or its base64 body, as python3-saml wants it: the body on one line."""
    body = re.sub(r"-----(BEGIN|END) CERTIFICATE-----", "", text or "")
    return "".join(body.split())


@transaction.atomic
def identity_provider_save(
    *,
    actor,
    agency: Agency,
    kind: str,
    name: str = "",
    enabled: bool = True,
    trust_mfa: bool = False,
    mfa_values: str | None = None,
    affiliation_claim: str = "",
    affiliation_values: str = "",
    server_url: str = "",
    client_id: str = "",
    secret: str = "",
    entity_id: str = "",
    metadata_url: str = "",
    sso_url: str = "",
    x509cert: str = "",
    email_attribute: str = "",
    uid_attribute: str = "",
    first_name_attribute: str = "",
    last_name_attribute: str = "",
) -> AgencyIdentityProvider:
    """Create or change the agency's provider and its allauth SocialApp. A secret left empty on a
    change keeps the stored one. Disabling a provider ends the verifications it made."""
    if not access.can_manage_provider_of(actor, agency):
        raise PermissionDenied(_("You may configure identity providers only for the agencies of your member state."))
    if kind not in ProviderKind.values:
        raise ValidationError({"kind": _("Choose OpenID Connect or SAML 2.0.")})
    provider = AgencyIdentityProvider.objects.select_for_update().select_related("app").filter(agency=agency).first()
    if provider is not None and provider.kind != kind:
        raise ValidationError(
            {"kind": _("This agency's provider uses another protocol. Remove it before configuring a new one.")}
        )
    app = provider.app if provider else SocialApp(provider=kind)
    app.name = (name or "").strip() or agency.name
    errors: dict[str, str] = {}
    if kind == ProviderKind.OIDC:
        if not server_url.strip():
            errors["server_url"] = _("Give the provider's issuer URL.")
        if not client_id.strip():
            errors["client_id"] = _("Give the client ID that the provider issued to Capacitas.")
        if not secret and not (provider and app.secret):
            errors["secret"] = _("Give the client secret that the provider issued to Capacitas.")
        app.provider_id = _slug(agency)
        app.client_id = client_id.strip()
        if secret:
            app.secret = secret
        app.settings = {"server_url": server_url.strip().rstrip("/"), "token_auth_method": "client_secret_post"}
    else:
        if not entity_id.strip():
            errors["entity_id"] = _("Give the identity provider's entity ID.")
        if not metadata_url.strip() and not (sso_url.strip() and _cert(x509cert)):
            errors["metadata_url"] = _("Give the metadata URL, or the single sign-on URL and the signing certificate.")
        if not email_attribute.strip():
            errors["email_attribute"] = _("Give the attribute that holds the e-mail address.")
        app.provider_id = ""
        app.client_id = _slug(agency)
        idp: dict = {"entity_id": entity_id.strip()}
        if metadata_url.strip():
            idp["metadata_url"] = metadata_url.strip()
        else:
            idp.update({"sso_url": sso_url.strip(), "x509cert": _cert(x509cert)})
        mapping = {"email": email_attribute.strip()}
        for key, value in (
            ("uid", uid_attribute),
            ("first_name", first_name_attribute),
            ("last_name", last_name_attribute),
        ):
            if value.strip():
                mapping[key] = value.strip()
        # Signed assertions only, and never an IdP-initiated sign-in (no request of ours to answer).
        app.settings = {
            "idp": idp,
            "attribute_mapping": mapping,
            "advanced": {"want_assertion_signed": True, "reject_idp_initiated_sso": True, "strict": True},
        }
    if errors:
        raise ValidationError(errors)
    app.full_clean(exclude=["sites"])
    app.save()
    was_enabled = provider.enabled if provider else False
    if provider is None:
        provider = AgencyIdentityProvider(agency=agency, app=app, kind=kind)
    provider.enabled = enabled
    provider.trust_mfa = trust_mfa
    if mfa_values is not None:
        provider.mfa_values = " ".join(mfa_values.split())
    provider.affiliation_claim = affiliation_claim.strip()
    provider.affiliation_values = " ".join(affiliation_values.split())
    if provider.affiliation_claim and not provider.affiliation_value_set:
        raise ValidationError({"affiliation_values": _("Give at least one value of the affiliation claim.")})
    provider.full_clean()
    provider.save()
    if was_enabled and not enabled:
        identity_provider_verifications_withdraw(agency=agency, actor=actor, provider=str(provider))
    return provider


# --- Sign-in -----------------------------------------------------------------------------------------


def _email_of(sociallogin) -> str:
    email = (getattr(sociallogin.user, "email", "") or "").strip()
    if not email:
        for address in sociallogin.email_addresses:
            if address.email:
                email = address.email.strip()
                break
    return email.lower()


def _first_use(provider: AgencyIdentityProvider, assertion_id) -> bool:
    """Is this the first time this SAML assertion is presented? (Remembered for a day.)"""
    if not assertion_id:
        return False
    return cache.add(f"sso:saml:assertion:{provider.pk}:{assertion_id}", True, ASSERTION_MEMORY_SECONDS)


def sign_in_check(*, request, sociallogin) -> AgencyIdentityProvider:
    """Refuse (``SignInRefused``, a translated message) a sign-in that an agency's provider may not
    make; otherwise mark its address verified and, for an existing account, record the provider's
    MFA where the agency trusts it (before allauth's MFA step runs)."""
    app = sociallogin.provider.app
    provider = provider_for_app(app)
    if provider is None or not provider.enabled:
        raise SignInRefused(_("This identity provider is not enabled for any agency. Nothing was changed."))
    email = _email_of(sociallogin)
    if "@" not in email:
        raise SignInRefused(
            _("Your agency's identity provider did not give an e-mail address, so you cannot be signed in.")
        )
    owner = agency_for_email(email)
    if owner is None or owner.pk != provider.agency_id:
        logger.warning("SSO refused: %s asserted an address outside the agency's domains", provider)
        if owner is not None:
            raise SignInRefused(
                _(
                    "The address %(email)s belongs to another agency (%(agency)s). Sign in through that "
                    "agency's provider. Nothing was changed."
                )
                % {"email": email, "agency": owner.name}
            )
        raise SignInRefused(
            _("The address %(email)s is not on an e-mail domain of %(agency)s. Nothing was changed.")
            % {"email": email, "agency": provider.agency.name}
        )
    extra_data = sociallogin.account.extra_data or {}
    if provider.kind == ProviderKind.SAML and not _first_use(provider, extra_data.get(claims.ASSERTION_ID_KEY)):
        raise SignInRefused(
            _(
                "This sign-in response from your agency was already used, has expired or was not "
                "requested from this browser. Nothing was changed; sign in again."
            )
        )
    for address in sociallogin.email_addresses:
        if address.email and address.email.strip().lower() == email:
            address.verified = True
    if sociallogin.user is not None and sociallogin.user.pk is not None:
        record_provider_mfa(request=request, user=sociallogin.user, provider=provider, extra_data=extra_data)
    return provider


def record_provider_mfa(*, request, user, provider: AgencyIdentityProvider, extra_data: dict) -> bool:
    """An authentication record that accounts' MFA rule accepts, when the agency trusts its
    provider's MFA and the provider asserted it for this sign-in."""
    if not (provider.trust_mfa and claims.asserts_mfa(provider, extra_data)):
        return False
    if accounts_access.session_mfa_by_identity_provider(request, user):
        return True
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, accounts_access.IDENTITY_PROVIDER_MFA_METHOD, agency=provider.agency_id)
    return True


@transaction.atomic
def sign_in_complete(*, request, user, sociallogin) -> bool | None:
    """After a sign-in through an agency's provider: a verified official of the agency while the
    provider asserts it; no longer one when it stops. Returns whether they are one (None: not an
    agency's provider)."""
    provider = provider_for_app(sociallogin.provider.app)
    if provider is None:
        return None
    extra_data = sociallogin.account.extra_data or {}
    if request is not None:
        record_provider_mfa(request=request, user=user, provider=provider, extra_data=extra_data)
    if provider.enabled and claims.asserts_affiliation(provider, extra_data):
        verify_by_identity_provider(user=user, agency=provider.agency, provider=str(provider))
        return True
    verification_withdraw_for_agency(
        user=user, agency=provider.agency, actor=None, reason="not_asserted", provider=str(provider)
    )
    return False
