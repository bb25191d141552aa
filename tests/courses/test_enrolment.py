"""Enrolment: policies against audience tiers, capacity, waiting lists, approval, bulk CSV."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Notification
from courses import services
from courses.models import Enrolment, EnrolmentStatus
from tests.accounts.factories import (
    AgencyFactory,
    UserFactory,
    coordinator,
    manager,
    official,
    secretariat,
    state,
)
from tests.courses.factories import CoursePageFactory, CourseRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mx(site_frame):
    return state("MX")


@pytest.fixture
def br(site_frame):
    return state("BR")


# --- Policies × tiers -------------------------------------------------------------------------------

TIER_CASES = [
    # (audience, who, may enrol)
    ("public", "anonymous_user", False),
    ("public", "unverified", True),
    ("public", "official_other_state", True),
    ("law_enforcement", "unverified", False),
    ("law_enforcement", "official_other_state", True),
    ("law_enforcement", "official_same_state", True),
    ("state", "unverified", False),
    ("state", "official_other_state", False),
    ("state", "official_same_state", True),
    ("state", "secretariat", True),
]


def _person(kind, mx, br):
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous_user": lambda: AnonymousUser(),
        "unverified": lambda: UserFactory(),
        "official_other_state": lambda: official(br),
        "official_same_state": lambda: official(mx),
        "secretariat": lambda: secretariat(),
    }[kind]()


@pytest.mark.parametrize("audience,who,allowed", TIER_CASES)
def test_open_course_enrols_at_once_only_those_the_tier_admits(mx, br, audience, who, allowed):
    course = CoursePageFactory(state=mx, audience=audience)
    person = _person(who, mx, br)
    if allowed:
        enrolment = services.enrolment_create(user=person, course=course)
        assert enrolment.status == EnrolmentStatus.ACTIVE
    else:
        with pytest.raises(PermissionDenied):
            services.enrolment_create(user=person, course=course)
        assert not Enrolment.objects.exists()


def test_approval_course_waits_for_the_agency_manager_then_enrols(mx, django_capture_on_commit_callbacks):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    learner = official(agency=agency)
    course = CoursePageFactory(state=mx, enrolment_policy="approval", audience="law_enforcement")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(user=learner, course=course)
    assert enrolment.status == EnrolmentStatus.PENDING
    assert Notification.objects.filter(user=boss, kind="courses.enrolment.approval_request").exists()
    assert Notification.objects.filter(user=learner, kind="courses.enrolment.pending").exists()
    assert len(mail.outbox) == 2

    stranger = manager(AgencyFactory(state=mx))
    with pytest.raises(PermissionDenied):
        services.enrolment_decide(decider=stranger, enrolment=enrolment, approve=True)
    with pytest.raises(ValidationError):
        services.enrolment_decide(decider=boss, enrolment=enrolment, approve=False, reason="  ")

    enrolment = services.enrolment_decide(decider=boss, enrolment=enrolment, approve=True)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert Notification.objects.filter(user=learner, kind="courses.enrolment.approved").exists()
    with pytest.raises(ValidationError):
        services.enrolment_decide(decider=boss, enrolment=enrolment, approve=True)


def test_rejection_keeps_the_reason_and_allows_a_new_request(mx):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    learner = official(agency=agency)
    course = CoursePageFactory(state=mx, enrolment_policy="approval")
    enrolment = services.enrolment_create(user=learner, course=course)
    services.enrolment_decide(decider=boss, enrolment=enrolment, approve=False, reason="Not your unit")
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decision_reason) == (EnrolmentStatus.REJECTED, "Not your unit")
    again = services.enrolment_create(user=learner, course=course)
    assert again.status == EnrolmentStatus.PENDING


def test_approval_course_without_a_manager_is_refused_clearly(mx):
    learner = official(mx)
    course = CoursePageFactory(state=mx, enrolment_policy="approval")
    with pytest.raises(ValidationError, match="no training manager"):
        services.enrolment_create(user=learner, course=course)


def test_a_manager_enrolling_staff_is_the_approval(mx):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    learner = official(agency=agency)
    course = CoursePageFactory(state=mx, enrolment_policy="approval")
    enrolment = services.enrolment_create(user=learner, course=course, enrolled_by=boss)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert enrolment.decided_by == boss


def test_a_manager_cannot_enrol_another_agencys_staff(mx):
    boss = manager(AgencyFactory(state=mx))
    other = official(agency=AgencyFactory(state=mx))
    course = CoursePageFactory(state=mx)
    with pytest.raises(PermissionDenied):
        services.enrolment_create(user=other, course=course, enrolled_by=boss)


def test_coordinator_of_the_state_can_decide_too(mx):
    agency = AgencyFactory(state=mx)
    manager(agency)
    learner = official(agency=agency)
    course = CoursePageFactory(state=mx, enrolment_policy="approval")
    enrolment = services.enrolment_create(user=learner, course=course)
    services.enrolment_decide(decider=coordinator(mx), enrolment=enrolment, approve=True)


def test_enrolling_twice_is_a_conflict(mx):
    learner = official(mx)
    course = CoursePageFactory(state=mx)
    services.enrolment_create(user=learner, course=course)
    with pytest.raises(ValidationError) as error:
        services.enrolment_create(user=learner, course=course)
    assert error.value.error_list[0].code == "conflict"


# --- Cohorts: window, capacity, waiting list ---------------------------------------------------------


def test_cohort_needs_an_open_window(mx):
    from django.utils import timezone

    run = CourseRunFactory(course=CoursePageFactory(state=mx, pacing="cohort"))
    run.enrol_opens = timezone.now() + timezone.timedelta(days=1)
    run.save()
    with pytest.raises(ValidationError, match="not open"):
        services.enrolment_create(user=official(mx), course=run.course, run=run)
    with pytest.raises(ValidationError, match="run"):
        services.enrolment_create(user=official(mx), course=run.course)


def test_full_run_puts_people_on_the_waiting_list_and_promotes_when_a_seat_frees(mx):
    run = CourseRunFactory(course=CoursePageFactory(state=mx, pacing="cohort"), capacity=2)
    people = [official(mx) for _i in range(4)]
    statuses = [services.enrolment_create(user=p, course=run.course, run=run).status for p in people]
    assert statuses == ["active", "active", "waitlisted", "waitlisted"]
    first = Enrolment.objects.get(user=people[0])
    services.enrolment_withdraw(user=people[0], enrolment=first)
    assert Enrolment.objects.get(user=people[2]).status == "active"  # first come, first served
    assert Enrolment.objects.get(user=people[3]).status == "waitlisted"
    assert Notification.objects.filter(user=people[2], kind="courses.enrolment.active").exists()
    services.run_update_capacity(run=run, capacity=3)
    assert Enrolment.objects.get(user=people[3]).status == "active"


def test_self_paced_is_always_open(mx):
    course = CoursePageFactory(state=mx, pacing="self_paced")
    for _i in range(3):
        assert services.enrolment_create(user=official(mx), course=course).status == "active"
    assert course.runs.count() == 1


# --- Bulk CSV -----------------------------------------------------------------------------------------


def test_csv_enrols_good_lines_and_reports_each_bad_one(mx, br):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    staff = [official(agency=agency) for _i in range(3)]
    outsider = official(br)
    course = CoursePageFactory(state=mx, audience="state")
    services.enrolment_create(user=staff[2], course=course)  # already enrolled
    data = "\n".join(
        [
            "email,name",
            f"{staff[0].email},A",
            "not-an-address,B",
            f"{staff[1].email.upper()},C",
            f"{staff[0].email},A again",
            "nobody@nowhere.example,D",
            f"{outsider.email},E",
            f"{staff[2].email},F",
            "",
        ]
    ).encode()
    report = services.enrolments_from_csv(manager=boss, course=course, run=None, data=data)
    assert [line for line, *_rest in report.enrolled] == [2, 4]
    refused = {line: reason for line, _value, reason in report.refused}
    assert set(refused) == {3, 5, 6, 7, 8}
    assert "e-mail" in refused[3]
    assert "twice" in refused[5]
    assert "No account" in refused[6]
    assert "not open" in refused[7] or "manager" in refused[7]
    assert "Already" in refused[8]
    assert Enrolment.objects.filter(course=course, status="active").count() == 3


def test_csv_that_is_not_utf8_is_refused_whole(mx):
    boss = manager(AgencyFactory(state=mx))
    course = CoursePageFactory(state=mx)
    with pytest.raises(ValidationError, match="UTF-8"):
        services.enrolments_from_csv(manager=boss, course=course, run=None, data="é".encode("latin-1"))
    assert not Enrolment.objects.exists()
