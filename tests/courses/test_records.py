"""Courses' learning events become statements in the platform's own store, after commit, each valid
by the validator every POSTed statement goes through, with the learner's account as actor."""

import pytest
from django.conf import settings

from courses import api, services
from courses.demo import right_answers
from courses.models import Certificate
from tests.accounts.factories import AgencyFactory, coordinator, manager, official, state
from tests.courses.factories import CoursePageFactory, LessonPageFactory, quiz_with_questions
from xapi.models import Statement
from xapi.validation import validate_statement

pytestmark = pytest.mark.django_db

V = "http://adlnet.gov/expapi/verbs/"


class FakeContent:
    def __init__(self, pk):
        self.pk, self.title = pk, "Activity"


def _stored(user=None):
    rows = Statement.objects.order_by("stored", "pk")
    if user is not None:
        rows = rows.filter(user=user)
    return [row.data for row in rows]


def _valid(data: dict) -> dict:
    # What the LRS adds (stored, authority, version) is valid too: the whole stored statement passes.
    validate_statement(dict(data))
    return data


@pytest.fixture
def journey(site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx, title="Escena del crimen", estimated_hours=4)
    quiz = quiz_with_questions(pass_mark=80)
    lessons = [
        LessonPageFactory(parent=course, title="Introducción"),
        LessonPageFactory(parent=course, quiz=quiz),
        LessonPageFactory(parent=course, h5p_content=FakeContent(901), pass_mark=60),
    ]
    return {"state": mx, "course": course, "quiz": quiz, "lessons": lessons, "learner": official(mx)}


def test_a_learners_whole_course_is_recorded_in_order(journey, django_capture_on_commit_callbacks):
    learner, course, quiz, lessons = journey["learner"], journey["course"], journey["quiz"], journey["lessons"]
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_launch(user=learner, lesson=lessons[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_mark_done(user=learner, lesson=lessons[0])
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.quiz_attempt_start(user=learner, lesson=lessons[1], quiz=quiz)
        services.quiz_attempt_submit(user=learner, attempt=attempt, answers={})
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.quiz_attempt_start(user=learner, lesson=lessons[1], quiz=quiz)
        services.quiz_attempt_submit(user=learner, attempt=attempt, answers=right_answers(quiz))
    with django_capture_on_commit_callbacks(execute=True):
        api.lesson_activity_record(
            user=learner, lesson_id=lessons[2].pk, content_id=901, score_scaled=0.9, success=True, completed=True
        )
    certificate = Certificate.objects.get(user=learner)
    boss = coordinator(journey["state"])
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(revoker=boss, certificate=certificate, reason="Awarded by mistake.")

    mine = _stored(learner)
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in mine]
    questions = quiz.questions.count()
    assert verbs == (
        ["registered", "launched", "completed"]
        + ["attempted"]
        + ["answered"] * questions
        + ["failed"]
        + ["attempted"]
        + ["answered"] * questions
        + ["passed", "completed"]
        + ["completed", "completed", "earned"]
    ), verbs
    actor = {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_BASE_URL.rstrip("/") + "/", "name": str(learner.pk)},
    }
    registration = str(api_registration(enrolment.pk))
    site = settings.SITE_BASE_URL.rstrip("/")
    for statement in mine:
        _valid(statement)
        assert statement["actor"] == actor
        assert statement["authority"]["account"]["name"] == "lrs"  # the platform vouches for them
        assert statement["context"]["registration"] == registration
        assert statement["object"]["id"].startswith(site + "/xapi/objects/")
    course_iri = f"{site}/xapi/objects/course/{course.translation_key}"
    assert mine[0]["object"]["id"] == course_iri
    assert mine[1]["object"]["id"] == f"{site}/xapi/objects/lesson/{lessons[0].translation_key}"
    assert mine[1]["context"]["contextActivities"]["parent"][0]["id"] == course_iri
    failed, passed = mine[4 + questions], mine[6 + 2 * questions]
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 100.0, "min": 0, "max": 100}
    assert passed["result"]["duration"].startswith("PT")
    answered = mine[3 + questions + 3]
    assert answered["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert answered["result"]["success"] is True
    assert mine[-2]["object"]["id"] == course_iri and mine[-2]["result"]["completion"] is True
    assert mine[-1]["object"]["id"] == f"{site}/xapi/objects/certificate/{certificate.code}"

    # The revocation is the coordinator's statement, pointing at the learner's earned statement.
    (revoked,) = _stored(boss)
    _valid(revoked)
    assert revoked["verb"]["id"] == "http://activitystrea.ms/schema/1.0/retract"
    assert revoked["object"]["id"] == mine[-1]["object"]["id"]
    assert revoked["context"]["statement"] == {"objectType": "StatementRef", "id": mine[-1]["id"]}


def api_registration(enrolment_pk):
    from xapi.api import registration_for

    return registration_for("enrolment", enrolment_pk)


def test_events_happen_once_and_are_stored_once(journey, django_capture_on_commit_callbacks):
    learner, course = journey["learner"], journey["course"]
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(user=learner, course=course)
    from courses.services import records

    with django_capture_on_commit_callbacks(execute=True):
        records.registered(enrolment)  # the same event again: the same statement id
    assert Statement.objects.filter(user=learner).count() == 1


def test_nothing_is_recorded_when_the_event_rolls_back(journey, django_capture_on_commit_callbacks):
    from django.db import transaction

    learner, course = journey["learner"], journey["course"]
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.enrolment_create(user=learner, course=course)
        raise RuntimeError
    assert callbacks == [] and not Statement.objects.exists()


def test_registration_waits_for_the_seat(journey, django_capture_on_commit_callbacks):
    """An enrolment waiting for approval is not a registration; the approval is."""
    agency = AgencyFactory(state=journey["state"])
    boss = manager(agency)
    learner = official(agency=agency)
    course = CoursePageFactory(state=journey["state"], enrolment_policy="approval")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_create(user=learner, course=course)
    assert not Statement.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decide(decider=boss, enrolment=enrolment, approve=True)
    (registered,) = _stored(learner)
    assert registered["verb"]["id"] == V + "registered"
    assert registered["context"]["registration"] == str(api_registration(enrolment.pk))
    assert registered["object"]["id"].endswith(f"/xapi/objects/course/{course.translation_key}")
