"""Thin views: the agency sign-in page, and the configuration of agencies' providers."""

from __future__ import annotations

import logging

import requests
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from onelogin.saml2.errors import OneLogin_Saml2_Error

from accounts import access as accounts_access
from accounts.api import agencies, agencies_in, agency_by_id
from lms.refusals import refusal

from . import access, selectors, services
from .adapters import response_refused
from .forms import AgencySignInForm, IdentityProviderForm
from .models import ProviderKind

logger = logging.getLogger(__name__)


def _next_url(request) -> str | None:
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


@require_http_methods(["GET", "POST"])
def sign_in(request):
    """ "Sign in with your agency": the address's domain names the agency, whose provider takes over."""
    form = AgencySignInForm(request.POST or None)
    next_url = _next_url(request)
    if request.method == "POST" and form.is_valid():
        provider = selectors.provider_for_email(form.cleaned_data["email"])
        if provider is None:
            form.add_error(
                "email",
                _(
                    "No agency signs in its officials through its own provider with this address. "
                    "Sign in with your e-mail address and password instead."
                ),
            )
        else:
            social_provider = provider.app.get_provider(request)
            home = f"/{translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE}/"
            kwargs = {}
            if provider.kind == ProviderKind.OIDC:
                kwargs["auth_params"] = {**social_provider.get_auth_params(), "login_hint": form.cleaned_data["email"]}
            # The provider knows one address of Capacitas (its redirect URI, or the SAML metadata
            # and ACS): the default language's, whatever the language of this page.
            try:
                with translation.override(settings.LANGUAGE_CODE):
                    response = social_provider.redirect(request, "login", next_url=next_url or home, **kwargs)
            except OAuth2Error:
                logger.warning("The identity provider of %s answered with another issuer", provider.agency)
                return response_refused(request)
            except (requests.RequestException, ValueError, OneLogin_Saml2_Error):
                logger.exception("The identity provider of %s could not be reached", provider.agency)
                return refusal(
                    request,
                    _(
                        "Your agency's sign-in service cannot be reached just now. Try again later, or sign in with your password."
                    ),
                    status=502,
                    back=reverse("sso:sign_in"),
                )
            if not isinstance(response, HttpResponseRedirect):
                return response
            # The site's CSP allows forms to submit only to itself, and browsers apply form-action to
            # the redirects that follow a submission: the way to the provider is a page with a link
            # (and a refresh that follows it), a navigation that form-action does not govern.
            return render(request, "sso/agency_redirect.html", {"provider": provider, "url": response["Location"]})
    status = 400 if request.method == "POST" else 200
    return render(request, "sso/agency_sign_in.html", {"form": form, "next": next_url}, status=status)


def _agencies_for(user):
    states = access.kept_state_ids(user)
    if states is None:
        return list(agencies().select_related("state"))
    return list(agencies_in(state_ids=sorted(states)))


@login_required
@accounts_access.privileged_action
def providers(request):
    if not access.can_manage_identity_providers(request.user):
        raise PermissionDenied(_("Only the secretariat and national coordinators configure agencies' sign-in."))
    rows = list(selectors.providers_kept_by(access.kept_state_ids(request.user)))
    return render(request, "sso/agency_identity_provider_list.html", {"providers": rows})


def _initial(provider) -> dict:
    settings_ = provider.app.settings or {}
    idp = settings_.get("idp", {})
    mapping = settings_.get("attribute_mapping", {})
    return {
        "agency": provider.agency_id,
        "kind": provider.kind,
        "name": provider.app.name,
        "enabled": provider.enabled,
        "trust_mfa": provider.trust_mfa,
        "mfa_values": provider.mfa_values,
        "affiliation_claim": provider.affiliation_claim,
        "affiliation_values": provider.affiliation_values,
        "server_url": settings_.get("server_url", ""),
        "client_id": provider.app.client_id if provider.kind == ProviderKind.OIDC else "",
        "entity_id": idp.get("entity_id", ""),
        "metadata_url": idp.get("metadata_url", ""),
        "sso_url": idp.get("sso_url", ""),
        "x509cert": idp.get("x509cert", ""),
        "email_attribute": mapping.get("email", ""),
        "uid_attribute": mapping.get("uid", ""),
        "first_name_attribute": mapping.get("first_name", ""),
        "last_name_attribute": mapping.get("last_name", ""),
    }


@login_required
@accounts_access.privileged_action
@require_http_methods(["GET", "POST"])
def provider_edit(request, pk: int | None = None):
    if not access.can_manage_identity_providers(request.user):
        raise PermissionDenied(_("Only the secretariat and national coordinators configure agencies' sign-in."))
    provider = access.access_provider(request.user, pk) if pk is not None else None
    agencies = [provider.agency] if provider else _agencies_for(request.user)
    form = IdentityProviderForm(
        request.POST or None, initial=_initial(provider) if provider else None, agencies=agencies
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = agency_by_id(data.pop("agency"))
        if agency is None or (provider and agency.pk != provider.agency_id):
            return refusal(request, _("Choose one of the agencies listed."), status=400)
        try:
            saved = services.identity_provider_save(actor=request.user, agency=agency, **data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The sign-in of %(agency)s is saved.") % {"agency": saved.agency.name})
            return redirect(reverse("sso:provider_edit", args=[saved.pk]))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "sso/agency_identity_provider_form.html", {"form": form, "provider": provider}, status=status
    )
