"""Deep linking, grades (AGS) and roster (NRPS) with the test platform over HTTP, key rotation,
dynamic registration and the admin."""

from datetime import timedelta

import jwt
import pytest
from django.core.management import call_command
from django.utils import timezone

from courses.services.progress import lesson_mark_done
from lti import selectors
from lti.models import Account, LearnerLink, Platform, RosterMember, ToolKey
from tests.accounts.factories import editor, secretariat, sign_in_with_mfa, state
from tests.courses.factories import CoursePageFactory, LessonPageFactory
from tests.lti.conftest import custom
from tests.lti.platform import LTI, registration_url

pytestmark = pytest.mark.django_db

INSTRUCTOR = {LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"]}


def _decode(token, client, **kwargs):
    keys = {k["kid"]: k for k in client.get("/lti/jwks/").json()["keys"]}
    key = keys[jwt.get_unverified_header(token)["kid"]]
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], **kwargs)


def test_deep_linking_lists_what_the_teacher_may_see_and_signs_the_choice(client, registered, lti_platform, course):
    restricted = CoursePageFactory(state=state("MX"), title="Officers only", audience="law_enforcement")
    response = lti_platform.launch(client, sub="teacher-1", message_type="LtiDeepLinkingRequest", **INSTRUCTOR)
    assert response.status_code == 200, response.content[:500]
    titles = [item.title for item in response.context["items"]]
    assert "Chain of custody" in titles and "Officers only" not in titles
    lessons = response.context["items"][titles.index("Chain of custody")].lessons
    assert [lesson.title for lesson in lessons] == ["Sealing evidence", "Transport"]

    answer = client.post(
        "/lti/deep-link/",
        {
            "launch_id": response.context["launch_id"],
            "item": [f"course:{course.pk}", f"lesson:{course.lessons[0].pk}", f"course:{restricted.pk}"],
        },
    )
    assert answer.status_code == 200
    assert answer.context["return_url"] == f"{lti_platform.base}/deep-link-return"
    claims = _decode(answer.context["jwt"], client, audience=lti_platform.issuer)
    assert claims["iss"] == lti_platform.client_id
    assert claims[LTI + "message_type"] == "LtiDeepLinkingResponse"
    assert claims[LTI + "deployment_id"] == lti_platform.deployment_id
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "dl-data-1"
    items = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert [item["custom"] for item in items] == [
        {"course_id": str(course.pk)},
        {"lesson_id": str(course.lessons[0].pk)},
    ]
    assert items[0]["url"] == "http://testserver/lti/launch/" and items[1]["lineItem"]["scoreMaximum"] == 1
    assert lti_platform.base in answer["Content-Security-Policy"].split("form-action")[1]
    # The launch id answers once.
    again = client.post("/lti/deep-link/", {"launch_id": response.context["launch_id"], "item": f"course:{course.pk}"})
    assert again.status_code == 400


def test_picker_query_count_does_not_grow_with_courses(
    client, registered, lti_platform, course, django_assert_max_num_queries
):
    teacher = lti_platform.launch(client, sub="teacher-2", message_type="LtiDeepLinkingRequest", **INSTRUCTOR)
    user = Account.objects.get(sub="teacher-2").user
    assert teacher.status_code == 200
    for n in range(4):
        LessonPageFactory(parent=CoursePageFactory(state=state("MX"), title=f"More {n}"))
    with django_assert_max_num_queries(12):
        choices = selectors.deep_link_choices(user=user)
    assert len(choices) == 5


