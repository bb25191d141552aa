"""A small LTI 1.3 platform for the tests: its own RSA key signs real RS256 ID tokens, and a real
HTTP server on 127.0.0.1 serves its JWKS, OAuth 2 token endpoint (client credentials with a
``private_key_jwt`` assertion checked against the tool's published JWKS), Assignment and Grade
Services (line items and scores), Names and Role Provisioning (memberships), and LTI Dynamic
Registration (OpenID configuration and the registration endpoint).

    platform = TestPlatform()            # started; platform.stop() at the end
    platform.register(tool_platform_row)  # or by dynamic registration
    response = platform.launch(client, sub="u1", custom={"course_id": 3})
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto.jwk import JWK

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
]
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


def rsa_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    jwk = JWK.from_pem(pem)
    public = json.loads(jwk.export_public())
    public.update({"kid": jwk.thumbprint(), "alg": "RS256", "use": "sig"})
    return pem, public


class TestPlatform:
    __test__ = False  # not a test class

    def __init__(self, *, client_id: str = "capacitas", deployment_id: str = "deployment-1"):
        self.private_pem, self.public_jwk = rsa_key()
        self.kid = self.public_jwk["kid"]
        self.client_id = client_id
        self.deployment_id = deployment_id
        self.context_id = "course-101"
        self.tool_jwks: dict = {"keys": []}
        self.tokens: dict[str, list[str]] = {}
        self.lineitems: dict[str, dict] = {}
        self.scores: list[dict] = []
        self.members: list[dict] = []
        self.registration_token = secrets.token_urlsafe(16)
        self.registrations: list[dict] = []
        self.refused: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.base
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- registration by hand ---

    def platform_fields(self) -> dict:
        return {
            "name": "Test platform",
            "issuer": self.issuer,
            "client_id": self.client_id,
            "auth_login_url": f"{self.base}/auth",
            "auth_token_url": f"{self.base}/token",
            "key_set_url": f"{self.base}/jwks",
        }

    def register_by_hand(self):
        from lti.models import Deployment, Platform

        platform = Platform.objects.create(**self.platform_fields())
        Deployment.objects.create(platform=platform, deployment_id=self.deployment_id)
        return platform

    # --- launches ---

    def id_token(self, *, nonce: str, sub: str, message_type: str = "LtiResourceLinkRequest", **overrides) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": sub,
            "exp": now + 300,
            "iat": now,
            "nonce": nonce,
            "name": "Ana Pérez",
            "given_name": "Ana",
            "family_name": "Pérez",
            LTI + "message_type": message_type,
            LTI + "version": "1.3.0",
            LTI + "deployment_id": self.deployment_id,
            LTI + "target_link_uri": "http://testserver/lti/launch/",
            LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            LTI + "context": {"id": self.context_id, "title": "Citizen security 101"},
            LTI + "launch_presentation": {"locale": "en-US", "document_target": "iframe"},
        }
        if message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": "link-1", "title": "Capacitas activity"}
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
                "scope": AGS_SCOPES,
                "lineitems": f"{self.base}/lineitems",
            }
            claims["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = {
                "context_memberships_url": f"{self.base}/memberships",
                "service_versions": ["2.0"],
            }
        else:
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": f"{self.base}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "accept_multiple": True,
                "data": "dl-data-1",
            }
        for key, value in overrides.items():
            if value is None:
                claims.pop(key, None)
            else:
                claims[key] = value
        return jwt.encode(claims, self.private_pem, algorithm="RS256", headers={"kid": self.kid})

    def login(self, client, *, sub: str):
        """The OIDC third-party login; returns the tool's authentication request (query values)."""
        response = client.get(
            "/lti/login/",
            {
                "iss": self.issuer,
                "login_hint": sub,
                "target_link_uri": "http://testserver/lti/launch/",
                "client_id": self.client_id,
                "lti_deployment_id": self.deployment_id,
            },
        )
        assert response.status_code == 302, response.content[:500]
        location = urlsplit(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == f"{self.base}/auth"
        return {k: v[0] for k, v in parse_qs(location.query).items()}

    def launch(self, client, *, sub: str = "learner-1", token: str | None = None, **claims):
        """Login, then the ID token back to the tool's redirect URI (form post), as a browser would."""
        auth = self.login(client, sub=sub)
        assert auth["redirect_uri"] == "http://testserver/lti/launch/"
        assert auth["client_id"] == self.client_id
        id_token = token or self.id_token(nonce=auth["nonce"], sub=sub, **claims)
        response = client.post("/lti/launch/", {"id_token": id_token, "state": auth["state"]})
        response.auth = auth
        response.id_token = id_token
        return response

    # --- services ---

    def check_assertion(self, assertion: str) -> bool:
        try:
            header = jwt.get_unverified_header(assertion)
            key = next(k for k in self.tool_jwks["keys"] if k["kid"] == header.get("kid"))
            claims = jwt.decode(
                assertion,
                jwt.PyJWK(key).key,
                algorithms=["RS256"],
                audience=f"{self.base}/token",
            )
        except (StopIteration, jwt.InvalidTokenError) as error:
            self.refused.append(f"assertion: {error!r}")
            return False
        return claims.get("iss") == self.client_id and claims.get("sub") == self.client_id

    def scopes_of(self, headers) -> list[str]:
        auth = headers.get("Authorization", "")
        return self.tokens.get(auth.removeprefix("Bearer "), []) if auth.startswith("Bearer ") else []


def _handler(platform: TestPlatform):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body=None, content_type="application/json"):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self):
            path = urlsplit(self.path).path
            if path == "/jwks":
                return self._send(200, {"keys": [platform.public_jwk]})
            if path == "/lineitems":
                if not set(platform.scopes_of(self.headers)) & set(AGS_SCOPES):
                    return self._send(401, {"error": "unauthorized"})
                return self._send(200, list(platform.lineitems.values()))
            if path == "/memberships":
                if NRPS_SCOPE not in platform.scopes_of(self.headers):
                    return self._send(401, {"error": "unauthorized"})
                return self._send(
                    200,
                    {
                        "id": f"{platform.base}/memberships",
                        "context": {"id": platform.context_id},
                        "members": platform.members,
                    },
                )
            if path == "/.well-known/openid-configuration":
                return self._send(
                    200,
                    {
                        "issuer": platform.issuer,
                        "authorization_endpoint": f"{platform.base}/auth",
                        "token_endpoint": f"{platform.base}/token",
                        "jwks_uri": f"{platform.base}/jwks",
                        "registration_endpoint": f"{platform.base}/register",
                        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "scopes_supported": ["openid", *AGS_SCOPES, NRPS_SCOPE],
                        "response_types_supported": ["id_token"],
                        "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                            "product_family_code": "testplatform",
                            "version": "1.0",
                            "messages_supported": [
                                {"type": "LtiResourceLinkRequest"},
                                {"type": "LtiDeepLinkingRequest"},
                            ],
                        },
                    },
                )
            return self._send(404, {"error": "not found"})

        def do_POST(self):
            path = urlsplit(self.path).path
            body = self._body()
            if path == "/token":
                form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                if form.get("grant_type") != "client_credentials" or not platform.check_assertion(
                    form.get("client_assertion", "")
                ):
                    return self._send(400, {"error": "invalid_client"})
                token = secrets.token_urlsafe(16)
                platform.tokens[token] = form.get("scope", "").split()
                return self._send(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})
            if path == "/lineitems":
                if AGS_SCOPES[0] not in platform.scopes_of(self.headers):
                    return self._send(401, {"error": "unauthorized"})
                item = json.loads(body)
                item["id"] = f"{platform.base}/lineitems/{len(platform.lineitems) + 1}"
                platform.lineitems[item["id"]] = item
                return self._send(201, item)
            if path.startswith("/lineitems/") and path.endswith("/scores"):
                if AGS_SCOPES[1] not in platform.scopes_of(self.headers):
                    return self._send(401, {"error": "unauthorized"})
                if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                    return self._send(415, {"error": "content type"})
                score = json.loads(body)
                score["lineitem"] = f"{platform.base}{path.removesuffix('/scores')}"
                platform.scores.append(score)
                return self._send(200, {})
            if path == "/register":
                if self.headers.get("Authorization") != f"Bearer {platform.registration_token}":
                    return self._send(401, {"error": "invalid token"})
                registration = json.loads(body)
                platform.registrations.append(registration)
                answer = dict(registration)
                answer["client_id"] = platform.client_id = f"dyn-{uuid.uuid4().hex[:8]}"
                answer["https://purl.imsglobal.org/spec/lti-tool-configuration"] = {
                    **registration.get("https://purl.imsglobal.org/spec/lti-tool-configuration", {}),
                    "deployment_id": platform.deployment_id,
                }
                return self._send(200, answer)
            return self._send(404, {"error": "not found"})

    return Handler


def registration_url(platform: TestPlatform, token: str | None = None) -> str:
    query = {
        "openid_configuration": f"{platform.base}/.well-known/openid-configuration",
        "registration_token": platform.registration_token if token is None else token,
    }
    return "/lti/register/?" + urlencode(query)
