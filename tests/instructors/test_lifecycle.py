"""The agreement life cycle as a table of (step, role, own or other state) -> allowed or refused,
through the services and through the views."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Notification
from instructors import services
from instructors.models import AgreementEvent, HostReport, InstructorReport, Stage
from tests.accounts.factories import sign_in_with_mfa

from .factories import agreement

S = Stage
# (action, stage before, role, allowed: True, False or "conflict" for a step at the wrong stage). "host_manager" is the proposer in every row.
TABLE = [
    ("approve_home_agency", S.PROPOSED, "home_manager", True),
    ("approve_home_agency", S.PROPOSED, "host_manager", False),  # the proposer, and the other agency
    ("approve_home_agency", S.PROPOSED, "home_coordinator", False),  # a coordinator is not the agency
    ("approve_home_agency", S.PROPOSED, "instructor", False),
    ("approve_home_state", S.HOME_AGENCY_APPROVED, "home_coordinator", True),  # own state
    ("approve_home_state", S.HOME_AGENCY_APPROVED, "host_coordinator", False),  # other state
    ("approve_home_state", S.HOME_AGENCY_APPROVED, "other_coordinator", False),  # a third state
    ("approve_home_state", S.HOME_AGENCY_APPROVED, "home_manager", False),
    ("approve_host_state", S.HOME_STATE_APPROVED, "host_coordinator", True),  # own state
    ("approve_host_state", S.HOME_STATE_APPROVED, "home_coordinator", False),  # other state
    ("approve_host_state", S.HOME_STATE_APPROVED, "other_coordinator", False),
    ("approve_host_state", S.PROPOSED, "host_coordinator", "conflict"),  # not its turn yet: 409
    ("schedule", S.HOST_STATE_APPROVED, "host_manager", True),
    ("schedule", S.HOST_STATE_APPROVED, "host_coordinator", True),
    ("schedule", S.HOST_STATE_APPROVED, "home_coordinator", False),
    ("schedule", S.HOST_STATE_APPROVED, "instructor", False),
    ("deliver", S.SCHEDULED, "instructor", True),
    ("deliver", S.SCHEDULED, "host_manager", True),
    ("deliver", S.SCHEDULED, "home_coordinator", False),
    ("close", S.REPORTED, "home_coordinator", True),
    ("close", S.REPORTED, "host_coordinator", True),
    ("close", S.REPORTED, "other_coordinator", False),
    ("close", S.REPORTED, "host_manager", False),
    ("decline", S.PROPOSED, "home_manager", True),
    ("decline", S.HOME_AGENCY_APPROVED, "home_coordinator", True),
    ("decline", S.HOME_AGENCY_APPROVED, "host_coordinator", False),
    ("decline", S.HOME_STATE_APPROVED, "host_coordinator", True),
    ("decline", S.HOME_STATE_APPROVED, "home_coordinator", False),
    ("withdraw", S.PROPOSED, "host_manager", True),  # the proposer
    ("withdraw", S.HOME_STATE_APPROVED, "instructor", True),
    ("withdraw", S.PROPOSED, "home_manager", False),
    ("cancel", S.SCHEDULED, "host_coordinator", True),
    ("cancel", S.SCHEDULED, "home_coordinator", True),
    ("cancel", S.SCHEDULED, "instructor", False),
    ("cancel", S.PROPOSED, "host_coordinator", "conflict"),  # declining, not cancelling, before approval
]
TARGET = {
    "approve_home_agency": S.HOME_AGENCY_APPROVED,
    "approve_home_state": S.HOME_STATE_APPROVED,
    "approve_host_state": S.HOST_STATE_APPROVED,
    "schedule": S.SCHEDULED,
    "deliver": S.DELIVERED,
    "close": S.CLOSED,
    "decline": S.DECLINED,
    "withdraw": S.WITHDRAWN,
    "cancel": S.CANCELLED,
}
SCHEDULE = {
    "start_date": datetime.date(2027, 3, 1),
    "end_date": datetime.date(2027, 3, 5),
    "daily_start": datetime.time(9, 0),
    "daily_end": datetime.time(17, 0),
    "time_zone": "America/Bogota",
    "location": "Academia de Policía, Bogotá",
}


@pytest.fixture
def world(shared_world, db):
    """These tests only add rows, so they share one world (see conftest.shared_world)."""
    return shared_world


def actor_for(world, role):
    if role == "instructor":
        return world.instructor.user
    return getattr(world, role)


def make(world, stage):
    result = agreement(
        profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager, stage=stage
    )
    result.topics.set(world.topics)
    if stage == S.REPORTED:
        HostReport.objects.create(agreement=result, submitted_by=world.host_manager, evaluation=5, instructor_rating=5)
        InstructorReport.objects.create(
            agreement=result,
            submitted_by=world.instructor.user,
            delivered="Five days.",
            hours_delivered=30,
            cascading_plan="Train ten trainers.",
            host_rating=4,
        )
    return result


@pytest.mark.parametrize(("action", "stage", "role", "allowed"), TABLE)
def test_service_table(world, action, stage, role, allowed):
    subject = make(world, stage)
    actor = actor_for(world, role)
    call = (
        (lambda: services.agreement_schedule(agreement=subject, actor=actor, **SCHEDULE))
        if action == "schedule"
        else (lambda: services.agreement_transition(agreement=subject, actor=actor, action=action, reason="Not now."))
    )
    if allowed == "conflict":
        with pytest.raises(services.TransitionConflict):
            call()
        subject.refresh_from_db()
        assert subject.stage == stage
    elif allowed:
        call()
        subject.refresh_from_db()
        assert subject.stage == TARGET[action]
        event = subject.events.last()
        assert (event.action, event.actor, event.from_stage, event.to_stage) == (action, actor, stage, TARGET[action])
    else:
        with pytest.raises(PermissionDenied):
            call()
        subject.refresh_from_db()
        assert subject.stage == stage
        assert subject.events.count() == 1


@pytest.mark.parametrize(("action", "stage", "role", "allowed"), TABLE)
def test_view_table(client, world, action, stage, role, allowed):
    subject = make(world, stage)
    actor = actor_for(world, role)
    sign_in_with_mfa(client, actor)
    if action == "schedule":
        data = {**SCHEDULE, "daily_start": "09:00", "daily_end": "17:00"}
        response = client.post(reverse("instructors:agreement_schedule", args=[subject.pk]), data)
    else:
        data = {"action": action, "reason": "Not now."}
        response = client.post(reverse("instructors:agreement_act", args=[subject.pk]), data)
    subject.refresh_from_db()
    if allowed == "conflict":
        assert response.status_code == 409
        assert subject.stage == stage
    elif allowed:
        assert response.status_code == 302
        assert subject.stage == TARGET[action]
    else:
        # A party who may not take this step is told so (403); someone outside the agreement does not
        # learn that it exists (404).
        assert response.status_code == (404 if role == "other_coordinator" else 403)
        assert subject.stage == stage


def test_nobody_approves_their_own_proposal(world):
    """The home agency's manager proposes: they cannot approve for the agency; another manager can."""
    from tests.accounts.factories import manager

    subject = services.agreement_propose(
        actor=world.home_manager, instructor=world.instructor, request=world.request, terms="Terms."
    )
    with pytest.raises(PermissionDenied, match="own proposal"):
        services.agreement_transition(agreement=subject, actor=world.home_manager, action="approve_home_agency")
    with pytest.raises(PermissionDenied, match="own proposal"):
        services.agreement_transition(agreement=subject, actor=world.home_manager, action="decline", reason="x")
    colleague = manager(world.home_agency, username="second-manager")
    services.agreement_transition(agreement=subject, actor=colleague, action="approve_home_agency")
    subject.refresh_from_db()
    assert subject.stage == S.HOME_AGENCY_APPROVED


