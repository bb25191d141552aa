"""The one place that decides who sees and does what.

Every piece of content has an audience tier:
- ``public``: anyone, signed in or not;
- ``law_enforcement``: verified officials of any member state;
- ``state``: verified officials of the owning state.

The secretariat sees everything. A role scoped to a state or an agency (editor, coordinator, agency
manager) makes its holder an official of that state for reading purposes, since grants are made by
the level above. Pages, search results, H5P files, downloads and certificates all ask this module;
Wagtail's view restrictions are kept in agreement with it by ``accounts.audience``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Role, RoleGrant


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement officials")
    STATE = "state", _("Officials of the owning state")


# Wagtail group names kept in agreement with the tiers (see accounts.audience and accounts.services).
GROUP_SECRETARIAT = "Secretariat"
GROUP_LAW_ENFORCEMENT = "Law-enforcement officials"


def state_group_name(kind: str, state_code: str) -> str:
    """kind is one of "officials", "editors", "coordinators"."""
    return f"{state_code} {kind}"


@dataclass(frozen=True)
class Viewer:
    """What access decisions need to know about a user, loaded once per request."""

    user_id: int | None = None
    is_secretariat: bool = False
    verified_state_id: int | None = None
    coordinator_states: frozenset[int] = field(default_factory=frozenset)
    editor_states: frozenset[int] = field(default_factory=frozenset)
    manager_agencies: frozenset[int] = field(default_factory=frozenset)
    manager_states: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def official_states(self) -> frozenset[int]:
        """States whose state-tier content this viewer may read."""
        states = set(self.coordinator_states | self.editor_states | self.manager_states)
        if self.verified_state_id is not None:
            states.add(self.verified_state_id)
        return frozenset(states)

    @property
    def is_official(self) -> bool:
        return self.is_secretariat or bool(self.official_states)


ANONYMOUS = Viewer()


def viewer_for(user) -> Viewer:
    """The viewer for a user (anonymous, or a User), cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_capacitas_viewer", None)
    if cached is not None:
        return cached
    from .models import Profile

    verified_state_id = Profile.objects.filter(user_id=user.pk).values_list("verified_state_id", flat=True).first()
    coordinator, editor, agencies, manager_states = set(), set(), set(), set()
    secretariat = bool(user.is_superuser)
    grants = (
        RoleGrant.objects.active()
        .filter(user_id=user.pk)
        .values_list("role", "state_id", "agency_id", "agency__state_id")
    )
    for role, state_id, agency_id, agency_state_id in grants:
        if role == Role.SECRETARIAT:
            secretariat = True
        elif role == Role.NATIONAL_COORDINATOR:
            coordinator.add(state_id)
        elif role == Role.CURRICULUM_EDITOR:
            editor.add(state_id)
        elif role == Role.AGENCY_MANAGER:
            agencies.add(agency_id)
            manager_states.add(agency_state_id)
    viewer = Viewer(
        user_id=user.pk,
        is_secretariat=secretariat,
        verified_state_id=verified_state_id,
        coordinator_states=frozenset(coordinator),
        editor_states=frozenset(editor),
        manager_agencies=frozenset(agencies),
        manager_states=frozenset(manager_states),
    )
    user._capacitas_viewer = viewer
    return viewer


def forget(user) -> None:
    """Drop the cached viewer after grants or verification changed."""
    if user is not None and hasattr(user, "_capacitas_viewer"):
        del user._capacitas_viewer


def _as_viewer(user_or_viewer) -> Viewer:
    return user_or_viewer if isinstance(user_or_viewer, Viewer) else viewer_for(user_or_viewer)


# --- Reading -----------------------------------------------------------------------------------


def can_view(user, *, audience: str, state_id: int | None) -> bool:
    """May this user read content of this tier owned by this state?"""
    if audience == Audience.PUBLIC:
        return True
    if audience not in Audience.values:
        return False  # an unknown tier is closed, to everyone
    viewer = _as_viewer(user)
    if viewer.is_secretariat:
        return True
    if audience == Audience.LAW_ENFORCEMENT:
        return viewer.is_official
    if audience == Audience.STATE:
        return state_id is not None and state_id in viewer.official_states
    return False


