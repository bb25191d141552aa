"""Reads for the exchange. Every list is built with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import access as accounts_access
from accounts.api import Agency, Role, active_users, user_ids_with_role  # noqa: F401 (active_users: for services)

from .models import Agreement, ExchangeRequest, InstructorProfile, ListingStatus, Offer, Stage


def profiles_visible(user) -> QuerySet[InstructorProfile]:
    """Verified profiles for verified officials; nothing for anyone else."""
    if not accounts_access.is_verified_official(user):
        return InstructorProfile.objects.none()
    return (
        InstructorProfile.objects.filter(verified_at__isnull=False)
        .select_related("user", "agency", "state")
        .prefetch_related("topics", "languages")
    )


def profiles_to_verify(user) -> QuerySet[InstructorProfile]:
    viewer = accounts_access.viewer_for(user)
    qs = InstructorProfile.objects.filter(verified_at__isnull=True).exclude(user_id=viewer.user_id)
    if not viewer.is_secretariat:
        qs = qs.filter(Q(agency_id__in=list(viewer.manager_agencies)) | Q(state_id__in=list(viewer.coordinator_states)))
    return qs.select_related("user", "agency", "state")


def offers_visible(user) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(accounts_access.visible_q(user))
        .select_related("agency", "state", "instructor__user")
        .prefetch_related("topics")
    )


def requests_visible(user) -> QuerySet[ExchangeRequest]:
    return (
        ExchangeRequest.objects.filter(accounts_access.visible_q(user))
        .select_related("agency", "state")
        .prefetch_related("topics")
    )


def open_only(qs):
    return qs.filter(status=ListingStatus.OPEN)


def _agreements() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "instructor__user", "home_agency", "home_state", "host_agency", "host_state"
    )


def waiting_q(user) -> Q:
    """Agreements that wait for this user to act."""
    viewer = accounts_access.viewer_for(user)
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    managers, coordinators = list(viewer.manager_agencies), list(viewer.coordinator_states)
    mine = Q(instructor__user_id=user.pk)
    not_mine = ~Q(proposed_by_id=user.pk) & ~mine
    host_side = Q(host_agency_id__in=managers) | Q(host_state_id__in=coordinators)
    return (
        (Q(stage=Stage.PROPOSED, home_agency_id__in=managers) & not_mine)
        | (Q(stage=Stage.HOME_AGENCY_APPROVED, home_state_id__in=coordinators) & not_mine)
        | (Q(stage=Stage.HOME_STATE_APPROVED, host_state_id__in=coordinators) & not_mine)
        | (Q(stage=Stage.HOST_STATE_APPROVED) & host_side)
        | (Q(stage=Stage.SCHEDULED) & (host_side | mine))
        | (Q(stage=Stage.DELIVERED, host_report__isnull=True) & host_side)
        | (Q(stage=Stage.DELIVERED, instructor_report__isnull=True) & mine)
        | (Q(stage=Stage.REPORTED) & (Q(home_state_id__in=coordinators) | Q(host_state_id__in=coordinators)))
    )


def involved_q(user) -> Q:
    viewer = accounts_access.viewer_for(user)
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    if viewer.is_secretariat:
        return Q()
    managers, coordinators = list(viewer.manager_agencies), list(viewer.coordinator_states)
    return (
        Q(instructor__user_id=user.pk)
        | Q(proposed_by_id=user.pk)
        | Q(home_agency_id__in=managers)
        | Q(host_agency_id__in=managers)
        | Q(home_state_id__in=coordinators)
        | Q(host_state_id__in=coordinators)
    )


def agreements_waiting(user) -> QuerySet[Agreement]:
    return _agreements().filter(waiting_q(user)).order_by("updated_at", "pk")


def agreements_involving(user) -> QuerySet[Agreement]:
    return _agreements().filter(involved_q(user)).order_by("-updated_at", "-pk")


def agreement_for(user, pk: int) -> Agreement | None:
    """The agreement if this user is one of its parties (or the secretariat), else None."""
    return _agreements().filter(involved_q(user), pk=pk).first()


def stage_counts(user) -> dict[str, int]:
    from django.db.models import Count

    rows = Agreement.objects.filter(involved_q(user)).values("stage").annotate(n=Count("pk"))
    counts = {row["stage"]: row["n"] for row in rows}
    return {stage: counts.get(stage, 0) for stage in Stage.values}


# --- Who takes part in an agreement -------------------------------------------------------------


def agency_manager_ids(agency_id: int) -> set[int]:
    return user_ids_with_role(role=Role.AGENCY_MANAGER, agency=Agency(pk=agency_id))


def state_coordinator_ids(state_id: int) -> set[int]:
    from accounts.api import MemberState

    return user_ids_with_role(role=Role.NATIONAL_COORDINATOR, state=MemberState(pk=state_id))


def party_ids(agreement: Agreement) -> set[int]:
    return (
        {agreement.instructor.user_id, agreement.proposed_by_id}
        | agency_manager_ids(agreement.home_agency_id)
        | agency_manager_ids(agreement.host_agency_id)
        | state_coordinator_ids(agreement.home_state_id)
        | state_coordinator_ids(agreement.host_state_id)
    )


def next_party_ids(agreement: Agreement) -> set[int]:
    """Who acts next at the agreement's stage (everyone involved once it has ended)."""
    stage = agreement.stage
    if stage == Stage.PROPOSED:
        return agency_manager_ids(agreement.home_agency_id) - {agreement.proposed_by_id, agreement.instructor.user_id}
    if stage == Stage.HOME_AGENCY_APPROVED:
        return state_coordinator_ids(agreement.home_state_id)
    if stage == Stage.HOME_STATE_APPROVED:
        return state_coordinator_ids(agreement.host_state_id)
    if stage == Stage.HOST_STATE_APPROVED:
        return agency_manager_ids(agreement.host_agency_id) | state_coordinator_ids(agreement.host_state_id)
    if stage in (Stage.SCHEDULED, Stage.DELIVERED):
        return {agreement.instructor.user_id} | agency_manager_ids(agreement.host_agency_id)
    if stage == Stage.REPORTED:
        return state_coordinator_ids(agreement.home_state_id) | state_coordinator_ids(agreement.host_state_id)
    return party_ids(agreement)


def requests_created_by(user) -> QuerySet[ExchangeRequest]:
    """The requests this user published, with their agency and state."""
    return ExchangeRequest.objects.filter(created_by=user).select_related("agency", "state")


def offers_created_by(user) -> QuerySet[Offer]:
    """The offers this user published, with their agency and state."""
    return Offer.objects.filter(created_by=user).select_related("agency", "state")
