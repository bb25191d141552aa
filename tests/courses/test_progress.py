"""Lessons, quizzes and H5P results: progress, attempts, the completion rule and its certificate."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Notification
from courses import api, selectors, services
from courses.demo import right_answers
from courses.models import ActivityResult, Certificate, Enrolment, LessonProgress, QuizAttempt
from tests.accounts.factories import official, state
from tests.courses.factories import (
    CoursePageFactory,
    EnrolmentFactory,
    LessonPageFactory,
    quiz_with_questions,
)

pytestmark = pytest.mark.django_db


class FakeContent:
    """Stands for an h5p.H5PContent: lesson bodies keep only its id."""

    def __init__(self, pk):
        self.pk, self.title = pk, "Activity"


@pytest.fixture
def setup(site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx, estimated_hours=4)
    quiz = quiz_with_questions(pass_mark=80)
    lessons = [
        LessonPageFactory(parent=course),
        LessonPageFactory(parent=course, quiz=quiz),
        LessonPageFactory(parent=course, h5p_content=FakeContent(901), pass_mark=60),
        LessonPageFactory(parent=course, required=False),
    ]
    learner = official(mx)
    enrolment = EnrolmentFactory(course=course, user=learner)
    return {"course": course, "quiz": quiz, "lessons": lessons, "learner": learner, "enrolment": enrolment}


def _pass_quiz(user, lesson, quiz):
    attempt = services.quiz_attempt_start(user=user, lesson=lesson, quiz=quiz)
    return services.quiz_attempt_submit(user=user, attempt=attempt, answers=right_answers(quiz))


def test_completion_rule_needs_required_lessons_quizzes_and_h5p(setup, django_capture_on_commit_callbacks):
    learner, lessons, quiz = setup["learner"], setup["lessons"], setup["quiz"]
    services.lesson_mark_done(user=learner, lesson=lessons[0])
    # Marking a lesson with a required quiz as read does not complete it.
    progress = services.lesson_mark_done(user=learner, lesson=lessons[1])
    assert progress.completed_at is None
    _pass_quiz(learner, lessons[1], quiz)
    assert LessonProgress.objects.get(user=learner, lesson=lessons[1]).completed_at is not None
    enrolment = Enrolment.objects.get(pk=setup["enrolment"].pk)
    progress = selectors.course_progress_of(user=learner, course=setup["course"])
    assert (enrolment.status, progress.done_count, progress.total) == ("active", 2, 3)
    # A score below the block's pass mark (60%) does not complete the H5P lesson.
    api.lesson_activity_record(
        user=learner, lesson_id=lessons[2].pk, content_id=901, score_scaled=0.5, success=True, completed=True
    )
    assert Enrolment.objects.get(pk=enrolment.pk).status == "active"
    with django_capture_on_commit_callbacks(execute=True):
        api.lesson_activity_record(
            user=learner, lesson_id=lessons[2].pk, content_id=901, score_scaled=0.6, success=None, completed=True
        )
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"  # the optional lesson is not needed
    assert selectors.course_progress_of(user=learner, course=setup["course"]).rule_holds
    certificate = Certificate.objects.get(user=learner)
    assert certificate.hours == 4 and certificate.pdf.name.endswith(".pdf")
    kinds = set(Notification.objects.filter(user=learner).values_list("kind", flat=True))
    assert {"courses.completed", "courses.certificate"} <= kinds
    assert any(certificate.code in message.body for message in mail.outbox)


def test_activity_record_keeps_the_best_result_and_is_idempotent(setup):
    learner, lesson = setup["learner"], setup["lessons"][2]
    for score in (0.9, 0.2, 0.9):
        api.lesson_activity_record(
            user=learner, lesson_id=lesson.pk, content_id=901, score_scaled=score, success=False, completed=True
        )
    result = ActivityResult.objects.get(user=learner, lesson=lesson)
    assert (result.score_scaled, result.satisfied, ActivityResult.objects.count()) == (0.9, True, 1)


def test_activity_record_refuses_strangers_and_unknown_content(setup, site_frame):
    lesson = setup["lessons"][2]
    with pytest.raises(PermissionDenied):
        api.lesson_activity_record(
            user=official(state("BR")),
            lesson_id=lesson.pk,
            content_id=901,
            score_scaled=1,
            success=True,
            completed=True,
        )
    with pytest.raises(ValidationError):
        api.lesson_activity_record(
            user=setup["learner"], lesson_id=lesson.pk, content_id=902, score_scaled=1, success=True, completed=True
        )
    with pytest.raises(ValidationError):
        api.lesson_activity_record(
            user=setup["learner"], lesson_id=lesson.pk, content_id=901, score_scaled=3, success=True, completed=True
        )


def test_h5p_without_pass_mark_counts_success_or_completion(setup):
    course, learner = setup["course"], setup["learner"]
    lesson = LessonPageFactory(parent=course, h5p_content=FakeContent(77))
    api.lesson_activity_record(
        user=learner, lesson_id=lesson.pk, content_id=77, score_scaled=None, success=False, completed=True
    )
    assert not ActivityResult.objects.get(content_id=77).satisfied
    api.lesson_activity_record(
        user=learner, lesson_id=lesson.pk, content_id=77, score_scaled=None, success=True, completed=True
    )
    assert ActivityResult.objects.get(content_id=77).satisfied
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is not None


def test_every_attempt_is_kept_and_the_limit_holds(setup):
    learner, lesson, quiz = setup["learner"], setup["lessons"][1], setup["quiz"]
    quiz.max_attempts = 2
    quiz.save()
    first = services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz)
    assert services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz) == first  # resumes the open one
    first = services.quiz_attempt_submit(user=learner, attempt=first, answers={})
    assert (first.score, first.passed) == (0.0, False)
    with pytest.raises(ValidationError):
        services.quiz_attempt_submit(user=learner, attempt=first, answers={})
    second = services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz)
    answers = right_answers(quiz)
    answers.pop(next(iter(answers)))  # one question wrong: 80% exactly
    second = services.quiz_attempt_submit(user=learner, attempt=second, answers=answers)
    assert (second.number, second.score, second.passed) == (2, 80.0, True)
    with pytest.raises(ValidationError):
        services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz)
    assert QuizAttempt.objects.filter(user=learner).count() == 2


def test_time_limit_is_enforced_on_the_server(setup):
    learner, lesson, quiz = setup["learner"], setup["lessons"][1], setup["quiz"]
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt = services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz)
    assert attempt.deadline is not None
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - datetime.timedelta(minutes=2))
    attempt = services.quiz_attempt_submit(user=learner, attempt=attempt, answers=right_answers(quiz))
    assert (attempt.late, attempt.passed, attempt.score) == (True, False, 0.0)


def test_shuffle_keeps_every_question_and_choice(setup):
    learner, lesson, quiz = setup["learner"], setup["lessons"][1], setup["quiz"]
    quiz.shuffle = True
    quiz.save()
    attempt = services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz)
    assert sorted(entry["q"] for entry in attempt.layout) == sorted(quiz.questions.values_list("pk", flat=True))
    for entry in attempt.layout:
        question = quiz.questions.get(pk=entry["q"])
        assert sorted(entry["choices"]) == [index for index, _t, _ok in question.choice_list]


def test_someone_elses_attempt_cannot_be_submitted(setup):
    learner, lesson, quiz = setup["learner"], setup["lessons"][1], setup["quiz"]
    attempt = services.quiz_attempt_start(user=learner, lesson=lesson, quiz=quiz)
    other = official(setup["course"].state)
    with pytest.raises(PermissionDenied):
        services.quiz_attempt_submit(user=other, attempt=attempt, answers={})


def test_lessons_are_closed_to_those_not_enrolled(setup):
    lesson = setup["lessons"][0]
    outsider = official(setup["course"].state)
    assert not api.lesson_can_view(outsider, lesson.pk)
    with pytest.raises(PermissionDenied):
        services.lesson_visit(user=outsider, lesson=lesson)
    assert api.lesson_can_view(setup["learner"], lesson.pk)
    Enrolment.objects.filter(pk=setup["enrolment"].pk).update(status="withdrawn")
    assert not api.lesson_can_view(setup["learner"], lesson.pk)