def can_view_object(user, obj) -> bool:
    """For anything with an ``audience`` and an ``audience_state_id`` (or ``state_id``)."""
    state_id = getattr(obj, "audience_state_id", None)
    if state_id is None:
        state_id = getattr(obj, "state_id", None)
    return can_view(user, audience=obj.audience, state_id=state_id)


@dataclass(frozen=True)
class Scope:
    """The visible part of a catalogue, for search backends that build their own queries.

    ``all_states`` means every tier of every state; otherwise public, plus law-enforcement content
    when ``law_enforcement`` is true, plus state content of ``state_ids``."""

    all_states: bool
    law_enforcement: bool
    state_ids: frozenset[int]

    def allows(self, audience: str, state_id: int | None) -> bool:
        if audience == Audience.PUBLIC:
            return True
        if audience not in Audience.values:
            return False
        if self.all_states:
            return True
        if audience == Audience.LAW_ENFORCEMENT:
            return self.law_enforcement
        if audience == Audience.STATE:
            return state_id in self.state_ids
        return False


def visible_scope(user) -> Scope:
    viewer = _as_viewer(user)
    if viewer.is_secretariat:
        return Scope(all_states=True, law_enforcement=True, state_ids=frozenset())
    return Scope(all_states=False, law_enforcement=viewer.is_official, state_ids=viewer.official_states)


def visible_q(user, *, audience_field: str = "audience", state_field: str = "state") -> Q:
    """A filter for querysets of objects that carry a tier and an owning state."""
    scope = visible_scope(user)
    if scope.all_states:
        return Q()
    q = Q(**{audience_field: Audience.PUBLIC})
    if scope.law_enforcement:
        q |= Q(**{audience_field: Audience.LAW_ENFORCEMENT})
    if scope.state_ids:
        q |= Q(**{audience_field: Audience.STATE, f"{state_field}__in": list(scope.state_ids)})
    return q


# --- State-owned objects (H5P content, SCORM packages, lesson videos) ------------------------------


def authoring_state_ids(user) -> frozenset[int] | None:
    """The states whose content this user authors and keeps (as editor or coordinator); None means
    every state (the secretariat)."""
    viewer = _as_viewer(user)
    if viewer.is_secretariat:
        return None
    return frozenset(viewer.editor_states | viewer.coordinator_states)


def kept_q(user, *, state_field: str = "state", unowned: bool = True) -> Q:
    """A filter of the state-owned objects this user keeps in the admin (lists, opens, changes,
    deletes, places in a lesson): their own states' and, where ``unowned`` is true, those no state
    owns. The secretariat keeps every one."""
    states = authoring_state_ids(user)
    if states is None:
        return Q()
    q = Q(**{f"{state_field}__in": sorted(states)})
    if unowned:
        q |= Q(**{f"{state_field}__isnull": True})
    return q


# --- Roles ---------------------------------------------------------------------------------------


def is_secretariat(user) -> bool:
    return _as_viewer(user).is_secretariat


def is_verified_official(user) -> bool:
    return _as_viewer(user).is_official


def is_coordinator(user, state_id: int) -> bool:
    viewer = _as_viewer(user)
    return state_id in viewer.coordinator_states


def can_edit_state_content(user, state_id: int) -> bool:
    """Editors and coordinators of a state author its curricula and courses."""
    viewer = _as_viewer(user)
    return state_id in viewer.editor_states or state_id in viewer.coordinator_states


def is_agency_manager(user, agency_id: int) -> bool:
    return agency_id in _as_viewer(user).manager_agencies


def can_manage_agency(user, agency) -> bool:
    """The agency's manager, its state's coordinator, or the secretariat."""
    viewer = _as_viewer(user)
    return viewer.is_secretariat or agency.pk in viewer.manager_agencies or agency.state_id in viewer.coordinator_states


def can_verify_official(user, agency) -> bool:
    return can_manage_agency(user, agency)


def can_see_state_monitoring(user, state_id: int) -> bool:
    viewer = _as_viewer(user)
    return viewer.is_secretariat or state_id in viewer.coordinator_states


