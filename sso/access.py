"""Who configures agencies' identity providers: the secretariat for every agency, a national
coordinator for the agencies of their state. Both only after MFA (``accounts.access.privileged_action``)."""

from __future__ import annotations

from django.http import Http404

from accounts import access as accounts_access


def kept_state_ids(user) -> frozenset[int] | None:
    """``None`` for the secretariat (every state), otherwise the states this user coordinates."""
    viewer = accounts_access.viewer_for(user)
    if viewer.is_secretariat:
        return None
    return frozenset(viewer.coordinator_states)


def can_manage_identity_providers(user) -> bool:
    states = kept_state_ids(user)
    return states is None or bool(states)


def can_manage_provider_of(user, agency) -> bool:
    states = kept_state_ids(user)
    return states is None or agency.state_id in states


def access_provider(user, pk: int):
    """The provider, if this user keeps it; a 404 otherwise (another state's provider is not theirs
    to know of)."""
    from .selectors import providers_kept_by

    provider = providers_kept_by(kept_state_ids(user)).filter(pk=pk).first()
    if provider is None:
        raise Http404
    return provider