def test_lesson_done_sends_the_score_to_the_platform(
    client, registered, lti_platform, course, django_capture_on_commit_callbacks
):
    lesson = course.lessons[0]
    response = lti_platform.launch(client, sub="learner-9", **custom(lesson_id=lesson.pk))
    assert response.status_code == 200
    lti_platform.tool_jwks = client.get("/lti/jwks/").json()
    user = Account.objects.get(sub="learner-9").user
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(user=user, lesson=lesson)
    assert lti_platform.refused == []
    [score] = lti_platform.scores
    assert score["userId"] == "learner-9"
    assert score["scoreGiven"] == 1 and score["scoreMaximum"] == 1
    assert score["activityProgress"] == "Completed" and score["gradingProgress"] == "FullyGraded"
    [item] = lti_platform.lineitems.values()
    assert item["resourceLinkId"] == "link-1" and score["lineitem"] == item["id"]
    # The same progress again sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(user=user, lesson=lesson)
    assert len(lti_platform.scores) == 1
    assert LearnerLink.objects.get(account__user=user).last_sent["given"] == 1


def test_course_link_gets_the_course_percentage(
    client, registered, lti_platform, course, django_capture_on_commit_callbacks
):
    lti_platform.launch(client, sub="learner-10", **custom(course_id=course.pk))
    lti_platform.tool_jwks = client.get("/lti/jwks/").json()
    user = Account.objects.get(sub="learner-10").user
    with django_capture_on_commit_callbacks(execute=True):
        lesson_mark_done(user=user, lesson=course.lessons[0])
    assert [(s["scoreGiven"], s["scoreMaximum"], s["activityProgress"]) for s in lti_platform.scores] == [
        (50, 100, "InProgress")
    ]


