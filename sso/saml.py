"""allauth's SAML provider, keeping what the assertion says about how the person authenticated.

Installed through ``SOCIALACCOUNT_PROVIDERS["saml"]["provider_class"]``; allauth's views and URLs
stay (``package``). The extra data of the account are the assertion's attributes, plus its
AuthnContextClassRef values and its ID (``sso.claims``), and a response whose request this
session never sent (a replayed one) is refused with a message that says so."""

from __future__ import annotations

from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .claims import ASSERTION_ID_KEY, AUTHN_CONTEXTS_KEY


class AgencySAMLProvider(SAMLProvider):
    package = "allauth.socialaccount.providers.saml"

    def extract_extra_data(self, data):
        extra = dict(data.get_attributes())
        extra[AUTHN_CONTEXTS_KEY] = list(data.get_last_authn_contexts() or [])
        extra[ASSERTION_ID_KEY] = data.get_last_assertion_id()
        return extra

    def extract_common_fields(self, data):
        # Trusted for the agency's own domains (sso.services.sign_in_check refuses the others).
        fields = super().extract_common_fields(data)
        if fields.get("email"):
            fields["email_verified"] = True
        return fields

    def sociallogin_from_response(self, request, response):
        # A signed response without a usable subject (no NameID, no mapped uid) is refused with a
        # message, not left to fail later.
        try:
            return super().sociallogin_from_response(request, response)
        except (ValueError, TypeError, KeyError):
            raise PermissionDenied(
                _("Your agency's identity provider did not say who you are, so you cannot be signed in.")
            ) from None

    def unstash_redirect_state(self, request, state_id):
        try:
            return super().unstash_redirect_state(request, state_id)
        except PermissionDenied:
            raise PermissionDenied(
                _(
                    "This sign-in response from your agency was already used, has expired or was not "
                    "requested from this browser. Nothing was changed; sign in again."
                )
            ) from None


provider_classes = [AgencySAMLProvider]
