"""The account pages: profile, verification by a manager, role grants, notifications.

Bad input gets a clear translated message and the right status, and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEvent, Notification, Profile, Role, RoleGrant, VerificationRequest
from accounts.notifications import notify
from tests.accounts import factories as f
from tests.accounts.test_signup import _confirm_from_mail as confirm_from_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def mx():
    return f.state("MX")


@pytest.fixture
def co():
    return f.state("CO")


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


def test_profile_requires_login(client):
    response = client.get(url("accounts:profile"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_profile_edit_and_gender_purpose_shown(client, mx):
    agency = f.AgencyFactory(state=mx)
    user = f.UserFactory()
    f.sign_in_with_mfa(client, user)
    page = client.get(url("accounts:profile"))
    assert page.status_code == 200
    assert "aggregated and anonymous statistics" in page.content.decode()
    response = client.post(
        url("accounts:profile"),
        {
            "display_name": "Rosa Pérez",
            "member_state": "MX",
            "agency": agency.pk,
            "position": "Inspectora",
            "preferred_language": "es",
            "gender": "female",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.member_state, profile.agency, profile.gender) == (
        "Rosa Pérez",
        mx,
        agency,
        "female",
    )
    assert profile.verified_state is None  # choosing an agency does not verify anyone


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"member_state": "XX"}, "is not the ISO 3166 code of an OAS member state"),
        ({"member_state": "CO", "agency": "mx-agency"}, "This agency belongs to another member state."),
        ({"gender": "robot"}, "Select a valid choice"),
    ],
)
def test_profile_bad_input_is_refused_and_changes_nothing(client, mx, co, data, message):
    agency = f.AgencyFactory(state=mx)
    user = f.UserFactory()
    f.sign_in_with_mfa(client, user)
    form = {"display_name": "Changed", "preferred_language": "en", "gender": "undisclosed", **data}
    if form.get("agency") == "mx-agency":
        form["agency"] = agency.pk
    response = client.post(url("accounts:profile"), form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Profile.objects.get(user=user).display_name == ""


def test_profile_error_is_translated(client, mx):
    f.sign_in_with_mfa(client, f.UserFactory())
    response = client.post(
        url("accounts:profile", lang="es"), {"member_state": "XX", "preferred_language": "es", "gender": "female"}
    )
    assert response.status_code == 400
    assert "no es el código ISO 3166 de un Estado miembro de la OEA" in response.content.decode()


def test_signup_then_manager_approval_makes_a_verified_official(client, mx):
    """An official whose address is not on the agency's domain asks; the agency's manager approves."""
    agency = f.AgencyFactory(state=mx)
    manager = f.manager(agency)
    client.post(
        url("account_signup"),
        {"email": "rosa@gmail.example", "password1": "a-long-test-password", "password2": "a-long-test-password"},
    )
    user = Profile.objects.get(user__email="rosa@gmail.example").user
    confirm_from_mail(client, "rosa@gmail.example")  # allauth's confirmation signs her in
    assert user.emailaddress_set.get().verified
    assert not Profile.objects.get(user=user).verified_state_id  # not an agency's domain
    response = client.post(url("accounts:verification_request"), {"agency": agency.pk, "message": "Unit 7"})
    assert response.status_code == 302
    pending = VerificationRequest.objects.get(user=user)
    assert Notification.objects.filter(user=manager, kind="accounts.verification_requested").exists()
    # A second request while one waits is refused with 409.
    again = client.post(url("accounts:verification_request"), {"agency": agency.pk})
    assert again.status_code == 409
    assert VerificationRequest.objects.filter(user=user).count() == 1

    f.sign_in_with_mfa(client, manager)
    queue = client.get(url("accounts:verification_queue"))
    assert queue.status_code == 200 and "rosa@gmail.example" in queue.content.decode()
    response = client.post(url("accounts:verification_decide", pending.pk), {"decision": "approve"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.verified_state == mx and profile.verification_method == "approval"
    assert AuditEvent.objects.filter(action="verification_approved", subject_user=user, actor=manager).exists()
    assert Notification.objects.filter(user=user, kind="accounts.verification_decided").exists()


def test_reject_needs_a_reason_and_others_cannot_decide(client, mx, co):
    agency = f.AgencyFactory(state=mx)
    manager = f.manager(agency)
    applicant = f.UserFactory()
    pending = VerificationRequest.objects.create(user=applicant, agency=agency)
    f.sign_in_with_mfa(client, manager)
    response = client.post(url("accounts:verification_decide", pending.pk), {"decision": "reject", "reason": " "})
    assert response.status_code == 400
    assert "Give a reason when you reject a request." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"

    # A manager of another state's agency does not see it (404), an unverified user may not decide (403).
    f.sign_in_with_mfa(client, f.manager(f.AgencyFactory(state=co)))
    assert client.post(url("accounts:verification_decide", pending.pk), {"decision": "approve"}).status_code == 404
    f.sign_in_with_mfa(client, f.UserFactory())
    assert client.get(url("accounts:verification_queue")).status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not Profile.objects.get(user=applicant).verified_state_id


def test_coordinator_grants_an_editor_of_their_state_and_it_is_logged(client, mx):
    coordinator = f.coordinator(mx)
    person = f.UserFactory()
    f.sign_in_with_mfa(client, coordinator)
    response = client.post(
        url("accounts:roles"), {"email": person.email, "role": Role.CURRICULUM_EDITOR, "state": "MX", "reason": "x"}
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.active().get(user=person)
    assert (grant.role, grant.state, grant.granted_by) == (Role.CURRICULUM_EDITOR, mx, coordinator)
    assert AuditEvent.objects.filter(action="role_granted", subject_user=person, actor=coordinator).exists()
    assert person.groups.filter(name="MX editors").exists()
    assert Notification.objects.filter(user=person, kind="accounts.role_granted").exists()

    response = client.post(url("accounts:role_revoke", grant.pk))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert AuditEvent.objects.filter(action="role_revoked", subject_user=person).exists()


@pytest.mark.parametrize(
    ("who", "data", "status", "message"),
    [
        # A grant across states: a coordinator of MX for CO.
        ("coordinator_mx", {"role": Role.CURRICULUM_EDITOR, "state": "CO"}, 403, "You may not grant this role"),
        # A coordinator cannot make coordinators or secretariat.
        ("coordinator_mx", {"role": Role.NATIONAL_COORDINATOR, "state": "MX"}, 403, "You may not grant this role"),
        ("coordinator_mx", {"role": Role.SECRETARIAT}, 403, "You may not grant this role"),
        # A manager of another state's agency.
        ("coordinator_mx", {"role": Role.AGENCY_MANAGER, "agency": "co"}, 403, "You may not grant this role"),
        # Bad input.
        ("coordinator_mx", {"role": Role.CURRICULUM_EDITOR, "state": "ZZ"}, 400, "is not the ISO 3166 code"),
        ("coordinator_mx", {"role": Role.CURRICULUM_EDITOR, "email": "not-an-address"}, 400, "is not a valid e-mail"),
        ("coordinator_mx", {"role": Role.CURRICULUM_EDITOR}, 400, "This role needs a member state."),
        ("coordinator_mx", {"role": "emperor", "state": "MX"}, 400, "Select a valid choice"),
    ],
)
def test_role_grant_refused_changes_nothing(client, mx, co, who, data, status, message):
    co_agency = f.AgencyFactory(state=co)
    person = f.UserFactory()
    f.sign_in_with_mfa(client, f.coordinator(mx))
    form = {"email": person.email, **data}
    if form.get("agency") == "co":
        form["agency"] = co_agency.pk
    before = AuditEvent.objects.count()
    response = client.post(url("accounts:roles"), form)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not RoleGrant.objects.filter(user=person).exists()
    assert AuditEvent.objects.count() == before


def test_role_grant_refused_in_the_readers_language(client, mx, co):
    person = f.UserFactory()
    f.sign_in_with_mfa(client, f.coordinator(mx))
    response = client.post(
        url("accounts:roles", lang="fr"), {"email": person.email, "role": Role.CURRICULUM_EDITOR, "state": "CO"}
    )
    assert response.status_code == 403
    assert "Vous ne pouvez pas attribuer ce rôle" in response.content.decode()


def test_people_without_the_right_cannot_open_the_roles_page(client, mx):
    for user in (f.UserFactory(), f.editor(mx), f.manager(f.AgencyFactory(state=mx))):
        f.sign_in_with_mfa(client, user)
        response = client.post(
            url("accounts:roles"), {"email": user.email, "role": Role.NATIONAL_COORDINATOR, "state": "MX"}
        )
        assert response.status_code == 403
        assert "Only national coordinators and the secretariat grant roles." in response.content.decode()
    assert not RoleGrant.objects.filter(role=Role.NATIONAL_COORDINATOR).exists()


def test_secretariat_grants_a_coordinator(client, mx):
    person = f.UserFactory()
    f.sign_in_with_mfa(client, f.secretariat())
    response = client.post(
        url("accounts:roles"), {"email": person.email, "role": Role.NATIONAL_COORDINATOR, "state": "MX"}
    )
    assert response.status_code == 302
    assert RoleGrant.objects.active().filter(user=person, role=Role.NATIONAL_COORDINATOR, state=mx).exists()


def test_roles_page_queries_do_not_grow_with_grants(client, mx, django_assert_max_num_queries):
    f.sign_in_with_mfa(client, f.coordinator(mx))
    for _ in range(3):
        f.editor(mx)
    with django_assert_max_num_queries(40) as few:
        client.get(url("accounts:roles"))
    for _ in range(6):
        f.editor(mx)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("accounts:roles"))
    assert response.status_code == 200


def test_notifications_unread_count_in_header_and_mark_read(client):
    user = f.UserFactory()
    notify(recipients=[user], kind="test", subject="Course starts", email=False)
    notify(recipients=[user], kind="test", subject="Exchange approved", email=False)
    f.sign_in_with_mfa(client, user)
    page = client.get(url("accounts:notifications")).content.decode()
    assert 'class="badge count">2' in page
    assert "Course starts" in page
    one = Notification.objects.filter(user=user).first()
    client.post(url("accounts:notifications"), {"id": [one.pk]})
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 1
    client.post(url("accounts:notifications"))
    assert Notification.objects.filter(user=user, read_at__isnull=True).count() == 0
    assert client.post(url("accounts:notifications"), {"id": ["x"]}).status_code == 302


def test_set_language_saves_the_preference(client):
    user = f.UserFactory()
    f.sign_in_with_mfa(client, user)
    response = client.post("/i18n/setlang/", {"language": "pt", "next": "/pt/"})
    assert response.status_code == 302
    assert Profile.objects.get(user=user).preferred_language == "pt"


def test_preferred_language_is_the_first_guess(client):
    user = f.UserFactory()
    Profile.objects.filter(user=user).update(preferred_language="fr")
    f.sign_in_with_mfa(client, user)
    response = client.get(url("accounts:profile").replace("/en/", "/", 1), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302 and response["Location"].startswith("/fr/")
    # Anonymous visitors get their browser's language.
    client.logout()
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    assert response["Location"].startswith("/pt/")


def test_coordinator_cannot_revoke_a_coordinator(client, mx):
    coordinator = f.coordinator(mx)
    other = f.coordinator(mx)
    grant = RoleGrant.objects.active().get(user=other, role=Role.NATIONAL_COORDINATOR)
    f.sign_in_with_mfa(client, coordinator)
    page = client.get(url("accounts:roles")).content.decode()
    assert url("accounts:role_revoke", grant.pk) not in page
    response = client.post(url("accounts:role_revoke", grant.pk))
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_verification_queue_queries_do_not_grow_with_requests(client, mx, django_assert_max_num_queries):
    agency = f.AgencyFactory(state=mx)
    f.sign_in_with_mfa(client, f.manager(agency))
    for _ in range(2):
        VerificationRequest.objects.create(user=f.UserFactory(), agency=agency)
    with django_assert_max_num_queries(40) as few:
        client.get(url("accounts:verification_queue"))
    for _ in range(6):
        VerificationRequest.objects.create(user=f.UserFactory(), agency=agency)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("accounts:verification_queue"))
    assert response.content.decode().count('name="decision" value="approve"') == 8


def test_notifications_page_queries_do_not_grow(client, django_assert_max_num_queries):
    user = f.UserFactory()
    f.sign_in_with_mfa(client, user)
    notify(recipients=[user], kind="test", subject="One", email=False)
    with django_assert_max_num_queries(40) as few:
        client.get(url("accounts:notifications"))
    for n in range(10):
        notify(recipients=[user], kind="test", subject=f"Notice {n}", email=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("accounts:notifications")).status_code == 200
