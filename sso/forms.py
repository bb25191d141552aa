"""Forms parse what a person typed; the services decide whether it may be done."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_MFA_VALUES, ProviderKind


class AgencySignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class IdentityProviderForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("Agency"), coerce=int)
    kind = forms.ChoiceField(label=_("Protocol"), choices=ProviderKind.choices)
    name = forms.CharField(label=_("Name shown to officials"), max_length=40, required=False)
    enabled = forms.BooleanField(label=_("Enabled"), required=False, initial=True)
    trust_mfa = forms.BooleanField(label=_("Trust the provider's multi-factor authentication"), required=False)
    mfa_values = forms.CharField(
        label=_("Values that mean multi-factor authentication"),
        required=False,
        initial=DEFAULT_MFA_VALUES,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    affiliation_claim = forms.CharField(label=_("Affiliation claim or attribute"), max_length=200, required=False)
    affiliation_values = forms.CharField(label=_("Affiliation values"), required=False)
    server_url = forms.URLField(label=_("Issuer URL (OpenID Connect)"), required=False, assume_scheme="https")
    client_id = forms.CharField(label=_("Client ID (OpenID Connect)"), max_length=191, required=False)
    secret = forms.CharField(
        label=_("Client secret (OpenID Connect)"),
        max_length=191,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the stored secret."),
    )
    entity_id = forms.CharField(label=_("Identity provider entity ID (SAML)"), max_length=500, required=False)
    metadata_url = forms.URLField(label=_("Metadata URL (SAML)"), required=False, assume_scheme="https")
    sso_url = forms.URLField(label=_("Single sign-on URL (SAML)"), required=False, assume_scheme="https")
    x509cert = forms.CharField(
        label=_("Signing certificate (SAML, PEM)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    email_attribute = forms.CharField(label=_("E-mail attribute (SAML)"), max_length=200, required=False)
    uid_attribute = forms.CharField(label=_("Unique ID attribute (SAML)"), max_length=200, required=False)
    first_name_attribute = forms.CharField(label=_("First name attribute (SAML)"), max_length=200, required=False)
    last_name_attribute = forms.CharField(label=_("Last name attribute (SAML)"), max_length=200, required=False)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(agency.pk, str(agency)) for agency in agencies]
