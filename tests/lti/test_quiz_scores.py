"""Quiz results go to the platform's gradebook: each quiz of a launched lesson in a column of its own
under the link, passed or failed with its percentage, beside the lesson's completion; sent again
only when a new attempt changes them. Against the test platform of tests/lti."""

from courses import services
from courses.demo import right_answers
from lti.models import Account, LearnerLink
from tests.courses.factories import CoursePageFactory, LessonPageFactory, quiz_with_questions
from tests.lti.conftest import custom


def _submit(user, lesson, quiz, answers):
    attempt = services.quiz_attempt_start(user=user, lesson=lesson, quiz=quiz)
    return services.quiz_attempt_submit(user=user, attempt=attempt, answers=answers)


def test_each_quiz_attempt_is_sent_with_its_score_and_result(
    client, registered, lti_platform, site_frame, django_capture_on_commit_callbacks
):
    from tests.accounts.factories import state

    course = CoursePageFactory(state=state("MX"), title="Custody")
    quiz = quiz_with_questions(title="Sealing check")
    lesson = LessonPageFactory(parent=course, title="Sealing", quiz=quiz)
    assert lti_platform.launch(client, sub="learner-q", **custom(lesson_id=lesson.pk)).status_code == 200
    lti_platform.tool_jwks = client.get("/lti/jwks/").json()
    user = Account.objects.get(sub="learner-q").user

    with django_capture_on_commit_callbacks(execute=True):
        _submit(user, lesson, quiz, {})
    assert lti_platform.refused == []
    quiz_scores = [s for s in lti_platform.scores if "Failed" in s.get("comment", "")]
    [failed] = quiz_scores
    assert failed["userId"] == "learner-q" and failed["scoreGiven"] == 0 and failed["scoreMaximum"] == 100
    assert failed["comment"] == "Failed, attempt 1"
    columns = {item["tag"]: item for item in lti_platform.lineitems.values()}
    column = columns[f"capacitas-quiz-{quiz.pk}-link-1"]
    assert column["resourceLinkId"] == "link-1" and column["label"] == "Sealing check"
    assert failed["lineitem"] == column["id"]
    lesson_scores = [s for s in lti_platform.scores if "comment" not in s]
    assert [(s["scoreGiven"], s["activityProgress"]) for s in lesson_scores] == [(0, "InProgress")]

    with django_capture_on_commit_callbacks(execute=True):
        _submit(user, lesson, quiz, right_answers(quiz))
    passed = lti_platform.scores[-2:]
    assert {s.get("comment") for s in passed} == {"Passed, attempt 2", None}
    assert {(s["scoreGiven"], s["lineitem"]) for s in passed if s.get("comment")} == {(100, column["id"])}
    # The quiz's column is found again by its tag, not made twice; the lesson is now complete.
    assert len(lti_platform.lineitems) == 2
    assert [s["activityProgress"] for s in passed if "comment" not in s] == ["Completed"]

    # Nothing changed: nothing is sent.
    count = len(lti_platform.scores)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_evaluate(user=user, lesson=lesson)
    assert len(lti_platform.scores) == count
    assert LearnerLink.objects.get(account__user=user).last_sent["quizzes"][str(quiz.pk)]["passed"] is True
