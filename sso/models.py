"""An agency's own identity provider (OpenID Connect or SAML 2.0), kept as an allauth SocialApp."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    OIDC = "openid_connect", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


# What providers commonly assert after a second factor: OIDC ``amr`` values (RFC 8176), the REFEDS
# MFA profile (an ``acr`` or a SAML AuthnContextClassRef) and SAML's multi-factor context classes.
DEFAULT_MFA_VALUES = " ".join(
    [
        "mfa",
        "otp",
        "hwk",
        "swk",
        "sc",
        "https://refeds.org/profile/mfa",
        "http://schemas.microsoft.com/claims/multipleauthn",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken",
    ]
)


class AgencyIdentityProvider(models.Model):
    """The agency's provider: whoever signs in through it is a verified official of the agency for
    as long as the provider asserts it (decision 0120). One per agency."""

    agency = models.OneToOneField(
        "accounts.Agency", on_delete=models.PROTECT, related_name="identity_provider", verbose_name=_("agency")
    )
    app = models.OneToOneField(
        "socialaccount.SocialApp", on_delete=models.PROTECT, related_name="agency_provider", verbose_name=_("provider")
    )
    kind = models.CharField(_("protocol"), max_length=20, choices=ProviderKind.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    trust_mfa = models.BooleanField(
        _("trust the provider's multi-factor authentication"),
        default=False,
        help_text=_(
            "When the provider asserts a second factor, coordinators and the secretariat skip "
            "Capacitas's own code at sign-in."
        ),
    )
    mfa_values = models.TextField(
        _("values that mean multi-factor authentication"),
        default=DEFAULT_MFA_VALUES,
        blank=True,
        help_text=_("amr or acr values (OpenID Connect) or AuthnContextClassRef values (SAML), separated by spaces."),
    )
    affiliation_claim = models.CharField(
        _("affiliation claim or attribute"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave empty if everyone the provider signs in belongs to the agency. Otherwise the claim "
            "(OpenID Connect) or attribute (SAML) that must hold one of the values below."
        ),
    )
    affiliation_values = models.TextField(
        _("affiliation values"), blank=True, help_text=_("Values of the affiliation claim, separated by spaces.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency__state__name_en", "agency__name"]
        verbose_name = _("agency identity provider")
        verbose_name_plural = _("agency identity providers")

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_kind_display()})"

    @property
    def mfa_value_set(self) -> frozenset[str]:
        return frozenset(self.mfa_values.split())

    @property
    def affiliation_value_set(self) -> frozenset[str]:
        return frozenset(self.affiliation_values.split())
