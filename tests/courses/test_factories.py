import pytest

from courses import api
from tests.accounts.factories import official
from tests.courses.factories import (
    CoursePageFactory,
    CourseRunFactory,
    EnrolmentFactory,
    LessonPageFactory,
    quiz_with_questions,
)

pytestmark = pytest.mark.django_db


def test_course_takes_its_state_from_the_state_page(site_frame):
    course = CoursePageFactory()
    assert course.live
    assert course.state_id == course.get_parent().specific.state_id
    assert course.language == "en"


def test_lesson_with_quiz_and_enrolment_opens_lessons(site_frame):
    course = CoursePageFactory()
    quiz = quiz_with_questions()
    lesson = LessonPageFactory(parent=course, quiz=quiz)
    learner = official(course.state)
    assert not api.lesson_can_view(learner, lesson.pk)
    EnrolmentFactory(course=course, user=learner)
    assert api.lesson_can_view(learner, lesson.pk)
    assert lesson.required_activities()["quizzes"] == [(quiz.pk, True)]


def test_cohort_run_factory(site_frame):
    run = CourseRunFactory()
    assert run.course.pacing == "cohort"
    assert run.window_open()