def test_coordinator_who_proposes_cannot_approve_for_their_state(world):
    subject = services.agreement_propose(
        actor=world.host_coordinator, instructor=world.instructor, request=world.request, terms="Terms."
    )
    subject.stage = S.HOME_STATE_APPROVED
    subject.save()
    with pytest.raises(PermissionDenied, match="own proposal"):
        services.agreement_transition(agreement=subject, actor=world.host_coordinator, action="approve_host_state")


def test_decline_and_cancel_need_a_reason(world):
    subject = make(world, S.PROPOSED)
    with pytest.raises(ValidationError):
        services.agreement_transition(agreement=subject, actor=world.home_manager, action="decline", reason="  ")
    subject.refresh_from_db()
    assert subject.stage == S.PROPOSED
    services.agreement_transition(
        agreement=subject, actor=world.home_manager, action="decline", reason="No budget this year."
    )
    assert AgreementEvent.objects.get(agreement=subject, action="decline").reason == "No budget this year."


def test_each_step_notifies_the_next_party(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        subject = services.agreement_propose(
            actor=world.host_manager, instructor=world.instructor, request=world.request, terms="Terms."
        )
    assert Notification.objects.filter(user=world.home_manager, kind="exchange.proposed").exists()
    services.agreement_transition(agreement=subject, actor=world.home_manager, action="approve_home_agency")
    assert Notification.objects.filter(user=world.home_coordinator, kind="exchange.home_agency_approved").exists()
    services.agreement_transition(agreement=subject, actor=world.home_coordinator, action="approve_home_state")
    assert Notification.objects.filter(user=world.host_coordinator, kind="exchange.home_state_approved").exists()
    services.agreement_transition(agreement=subject, actor=world.host_coordinator, action="approve_host_state")
    assert Notification.objects.filter(user=world.host_manager, kind="exchange.host_state_approved").exists()
    assert not Notification.objects.filter(user=world.other_coordinator).exists()


def test_proposal_rules(world):
    from tests.accounts.factories import AgencyFactory

    same_state_agency = AgencyFactory(state=world.home_state)
    with pytest.raises(ValidationError):
        services.agreement_propose(
            actor=world.home_manager, instructor=world.instructor, offer=None, request=None, terms="x"
        )
    from .factories import ExchangeRequestFactory

    local = ExchangeRequestFactory(agency=same_state_agency)
    with pytest.raises(ValidationError, match="another member state"):
        services.agreement_propose(actor=world.home_manager, instructor=world.instructor, request=local, terms="x")
    with pytest.raises(PermissionDenied):
        services.agreement_propose(
            actor=world.other_coordinator, instructor=world.instructor, request=world.request, terms="x"
        )


def test_reports_are_required_before_closing(world):
    subject = make(world, S.DELIVERED)
    with pytest.raises(services.TransitionConflict):  # not reported yet
        services.agreement_transition(agreement=subject, actor=world.host_coordinator, action="close")
    participants = {
        ("female", "officer"): 9,
        ("male", "officer"): 8,
        ("another", "supervisor"): 1,
        ("undisclosed", "civilian"): 2,
    }
    services.host_report_submit(
        agreement=subject, actor=world.host_manager, evaluation=5, instructor_rating=4, participants=participants
    )
    subject.refresh_from_db()
    assert subject.stage == S.DELIVERED  # the instructor's report is still missing
    # Even forced to "reported", closing checks that both reports exist.
    subject.stage = S.REPORTED
    subject.save()
    with pytest.raises(PermissionDenied, match="instructor's report"):
        services.agreement_transition(agreement=subject, actor=world.host_coordinator, action="close")
    subject.stage = S.DELIVERED
    subject.save()
    services.instructor_report_submit(
        agreement=subject,
        actor=world.instructor.user,
        delivered="Five days on crime scenes.",
        hours_delivered=30,
        cascading_plan="Ten trainers will repeat it in the regions.",
        host_rating=5,
    )
    subject.refresh_from_db()
    assert subject.stage == S.REPORTED
    services.agreement_transition(agreement=subject, actor=world.host_coordinator, action="close")
    subject.refresh_from_db()
    assert subject.stage == S.CLOSED
    counts = {(row.gender, row.role): row.count for row in subject.participant_counts.all()}
    assert counts == participants


def test_host_report_rules(world):
    subject = make(world, S.DELIVERED)
    with pytest.raises(ValidationError):
        services.host_report_submit(
            agreement=subject, actor=world.host_manager, evaluation=5, instructor_rating=4, participants={}
        )
    with pytest.raises(PermissionDenied):
        services.host_report_submit(
            agreement=subject,
            actor=world.home_manager,
            evaluation=5,
            instructor_rating=4,
            participants={("female", "officer"): 1},
        )
    with pytest.raises(ValidationError):
        services.host_report_submit(
            agreement=subject,
            actor=world.host_manager,
            evaluation=9,
            instructor_rating=4,
            participants={("female", "officer"): 1},
        )
    assert not HostReport.objects.exists()
    scheduled = make(world, S.SCHEDULED)
    with pytest.raises(services.TransitionConflict):
        services.instructor_report_submit(
            agreement=scheduled,
            actor=world.instructor.user,
            delivered="x",
            hours_delivered=1,
            cascading_plan="y",
            host_rating=3,
        )
