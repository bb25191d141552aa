"""The platform's own statements (``xapi.api.record_*``): built and validated at once, stored after
commit with the learner's account as actor, in the order of the events; the ADL video profile."""

import logging
import uuid

import pytest
from django.db import transaction

from tests.accounts.factories import UserFactory
from xapi import api as xapi_api
from xapi import records
from xapi.models import Statement
from xapi.validation import validate_statement

pytestmark = pytest.mark.django_db

VIDEO = "https://w3id.org/xapi/video/extensions/"


def _video():
    return xapi_api.Activity(kind="video", key="3f2b", name="Cadena de custodia", language="es")


def _lesson():
    return xapi_api.Activity(kind="lesson", key="9a1c", name="Lección 1", language="es")


def test_a_video_session_follows_the_adl_video_profile(django_capture_on_commit_callbacks):
    learner, session = UserFactory(), uuid.uuid4()
    common = {"user": learner, "video": _video(), "session_id": session, "length": 120.0, "parents": [_lesson()]}
    with django_capture_on_commit_callbacks(execute=True):
        xapi_api.record_video(verb="initialized", completion_threshold=0.9, **common)
        xapi_api.record_video(verb="played", time=0, **common)
        xapi_api.record_video(verb="seeked", time_from=10, time_to=60.5, **common)
        xapi_api.record_video(verb="paused", time=75, progress=0.5, played_segments=[(0, 10), (60.5, 75)], **common)
        xapi_api.record_video(
            verb="completed", time=120, progress=1, played_segments=[(0, 120)], duration_seconds=130.25, **common
        )
        xapi_api.record_video(verb="terminated", time=120, progress=1, played_segments=[(0, 120)], **common)
    stored = [row.data for row in Statement.objects.order_by("stored", "pk")]
    assert [s["verb"]["id"] for s in stored] == [
        "http://adlnet.gov/expapi/verbs/initialized",
        "https://w3id.org/xapi/video/verbs/played",
        "https://w3id.org/xapi/video/verbs/seeked",
        "https://w3id.org/xapi/video/verbs/paused",
        "http://adlnet.gov/expapi/verbs/completed",
        "http://adlnet.gov/expapi/verbs/terminated",
    ]
    for data in stored:
        validate_statement(dict(data))
        assert data["object"]["definition"]["type"] == "https://w3id.org/xapi/video/activity-type/video"
        assert data["context"]["contextActivities"]["category"] == [
            {"objectType": "Activity", "id": "https://w3id.org/xapi/video"}
        ]
        assert data["context"]["extensions"][VIDEO + "session-id"] == str(session)
        assert data["actor"] == xapi_api.actor_for_user(learner)
    initialized, played, seeked, paused, completed, _terminated = stored
    assert initialized["context"]["extensions"][VIDEO + "length"] == 120.0
    assert initialized["context"]["extensions"][VIDEO + "completion-threshold"] == 0.9
    assert played["result"]["extensions"] == {VIDEO + "time": 0.0}
    assert seeked["result"]["extensions"] == {VIDEO + "time-from": 10.0, VIDEO + "time-to": 60.5}
    assert paused["result"]["extensions"][VIDEO + "played-segments"] == "0.0[.]10.0[,]60.5[.]75.0"
    assert completed["result"]["completion"] is True and completed["result"]["duration"] == "PT2M10.25S"


@pytest.mark.parametrize(
    ("verb", "given"),
    [("played", {}), ("paused", {"time": 3}), ("seeked", {"time_from": 1}), ("completed", {"time": 1, "progress": 1})],
)
def test_a_video_statement_missing_what_its_verb_needs_is_refused(verb, given):
    with pytest.raises(ValueError, match="needs"):
        xapi_api.record_video(user=UserFactory(), verb=verb, video=_video(), session_id="s", length=10, **given)
    assert not Statement.objects.exists()


def test_an_unknown_video_verb_is_refused():
    with pytest.raises(ValueError):
        xapi_api.record_video(user=UserFactory(), verb="liked", video=_video(), session_id="s", length=10)


def test_an_invalid_record_fails_where_it_is_made():
    bad = xapi_api.Activity(kind="lesson", key="x", name="Lesson", language="not a language tag")
    with pytest.raises(xapi_api.StatementInvalid):
        xapi_api.record_lesson_launched(user=UserFactory(), lesson=bad, course=_lesson())


def test_nothing_is_stored_before_commit_or_after_a_rollback(django_capture_on_commit_callbacks):
    learner = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        xapi_api.record_lesson_launched(user=learner, lesson=_lesson(), course=_lesson())
    assert len(callbacks) == 1 and not Statement.objects.exists()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        xapi_api.record_lesson_launched(user=learner, lesson=_lesson(), course=_lesson())
        raise RuntimeError
    assert callbacks == [] and not Statement.objects.exists()


def test_a_record_that_cannot_be_stored_is_logged_and_does_not_undo_the_event(
    django_capture_on_commit_callbacks, caplog
):
    learner = UserFactory()
    statement = records.build(user=learner, verb="launched", activity=_lesson())
    xapi_api.statement_store(statement=dict(statement, timestamp="2020-01-01T00:00:00Z"), user=learner)
    with caplog.at_level(logging.ERROR, logger="xapi.records"), django_capture_on_commit_callbacks(execute=True):
        records.emit(user=learner, statements=[statement])  # the same id with other content: a conflict
    assert "Could not store" in caplog.text
    assert Statement.objects.count() == 1


def test_durations_and_ids():
    assert xapi_api.duration(0) == "PT0S"
    assert xapi_api.duration(59.999) == "PT1M"
    assert xapi_api.duration(3725.5) == "PT1H2M5.5S"
    assert xapi_api.registration_for("enrolment", 7) == xapi_api.registration_for("enrolment", 7)
    assert xapi_api.registration_for("enrolment", 7) != xapi_api.registration_for("enrolment", 8)
    assert xapi_api.object_iri("course", "abc").endswith("/xapi/objects/course/abc")
