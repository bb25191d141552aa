"""Every privileged action, as HTTP requests, by someone who (a) passed MFA in this session, (b) has an
authenticator but signed in by password only (e.g. through a password-only form), (c) has no
authenticator. Only (a) acts; (b) is sent to allauth's MFA reauthentication, (c) to set one up."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleGrant, VerificationRequest
from courses import services as course_services
from courses.models import EnrolmentStatus
from instructors.models import Stage
from monitoring.models import Report
from tests.accounts import factories as f
from tests.courses.factories import CoursePageFactory, EnrolmentFactory
from tests.instructors.conftest import build_world
from tests.instructors.factories import agreement

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    user: object
    method: str
    url: str
    data: dict | None = None
    done: Callable[[], bool] | None = None  # did the action take effect?
    ok_status: int = 302


def grant_role(_site):
    f.state("MX")
    person = f.UserFactory()
    return Case(
        f.secretariat(),
        "post",
        reverse("accounts:roles"),
        {"email": person.email, "role": Role.NATIONAL_COORDINATOR, "state": "MX"},
        lambda: RoleGrant.objects.filter(user=person, role=Role.NATIONAL_COORDINATOR).exists(),
    )


def roles_page(_site):
    return Case(f.coordinator(f.state("MX")), "get", reverse("accounts:roles"), ok_status=200)


def revoke_role(_site):
    mx = f.state("MX")
    editor_grant = RoleGrant.objects.get(user=f.editor(mx))
    return Case(
        f.coordinator(mx),
        "post",
        reverse("accounts:role_revoke", args=[editor_grant.pk]),
        {"reason": "left"},
        lambda: RoleGrant.objects.get(pk=editor_grant.pk).revoked_at is not None,
    )


def verify_official(_site):
    agency = f.AgencyFactory(state=f.state("MX"))
    pending = VerificationRequest.objects.create(user=f.UserFactory(), agency=agency)
    return Case(
        f.manager(agency),
        "post",
        reverse("accounts:verification_decide", args=[pending.pk]),
        {"decision": "approve", "reason": ""},
        lambda: VerificationRequest.objects.get(pk=pending.pk).status == VerificationRequest.Status.APPROVED,
    )


def verification_queue(_site):
    return Case(
        f.manager(f.AgencyFactory(state=f.state("MX"))), "get", reverse("accounts:verification_queue"), ok_status=200
    )


def _exchange_step(role: str, stage: str, action: str, target: str):
    def build(_site):
        world = build_world()
        subject = agreement(
            profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager, stage=stage
        )
        return Case(
            getattr(world, role),
            "post",
            reverse("instructors:agreement_act", args=[subject.pk]),
            {"action": action, "reason": ""},
            lambda: type(subject).objects.get(pk=subject.pk).stage == target,
        )

    return build


def revoke_certificate(site):
    mx = f.state("MX")
    enrolment = EnrolmentFactory(
        course=CoursePageFactory(state=mx),
        user=f.official(mx),
        status=EnrolmentStatus.COMPLETED,
        completed_at=timezone.now(),
    )
    certificate = course_services.certificate_issue(enrolment_id=enrolment.pk)
    return Case(
        f.coordinator(mx),
        "post",
        reverse("courses:certificate_revoke", args=[certificate.code]),
        {"reason": "Awarded by mistake."},
        lambda: type(certificate).objects.get(pk=certificate.pk).is_revoked,
    )


def _monitoring_get(who: str, name: str, query: str = "", **kwargs):
    def build(_site):
        mx = f.state("MX")
        user = f.secretariat() if who == "secretariat" else f.coordinator(mx)
        return Case(user, "get", reverse(f"monitoring:{name}", kwargs=kwargs) + query, ok_status=200)

    return build


def monitoring_refresh(_site):
    return Case(f.secretariat(), "post", reverse("monitoring:refresh"), {})


def monitoring_report(_site):
    f.state("MX")
    return Case(
        f.coordinator(f.state("MX")),
        "post",
        reverse("monitoring:reports"),
        {"period": "2026-S1", "state": "MX"},
        lambda: Report.objects.exists(),
    )


def wagtail_admin(who: str):
    def build(_site):
        from accounts.services import state_groups_ensure

        mx = f.state("MX")
        state_groups_ensure(state=mx)
        user = f.secretariat() if who == "secretariat" else f.coordinator(mx)
        return Case(user, "get", "/admin/", ok_status=200)

    return build


ACTIONS = {
    "grant a role": grant_role,
    "open the roles page": roles_page,
    "revoke a role": revoke_role,
    "verify an official": verify_official,
    "open the verification queue": verification_queue,
    "approve an exchange for the home agency": _exchange_step(
        "home_manager", Stage.PROPOSED, "approve_home_agency", Stage.HOME_AGENCY_APPROVED
    ),
    "approve an exchange for the home state": _exchange_step(
        "home_coordinator", Stage.HOME_AGENCY_APPROVED, "approve_home_state", Stage.HOME_STATE_APPROVED
    ),
    "approve an exchange for the host state": _exchange_step(
        "host_coordinator", Stage.HOME_STATE_APPROVED, "approve_host_state", Stage.HOST_STATE_APPROVED
    ),
    "revoke a certificate": revoke_certificate,
    "hemispheric dashboard": _monitoring_get("secretariat", "hemisphere"),
    "state dashboard": _monitoring_get("coordinator", "state", code="MX"),
    "hemispheric CSV export": _monitoring_get("secretariat", "hemisphere", "?format=csv"),
    "hemispheric XLSX export": _monitoring_get("secretariat", "hemisphere", "?format=xlsx"),
    "state CSV export": _monitoring_get("coordinator", "state", "?format=csv", code="MX"),
    "state XLSX export": _monitoring_get("coordinator", "state", "?format=xlsx", code="MX"),
    "reports page": _monitoring_get("coordinator", "reports"),
    "build a state report": monitoring_report,
    "recompute the figures": monitoring_refresh,
    "Wagtail admin as the secretariat": wagtail_admin("secretariat"),
    "Wagtail admin as a coordinator": wagtail_admin("coordinator"),
}


def _request(client, case: Case):
    if case.method == "get":
        return client.get(case.url)
    return client.post(case.url, case.data)


@pytest.mark.parametrize("session", ["mfa in session", "password only", "no authenticator"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_privileged_action_needs_mfa_in_the_session(client, site_frame, action, session):
    case = ACTIONS[action](site_frame)
    if session == "mfa in session":
        f.sign_in_with_mfa(client, case.user)
    elif session == "password only":
        assert Authenticator.objects.filter(user=case.user).exists()
        client.force_login(case.user)
    else:
        Authenticator.objects.filter(user=case.user).delete()
        client.force_login(case.user)
    response = _request(client, case)
    if session == "mfa in session":
        assert response.status_code == case.ok_status, response.content.decode()[:300]
        if case.done:
            assert case.done()
        return
    expected = reverse("mfa_reauthenticate") if session == "password only" else reverse("mfa_index")
    assert response.status_code == 302
    assert response["Location"].startswith(expected)
    if case.done:
        assert not case.done()