def test_instructor_launch_reads_the_roster(
    client, registered, lti_platform, course, django_capture_on_commit_callbacks
):
    lti_platform.tool_jwks = client.get("/lti/jwks/").json()
    lti_platform.members = [
        {
            "user_id": "learner-1",
            "name": "Ana Pérez",
            "email": "ana@example.org",
            "status": "Active",
            "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        },
        {
            "user_id": "teacher-1",
            "name": "Luis Gómez",
            "status": "Active",
            "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"],
        },
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = lti_platform.launch(client, sub="teacher-1", **INSTRUCTOR, **custom(course_id=course.pk))
    assert response.status_code == 200
    roster = selectors.roster_of(platform=registered, context_id=lti_platform.context_id)
    assert [(m.sub, m.name) for m in roster] == [("learner-1", "Ana Pérez"), ("teacher-1", "Luis Gómez")]
    assert RosterMember.objects.count() == 2


def test_rotation_keeps_the_old_key_published_for_the_grace_period(client, registered, lti_platform, course):
    first = client.get("/lti/jwks/").json()["keys"]
    call_command("lti_rotate_key")
    keys = client.get("/lti/jwks/").json()["keys"]
    assert len(keys) == 2 and keys[1]["kid"] == first[0]["kid"] and keys[0]["kid"] != first[0]["kid"]
    # The new key signs.
    response = lti_platform.launch(client, sub="teacher-3", message_type="LtiDeepLinkingRequest", **INSTRUCTOR)
    answer = client.post("/lti/deep-link/", {"launch_id": response.context["launch_id"], "item": f"course:{course.pk}"})
    assert jwt.get_unverified_header(answer.context["jwt"])["kid"] == keys[0]["kid"]
    # After the grace period the old key leaves the JWKS.
    ToolKey.objects.filter(retired_at__isnull=False).update(retired_at=timezone.now() - timedelta(days=15))
    assert [k["kid"] for k in client.get("/lti/jwks/").json()["keys"]] == [keys[0]["kid"]]


def test_private_keys_are_stored_encrypted(db, client):
    client.get("/lti/jwks/")
    key = ToolKey.objects.get()
    assert "PRIVATE KEY" not in key.private_encrypted and key.private_encrypted.startswith("gAAAA")


def test_dynamic_registration(client, db, lti_platform, course):
    response = client.get(registration_url(lti_platform))
    assert response.status_code == 200, response.content[:500]
    platform = Platform.objects.get(issuer=lti_platform.issuer)
    assert platform.client_id == lti_platform.client_id and platform.client_id.startswith("dyn-")
    assert (
        platform.key_set_url == f"{lti_platform.base}/jwks" and platform.auth_login_url == f"{lti_platform.base}/auth"
    )
    assert list(platform.deployments.values_list("deployment_id", flat=True)) == [lti_platform.deployment_id]
    assert not platform.active and platform.registered_dynamically
    [sent] = lti_platform.registrations
    assert sent["jwks_uri"] == "http://testserver/lti/jwks/"
    assert sent["initiate_login_uri"] == "http://testserver/lti/login/"
    assert sent["token_endpoint_auth_method"] == "private_key_jwt"
    # Inactive until the secretariat activates it.
    refused = client.get(
        "/lti/login/", {"iss": lti_platform.issuer, "login_hint": "x", "client_id": platform.client_id}
    )
    assert refused.status_code == 400
    Platform.objects.filter(pk=platform.pk).update(active=True)
    assert lti_platform.launch(client, sub="learner-1", **custom(course_id=course.pk)).status_code == 200


def test_dynamic_registration_with_a_wrong_token_creates_nothing(client, db, lti_platform):
    response = client.get(registration_url(lti_platform, token="wrong"))
    assert response.status_code == 400
    assert b"refused the registration" in response.content
    assert not Platform.objects.exists()


def test_admin_is_for_the_secretariat(client, db, lti_platform):
    from accounts.services import secretariat_group_ensure

    secretariat_group_ensure()
    mx = state("MX")
    sign_in_with_mfa(client, editor(mx))
    assert client.get("/admin/snippets/lti/platform/").status_code in (302, 403)
    client.logout()
    sign_in_with_mfa(client, secretariat())
    assert client.get("/admin/snippets/lti/platform/").status_code == 200
    data = {
        **lti_platform.platform_fields(),
        "auth_audience": "",
        "active": "on",
        "deployments-TOTAL_FORMS": "1",
        "deployments-INITIAL_FORMS": "0",
        "deployments-MIN_NUM_FORMS": "1",
        "deployments-MAX_NUM_FORMS": "1000",
        "deployments-0-deployment_id": "deployment-1",
        "deployments-0-ORDER": "1",
        "deployments-0-id": "",
        "deployments-0-DELETE": "",
    }
    response = client.post("/admin/snippets/lti/platform/add/", data)
    assert response.status_code == 302, response.content[-2000:]
    platform = Platform.objects.get()
    assert list(platform.deployments.values_list("deployment_id", flat=True)) == ["deployment-1"]


def test_admin_needs_the_mfa_step(client, db):
    client.force_login(secretariat())
    assert client.get("/admin/snippets/lti/platform/").status_code == 302


def test_a_platform_that_refuses_the_token_does_not_fail_the_learner(
    client, registered, lti_platform, course, django_capture_on_commit_callbacks, caplog
):
    lesson = course.lessons[0]
    lti_platform.launch(client, sub="learner-11", **custom(lesson_id=lesson.pk))
    lti_platform.tool_jwks = {"keys": []}  # the platform does not know the tool's key
    user = Account.objects.get(sub="learner-11").user
    with django_capture_on_commit_callbacks(execute=True):
        progress = lesson_mark_done(user=user, lesson=lesson)
    assert progress.completed_at is not None
    assert lti_platform.scores == [] and lti_platform.refused
    assert any("score for user" in r.getMessage() for r in caplog.records if r.name == "lti")
    assert LearnerLink.objects.get(account__user=user).last_sent == {}


def test_admin_listing_costs_the_same_for_more_platforms(client, db, lti_platform):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.services import secretariat_group_ensure
    from lti.models import Deployment

    secretariat_group_ensure()
    sign_in_with_mfa(client, secretariat())
    lti_platform.register_by_hand()
    client.get("/admin/snippets/lti/platform/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/admin/snippets/lti/platform/").status_code == 200
    for n in range(5):
        platform = Platform.objects.create(**{**lti_platform.platform_fields(), "client_id": f"more-{n}"})
        Deployment.objects.create(platform=platform, deployment_id="d")
    with CaptureQueriesContext(connection) as six:
        assert client.get("/admin/snippets/lti/platform/").status_code == 200
    assert len(six) <= len(one)
