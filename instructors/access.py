"""Who may see and do what in the exchange. Tiers and roles come from ``accounts.access``; this
module only combines them with the parties of an agreement."""

from __future__ import annotations

from accounts import access
from accounts.api import Audience

# The parties of an agreement, as seen by one user.
INSTRUCTOR = "instructor"
PROPOSER = "proposer"
HOME_MANAGER = "home_manager"
HOST_MANAGER = "host_manager"
HOME_COORDINATOR = "home_coordinator"
HOST_COORDINATOR = "host_coordinator"
SECRETARIAT = "secretariat"

# Parties who write in the thread; coordinators and the secretariat read it.
THREAD_WRITERS = frozenset({INSTRUCTOR, PROPOSER, HOME_MANAGER, HOST_MANAGER})


def can_use_exchange(user) -> bool:
    """Profiles, offers and requests are for verified law-enforcement officials."""
    return access.can_view(user, audience=Audience.LAW_ENFORCEMENT, state_id=None)


def can_verify_profile(user, profile) -> bool:
    """The home agency's manager or the home state's coordinator (or the secretariat), never oneself."""
    if getattr(user, "pk", None) == profile.user_id:
        return False
    return access.can_manage_agency(user, profile.agency)


def can_edit_profile(user, profile) -> bool:
    return getattr(user, "pk", None) == profile.user_id


def can_view_certification(user, certification) -> bool:
    """The instructor, whoever may verify the profile, and those who decide exchanges (agency managers,
    coordinators, the secretariat)."""
    profile = certification.profile
    if getattr(user, "pk", None) == profile.user_id:
        return True
    viewer = access.viewer_for(user)
    if not viewer.is_official:
        return False
    return viewer.is_secretariat or bool(viewer.coordinator_states) or bool(viewer.manager_agencies)


def can_publish_request(user, agency) -> bool:
    """A host agency's manager or its state's coordinator."""
    return access.is_agency_manager(user, agency.pk) or access.is_coordinator(user, agency.state_id)


def can_publish_offer(user, *, agency, instructor=None) -> bool:
    """A verified instructor for themself, or the agency's manager or its state's coordinator."""
    if instructor is not None and getattr(user, "pk", None) == instructor.user_id and instructor.is_verified:
        return True
    return access.is_agency_manager(user, agency.pk) or access.is_coordinator(user, agency.state_id)


def can_edit_listing(user, obj) -> bool:
    if getattr(user, "pk", None) == obj.created_by_id:
        return True
    return access.is_agency_manager(user, obj.agency_id) or access.is_coordinator(user, obj.state_id)


def agreement_parties(user, agreement) -> frozenset[str]:
    """Every capacity in which this user takes part in the agreement."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    viewer = access.viewer_for(user)
    parties = set()
    if agreement.instructor.user_id == user.pk:
        parties.add(INSTRUCTOR)
    if agreement.proposed_by_id == user.pk:
        parties.add(PROPOSER)
    if agreement.home_agency_id in viewer.manager_agencies:
        parties.add(HOME_MANAGER)
    if agreement.host_agency_id in viewer.manager_agencies:
        parties.add(HOST_MANAGER)
    if agreement.home_state_id in viewer.coordinator_states:
        parties.add(HOME_COORDINATOR)
    if agreement.host_state_id in viewer.coordinator_states:
        parties.add(HOST_COORDINATOR)
    if viewer.is_secretariat:
        parties.add(SECRETARIAT)
    return frozenset(parties)


def can_write_message(user, agreement) -> bool:
    return bool(agreement_parties(user, agreement) & THREAD_WRITERS)
