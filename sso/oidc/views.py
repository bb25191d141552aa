"""allauth's OpenID Connect views with two checks more:

- the ID token's signature is always verified against the provider's JWKS, also when the token
  came straight from the token endpoint (allauth skips that check there, trusting TLS; an agency's
  provider on a private network may be reached without it);
- the discovery document must name the issuer configured for the agency, so a server that answers
  at that address for another issuer is not taken for the agency's provider."""

from __future__ import annotations

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest

# Public-key signatures only: never "none", never an HMAC keyed with the provider's public key.
SIGNING_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})


def _issuer(url: str) -> str:
    url = (url or "").split("/.well-known/", 1)[0]
    return url.rstrip("/")


class AgencyOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    @property
    def openid_config(self):
        config = super().openid_config
        configured = _issuer(self.get_provider().app.settings.get("server_url", ""))
        if _issuer(config.get("issuer", "")) != configured:
            raise OAuth2Error("The provider's discovery document names another issuer.")
        return config

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError as error:
            raise OAuth2Error("Invalid id_token") from error
        if header.get("alg") not in SIGNING_ALGORITHMS or not isinstance(header.get("kid"), str):
            raise OAuth2Error("The ID token is not signed with a key of the provider.")
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


@login_not_required
def login(request: HttpRequest, provider_id):
    try:
        return OAuth2LoginView.adapter_view(AgencyOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request: HttpRequest, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(AgencyOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