def can_grant(granter, *, role: str, state_id: int | None = None, agency=None) -> bool:
    """Roles are granted by the next level up:
    secretariat and national coordinators by the secretariat; curriculum editors of a state and
    managers of an agency by that state's coordinator (or the secretariat)."""
    viewer = _as_viewer(granter)
    if viewer.is_secretariat:
        return True
    if role in (Role.SECRETARIAT, Role.NATIONAL_COORDINATOR):
        return False
    if role == Role.CURRICULUM_EDITOR:
        return state_id is not None and state_id in viewer.coordinator_states
    if role == Role.AGENCY_MANAGER:
        return agency is not None and agency.state_id in viewer.coordinator_states
    return False


# --- Multi-factor authentication ---------------------------------------------------------------
#
# Privileged people are those who hold power over other people's accounts, records or figures:
# the secretariat (and superusers), national coordinators, and agency training managers (they verify
# officials and approve their agency's side of an exchange). Such a person must have an
# authenticator, and must have passed an MFA step (at sign-in or by reauthentication) in the
# current session, before any privileged page or action. See docs/decisions/0005-mfa-for-privileged-roles.md.

MFA_TYPES = ("totp", "webauthn")


def requires_mfa(user) -> bool:
    """Does this user hold a privileged role, and so need MFA before any privileged page or action?"""
    viewer = _as_viewer(user)
    return viewer.is_secretariat or bool(viewer.coordinator_states) or bool(viewer.manager_agencies)


def has_authenticator(user) -> bool:
    """An authenticator app or a security key (recovery codes alone are only a fallback)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user_id=user.pk, type__in=MFA_TYPES).exists()


# The authentication record an identity provider's MFA leaves in the session: recorded by ``sso``
# when an agency's provider asserted MFA (amr/acr, SAML AuthnContext) and the agency is configured
# to trust it (decision 0120). allauth keeps these records per session and per user.
IDENTITY_PROVIDER_MFA_METHOD = "idp_mfa"


def session_mfa_by_identity_provider(request, user=None) -> bool:
    """Did a trusted identity provider assert MFA for this user's sign-in in this session?"""
    from allauth.account.authentication import get_authentication_records

    user = user if user is not None else request.user
    if user is None or getattr(user, "pk", None) is None:
        return False
    return any(
        record.get("method") == IDENTITY_PROVIDER_MFA_METHOD for record in get_authentication_records(request, user)
    )


def session_used_mfa(request) -> bool:
    """Did the signed-in user pass an MFA step (at sign-in or by reauthentication) in this session?

    allauth records every authentication step of the session, tied to the user who took it; a
    record with the method "mfa" exists only after a valid code or security key."""
    from allauth.account.authentication import get_authentication_records

    user = request.user
    if not user.is_authenticated:
        return False
    return any(
        record.get("method") in ("mfa", IDENTITY_PROVIDER_MFA_METHOD)
        for record in get_authentication_records(request, user)
    )


def mfa_satisfied(request) -> bool:
    """May this request do something privileged as far as MFA goes? (Scope is checked separately.)"""
    user = request.user
    if not user.is_authenticated or not requires_mfa(user):
        return True
    if session_mfa_by_identity_provider(request):
        return True
    return has_authenticator(user) and session_used_mfa(request)


def mfa_step_needed(request):
    """None when the request may go on; otherwise the redirect to the missing step: to set up an
    authenticator, or to allauth's MFA reauthentication (a suspended POST is resumed after it)."""
    if mfa_satisfied(request):
        return None
    from urllib.parse import urlencode

    from django.contrib import messages
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.translation import gettext as _trans

    if not has_authenticator(request.user):
        messages.warning(
            request,
            _trans(
                "Your role needs two-factor authentication. Set up an authenticator app or a security key "
                "before you continue."
            ),
        )
        setup = reverse("mfa_index")
        if request.method == "GET":
            setup += "?" + urlencode({"next": request.get_full_path()})
        return redirect(setup)
    from allauth.account.internal.flows.reauthentication import suspend_request

    return suspend_request(request, reverse("mfa_reauthenticate"))


def privileged_action(view):
    """For views that grant, verify, approve, revoke, monitor or export: a privileged user goes
    through the missing MFA step first. Others reach the view, whose own access checks decide."""
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = mfa_step_needed(request)
        if response is not None:
            return response
        return view(request, *args, **kwargs)

    return wrapper
