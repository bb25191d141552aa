"""allauth's OpenID Connect provider, with its own login and callback views (``sso.oidc.views``).

Installed in place of allauth's class through ``SOCIALACCOUNT_PROVIDERS["openid_connect"]
["provider_class"]``; the provider id, the SocialApp rows and the URL names stay allauth's."""

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from .views import AgencyOpenIDConnectAdapter


class AgencyOpenIDConnectProvider(OpenIDConnectProvider):
    package = "sso.oidc"
    oauth2_adapter_class = AgencyOpenIDConnectAdapter

    def extract_uid(self, data):
        # A provider that leaves out the subject (or gives a list) is refused like any bad response.
        try:
            uid = super().extract_uid(data)
        except (KeyError, TypeError) as error:
            raise OAuth2Error("The provider gave no subject.") from error
        if not uid or len(uid) > 191:
            raise OAuth2Error("The provider gave an unusable subject.")
        return uid

    def extract_email_addresses(self, data):
        # The agency's provider is trusted for its own domains (sso.services.sign_in_check refuses
        # the others), so its address needs no confirmation e-mail.
        addresses = super().extract_email_addresses(data)
        for address in addresses:
            address.verified = True
        return addresses


provider_classes = [AgencyOpenIDConnectProvider]
