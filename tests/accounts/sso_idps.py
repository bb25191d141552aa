"""Real identity providers for the agency sign-in tests, on 127.0.0.1 over real HTTP.

``OIDCProvider`` serves discovery, authorization (it signs in the configured person at once), a
token endpoint issuing RS256 ID tokens, userinfo and JWKS. ``SAMLProvider`` is pysaml2's IdP (it
signs with Debian's xmlsec1): it answers the SP's AuthnRequest (HTTP-Redirect binding) with a signed
response in an HTTP-POST form. Each can be told to misbehave: another signing key, another issuer."""

from __future__ import annotations

import base64
import datetime
import html
import json
import re
import secrets
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def self_signed(key, name: str) -> str:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def key_pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()


class _Server:
    def start(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                provider.handle(self, "GET")

            def do_POST(self):
                provider.handle(self, "POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def reply(handler, status: int, body: str | bytes = b"", content_type="application/json", headers=None):
        data = body.encode() if isinstance(body, str) else body
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)


class OIDCProvider(_Server):
    client_id = "capacitas"
    client_secret = "s3cret-of-the-agency"

    def __init__(self):
        self.key = rsa_key()
        self.signing_key = self.key  # another key: a wrong signature
        self.kid = "agency-key-1"
        self.token_issuer = None  # another issuer in the ID token
        self.discovery_issuer = None  # another issuer in the discovery document
        self.person: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.token_requests = 0
        self.omit_sub = False  # a provider that does not say who signed in

    @property
    def issuer(self) -> str:
        return self.base

    def sign_in_as(self, email: str, sub: str | None = None, **claims):
        self.person = {"sub": sub or email, "email": email, "email_verified": True, **claims}

    def handle(self, h, method):
        url = urlsplit(h.path)
        if method == "GET" and url.path == "/.well-known/openid-configuration":
            return self.reply(
                h,
                200,
                json.dumps(
                    {
                        "issuer": self.discovery_issuer or self.base,
                        "authorization_endpoint": f"{self.base}/authorize",
                        "token_endpoint": f"{self.base}/token",
                        "userinfo_endpoint": f"{self.base}/userinfo",
                        "jwks_uri": f"{self.base}/jwks",
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    }
                ),
            )
        if method == "GET" and url.path == "/jwks":
            jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
            return self.reply(h, 200, json.dumps({"keys": [jwk]}))
        if method == "GET" and url.path == "/authorize":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if query.get("client_id") != self.client_id or query.get("response_type") != "code":
                return self.reply(h, 400, json.dumps({"error": "invalid_request"}))
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"redirect_uri": query["redirect_uri"], "nonce": query.get("nonce"), **self.person}
            location = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
            return self.reply(h, 302, b"", "text/plain", {"Location": location})
        if method == "POST" and url.path == "/token":
            self.token_requests += 1
            length = int(h.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(h.rfile.read(length).decode()).items()}
            if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
                return self.reply(h, 401, json.dumps({"error": "invalid_client"}))
            grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
            if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                return self.reply(h, 400, json.dumps({"error": "invalid_grant"}))
            grant.pop("redirect_uri")
            nonce = grant.pop("nonce", None)
            now = int(time.time())
            claims = {
                **grant,
                "iss": self.token_issuer or self.base,
                "aud": self.client_id,
                "iat": now,
                "exp": now + 300,
                "jti": secrets.token_hex(8),
            }
            if nonce:
                claims["nonce"] = nonce
            if self.omit_sub:
                claims.pop("sub", None)
            id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": self.kid})
            access_token = secrets.token_urlsafe(16)
            self.tokens[access_token] = {
                k: v for k, v in grant.items() if k not in ("amr", "acr") and not (self.omit_sub and k == "sub")
            }
            body = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
            return self.reply(h, 200, json.dumps(body))
        if method == "GET" and url.path == "/userinfo":
            token = (h.headers.get("Authorization") or "").removeprefix("Bearer ")
            if token not in self.tokens:
                return self.reply(h, 401, json.dumps({"error": "invalid_token"}))
            return self.reply(h, 200, json.dumps(self.tokens[token]))
        return self.reply(h, 404, json.dumps({"error": "not_found"}))


MFA_CONTEXT = "https://refeds.org/profile/mfa"
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


class SAMLProvider(_Server):
    """pysaml2's IdP. ``sp_metadata`` (the SP's metadata XML) must be set before the first sign-in."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="sso-idp-"))
        self.key = rsa_key()
        self.cert = self_signed(self.key, "agency-idp")
        self.signing_key = self.key  # another key: a wrong signature
        self.sp_metadata = ""
        self.identity: dict = {}
        self.authn_context = PASSWORD_CONTEXT
        self.email = ""
        self.last_form: dict = {}

    @property
    def entity_id(self) -> str:
        return f"{self.base}/idp/metadata"

    def sign_in_as(self, email: str, *, authn_context: str = PASSWORD_CONTEXT, **attributes):
        self.email = email
        self.authn_context = authn_context
        self.identity = {"mail": [email], **{k: v if isinstance(v, list) else [v] for k, v in attributes.items()}}

    def server(self):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.saml import NAME_FORMAT_URI
        from saml2.server import Server

        (self.dir / "key.pem").write_text(key_pem(self.signing_key))
        (self.dir / "cert.pem").write_text(self_signed(self.signing_key, "agency-idp"))
        (self.dir / "sp.xml").write_text(self.sp_metadata)
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base}/idp/sso", BINDING_HTTP_REDIRECT),
                                (f"{self.base}/idp/sso", BINDING_HTTP_POST),
                            ]
                        },
                        "policy": {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": str(self.dir / "key.pem"),
                "cert_file": str(self.dir / "cert.pem"),
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "metadata": {"local": [str(self.dir / "sp.xml")]},
                "allow_unknown_attributes": True,
            }
        )
        return Server(config=config)

    def handle(self, h, method):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        url = urlsplit(h.path)
        if url.path == "/idp/metadata" and method == "GET":
            from saml2.metadata import entity_descriptor

            return self.reply(h, 200, str(entity_descriptor(self.server().config)), "application/samlmetadata+xml")
        if url.path != "/idp/sso" or method != "GET":
            return self.reply(h, 404, "not found", "text/plain")
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        server = self.server()
        request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        response_args = server.response_args(request.message)
        response_args.pop("name_id_policy", None)
        response = server.create_authn_response(
            self.identity,
            userid=self.email,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=self.email),
            authn={"class_ref": self.authn_context, "authn_auth": self.entity_id},
            sign_assertion=True,
            sign_response=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            **response_args,
        )
        http_args = server.apply_binding(
            BINDING_HTTP_POST,
            str(response),
            response_args["destination"],
            relay_state=query.get("RelayState", ""),
            response=True,
        )
        body = http_args["data"]
        return self.reply(h, 200, body, "text/html")


def post_form(page: str) -> tuple[str, dict]:
    """The action and fields of the auto-submitting form of an HTTP-POST binding page."""
    action = html.unescape(re.search(r'action="([^"]+)"', page).group(1))
    fields = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)
    }
    return action, fields


def decoded(saml_response: str) -> str:
    return base64.b64decode(saml_response).decode()


def idp_link(response) -> str:
    """The provider's address on Capacitas's "on your way to your agency" page (a link, and a
    refresh that follows it: the site's CSP keeps forms from redirecting elsewhere)."""
    assert response.status_code == 200, response.content.decode()[:1000]
    page = response.content.decode()
    link = html.unescape(re.search(r'id="agency-sign-in-link" href="([^"]+)"', page).group(1))
    assert '<meta http-equiv="refresh" content="0;url=' in page
    return link
