"""Reads for agency sign-in."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.api import agency_for_email

from .models import AgencyIdentityProvider


def provider_for_email(email: str) -> AgencyIdentityProvider | None:
    """The enabled provider of the agency that owns the address's domain, if it has one."""
    agency = agency_for_email(email or "")
    if agency is None:
        return None
    return (
        AgencyIdentityProvider.objects.select_related("app", "agency", "agency__state")
        .filter(agency=agency, enabled=True)
        .first()
    )


def provider_for_app(app) -> AgencyIdentityProvider | None:
    if app is None or getattr(app, "pk", None) is None:
        return None
    return AgencyIdentityProvider.objects.select_related("agency", "agency__state").filter(app_id=app.pk).first()


def providers_kept_by(state_ids: frozenset[int] | None) -> QuerySet[AgencyIdentityProvider]:
    """Every provider (``None``: the secretariat) or those of agencies in these states."""
    providers = AgencyIdentityProvider.objects.select_related("app", "agency", "agency__state")
    if state_ids is None:
        return providers
    return providers.filter(agency__state_id__in=sorted(state_ids))
