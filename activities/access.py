"""Who may see and do what with training activities. Tiers and roles come from ``accounts.access``;
this module combines them with an activity's organiser, scope and nominations.

- Reading: an activity's audience tier decides (``accounts.access.can_view``); its organisers always
  see it.
- Organising (editing, adding sessions, accepting and declining nominations, recording attendance,
  issuing certificates): the secretariat for every activity; a state's national coordinators for
  their state's and its agencies' activities; an agency's managers for their agency's.
- Nominating: an agency's manager nominates officials of that agency, a state's coordinator officials
  of that state; the official's state must be within the activity's scope (national: the host state;
  subregional: the host state's subregion; regional: any member state).
- Nobody decides a nomination they made or one of themselves.
"""

from __future__ import annotations

from django.http import Http404

from accounts import access
from curricula.api import Scope
from lms.untrusted import parse_id

from .models import LIVE_STATUSES, Activity, Nomination, NominationStatus, OrganiserKind, Session, Status


def _uid(user) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


# --- Reading ---------------------------------------------------------------------------------------


def can_view_activity(user, activity: Activity) -> bool:
    return can_organise(user, activity) or access.can_view(user, audience=activity.audience, state_id=activity.state_id)


def visible_q(user):
    """The activities this user may see, as a filter (the organisers' own are included)."""
    from django.db.models import Q

    viewer = access.viewer_for(user)
    if viewer.is_secretariat:
        return Q()
    q = access.visible_q(user)
    if viewer.coordinator_states:
        q |= Q(state_id__in=sorted(viewer.coordinator_states))
    if viewer.manager_agencies:
        q |= Q(agency_id__in=sorted(viewer.manager_agencies))
    return q


# --- Organising ------------------------------------------------------------------------------------


def can_organise(user, activity: Activity) -> bool:
    viewer = access.viewer_for(user)
    if viewer.is_secretariat:
        return True
    if activity.organiser_kind == OrganiserKind.STATE:
        return activity.state_id in viewer.coordinator_states
    if activity.organiser_kind == OrganiserKind.AGENCY:
        return activity.agency_id in viewer.manager_agencies or activity.state_id in viewer.coordinator_states
    return False  # the secretariat acts for its own and for partners' activities


def can_create(user, *, organiser_kind: str, state_id: int | None, agency=None) -> bool:
    viewer = access.viewer_for(user)
    if viewer.is_secretariat:
        return True
    if organiser_kind == OrganiserKind.STATE:
        return state_id in viewer.coordinator_states
    if organiser_kind == OrganiserKind.AGENCY:
        return agency is not None and (
            agency.pk in viewer.manager_agencies or agency.state_id in viewer.coordinator_states
        )
    return False


def may_create_any(user) -> bool:
    viewer = access.viewer_for(user)
    return viewer.is_secretariat or bool(viewer.coordinator_states) or bool(viewer.manager_agencies)


# --- Nominating ------------------------------------------------------------------------------------


def state_in_scope(activity: Activity, official_state) -> bool:
    """Is an official of this member state within the activity's scope?"""
    if official_state is None:
        return False
    if activity.scope == Scope.NATIONAL:
        return official_state.pk == activity.state_id
    if activity.scope == Scope.SUBREGIONAL:
        return official_state.subregion == activity.state.subregion
    return True


def may_nominate_for(user, activity: Activity) -> bool:
    """Does this user nominate anybody to this activity (managers and coordinators in its scope)?"""
    viewer = access.viewer_for(user)
    return activity.status == Status.OPEN and bool(viewer.manager_agencies or viewer.coordinator_states)


def can_nominate(user, activity: Activity, *, official_state, official_agency_id: int | None) -> bool:
    """A manager of the official's agency or a coordinator of the official's state, for an open
    activity whose scope takes in the official's state."""
    viewer = access.viewer_for(user)
    if activity.status != Status.OPEN or official_state is None:
        return False
    own = (official_agency_id is not None and official_agency_id in viewer.manager_agencies) or (
        official_state.pk in viewer.coordinator_states
    )
    return own and state_in_scope(activity, official_state)


def can_decide(user, nomination: Nomination) -> bool:
    """The organiser, never for a nomination they made or one of themselves."""
    uid = _uid(user)
    if uid is None or uid in (nomination.nominated_by_id, nomination.official_id):
        return False
    return can_organise(user, nomination.activity)


def can_withdraw(user, nomination: Nomination) -> bool:
    """The official, whoever nominated them, their agency's manager or state's coordinator, the organiser."""
    if nomination.status not in LIVE_STATUSES:
        return False
    uid = _uid(user)
    if uid is None:
        return False
    if uid in (nomination.official_id, nomination.nominated_by_id):
        return True
    viewer = access.viewer_for(user)
    if nomination.agency_id is not None and nomination.agency_id in viewer.manager_agencies:
        return True
    return nomination.state_id in viewer.coordinator_states or can_organise(user, nomination.activity)


def can_see_nomination(user, nomination: Nomination) -> bool:
    uid = _uid(user)
    if uid is None:
        return False
    if uid in (nomination.official_id, nomination.nominated_by_id) or can_organise(user, nomination.activity):
        return True
    viewer = access.viewer_for(user)
    return (nomination.agency_id is not None and nomination.agency_id in viewer.manager_agencies) or (
        nomination.state_id in viewer.coordinator_states
    )


def nominations_q(user):
    """The nominations of an activity this user may see, as a filter (organisers see them all)."""
    from django.db.models import Q

    viewer = access.viewer_for(user)
    uid = _uid(user)
    q = Q(official_id=uid) | Q(nominated_by_id=uid)
    if viewer.manager_agencies:
        q |= Q(agency_id__in=sorted(viewer.manager_agencies))
    if viewer.coordinator_states:
        q |= Q(state_id__in=sorted(viewer.coordinator_states))
    return q


def can_evaluate(user, nomination: Nomination) -> bool:
    return _uid(user) == nomination.official_id and nomination.status == NominationStatus.ACCEPTED


# --- Fetch and check -------------------------------------------------------------------------------


def access_activity(user, pk) -> Activity:
    """The activity, or 404 when there is none or the reader may not know of it."""
    pk = parse_id(pk)
    activity = Activity.objects.select_related("state", "agency").filter(pk=pk).first() if pk else None
    if activity is None or not can_view_activity(user, activity):
        raise Http404
    return activity


def access_nomination(user, pk) -> Nomination:
    pk = parse_id(pk)
    nomination = (
        Nomination.objects.select_related("activity", "activity__state", "official").filter(pk=pk).first()
        if pk
        else None
    )
    if nomination is None or not can_see_nomination(user, nomination):
        raise Http404
    return nomination


def access_session(user, activity: Activity, pk) -> Session:
    pk = parse_id(pk)
    session = Session.objects.filter(pk=pk, activity=activity).first() if pk else None
    if session is None:
        raise Http404
    return session
