"""Demo agency providers: the login page offers "Sign in with your agency", and an address of the
Colombian police (OpenID Connect) or the Brazilian federal police (SAML) finds its agency. They
point at 127.0.0.1 ports where no provider runs in the demo, so signing in through them ends on
the translated "cannot be reached" page (OpenID Connect, whose discovery document is fetched first)
or at the browser's own connection error on the provider's address (SAML, which is a redirect)."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from accounts.api import Agency, Role, demo_role_holder

from .models import AgencyIdentityProvider, ProviderKind
from .services import identity_provider_save

OIDC_AGENCY = ("CO", "Policía Nacional de Colombia")
SAML_AGENCY = ("BR", "Polícia Federal")
OIDC_ISSUER = "http://127.0.0.1:8091"
SAML_IDP = "http://127.0.0.1:8092/idp"


def _demo_certificate() -> str:
    """A certificate for the SAML provider's settings: the demo has no provider whose key it is, so
    no assertion will ever check out against it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "demo-idp.pf.br.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def load(*, stdout) -> None:
    actor = demo_role_holder(Role.SECRETARIAT)
    if actor is None:
        stdout.write("  no secretariat account in the demo: agency providers skipped")
        return
    oidc = Agency.objects.filter(state__code=OIDC_AGENCY[0], name=OIDC_AGENCY[1]).first()
    if oidc is not None and not AgencyIdentityProvider.objects.filter(agency=oidc).exists():
        identity_provider_save(
            actor=actor,
            agency=oidc,
            kind=ProviderKind.OIDC,
            server_url=OIDC_ISSUER,
            client_id="capacitas-demo",
            secret="demo-client-secret",
        )
        stdout.write(f"  OpenID Connect provider of {oidc} ({OIDC_ISSUER}, not running in the demo)")
    saml = Agency.objects.filter(state__code=SAML_AGENCY[0], name=SAML_AGENCY[1]).first()
    if saml is not None and not AgencyIdentityProvider.objects.filter(agency=saml).exists():
        identity_provider_save(
            actor=actor,
            agency=saml,
            kind=ProviderKind.SAML,
            entity_id=f"{SAML_IDP}/metadata",
            sso_url=f"{SAML_IDP}/sso",
            x509cert=_demo_certificate(),
            email_attribute="mail",
            uid_attribute="uid",
        )
        stdout.write(f"  SAML provider of {saml} ({SAML_IDP}, not running in the demo)")
