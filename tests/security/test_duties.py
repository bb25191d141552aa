"""Separation of duties: nobody decides their own enrolment, verifies themself, or takes two
approval steps of one exchange; moving agency or state ends a verification."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from accounts.access import GROUP_LAW_ENFORCEMENT
from accounts.models import Profile, VerificationRequest
from courses import services as course_services
from courses.models import EnrolmentStatus
from instructors import services as exchange_services
from instructors.models import Stage
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory
from tests.instructors.conftest import build_world
from tests.instructors.factories import agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def test_a_manager_cannot_approve_their_own_enrolment(client, site_frame):
    agency = f.AgencyFactory(state=f.state("MX"))
    boss = f.manager(agency)
    course = CoursePageFactory(state=agency.state, enrolment_policy="approval")
    own = course_services.enrolment_create(user=boss, course=course)
    assert own.status == EnrolmentStatus.PENDING

    f.sign_in_with_mfa(client, boss)
    response = client.post(reverse("courses:manage_decide", args=[own.pk]), {"decision": "approve"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == EnrolmentStatus.PENDING

    with pytest.raises(PermissionDenied, match="your own enrolment"):
        course_services.enrolment_decide(decider=boss, enrolment=own, approve=True)

    colleague = f.manager(agency)
    course_services.enrolment_decide(decider=colleague, enrolment=own, approve=True)
    own.refresh_from_db()
    assert own.status == EnrolmentStatus.ACTIVE


def test_nobody_verifies_themself(client):
    agency = f.AgencyFactory(state=f.state("MX"))
    boss = f.manager(agency)
    Profile.objects.filter(user=boss).update(verified_state=None, verified_at=None, verification_method="")
    request = VerificationRequest.objects.create(user=boss, agency=agency, message="Me")
    f.sign_in_with_mfa(client, boss)
    with translation.override("es"):
        url = reverse("accounts:verification_decide", args=[request.pk])
    # Refused as such (403, in the user's language), whether or not the form is filled in.
    for data in ({"decision": "approve"}, {}):
        response = client.post(url, data)
        assert response.status_code == 403
        assert "No puede decidir su propia solicitud de verificación" in response.content.decode()
    request.refresh_from_db()
    assert request.status == VerificationRequest.Status.PENDING
    assert Profile.objects.get(user=boss).verified_state_id is None


@pytest.mark.parametrize("change", ["agency", "state"])
def test_changing_agency_or_state_ends_the_verification(client, change):
    from accounts.services import profile_update

    mx = f.state("MX")
    old = f.AgencyFactory(state=mx)
    user = f.official(agency=old)
    new = f.AgencyFactory(state=mx if change == "agency" else f.state("CO"))
    fields = {"agency": new} if change == "agency" else {"agency": new, "member_state": new.state}
    profile = profile_update(user=user, **fields)
    assert profile.verified_state_id is None and profile.verified_at is None
    assert not user.groups.filter(name=GROUP_LAW_ENFORCEMENT).exists()


def _exchange(world):
    subject = agreement(profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager)
    subject.topics.set(world.topics)
    return subject


def _act(client, subject, user, action):
    f.sign_in_with_mfa(client, user)
    return client.post(reverse("instructors:agreement_act", args=[subject.pk]), {"action": action})


def test_a_coordinator_of_both_states_approves_only_one_step(client, world):
    both = world.home_coordinator
    f.grant(both, "national_coordinator", state=world.host_state)
    subject = _exchange(world)
    assert _act(client, subject, world.home_manager, "approve_home_agency").status_code == 302
    assert _act(client, subject, both, "approve_home_state").status_code == 302
    response = _act(client, subject, both, "approve_host_state")
    assert response.status_code == 403
    subject.refresh_from_db()
    assert subject.stage == Stage.HOME_STATE_APPROVED
    assert _act(client, subject, world.host_coordinator, "approve_host_state").status_code == 302


def test_a_manager_who_is_also_the_coordinator_approves_only_one_step(client, world):
    f.grant(world.home_manager, "national_coordinator", state=world.home_state)
    subject = _exchange(world)
    assert _act(client, subject, world.home_manager, "approve_home_agency").status_code == 302
    assert _act(client, subject, world.home_manager, "approve_home_state").status_code == 403
    subject.refresh_from_db()
    assert subject.stage == Stage.HOME_AGENCY_APPROVED
    with pytest.raises(PermissionDenied, match="already approved"):
        exchange_services.agreement_transition(agreement=subject, actor=world.home_manager, action="approve_home_state")
