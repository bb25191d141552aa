"""The completion rule a learner sees: optional lessons never count, what is left is named, and
"My learning" and the course page point to the same next lesson."""

import pytest
from django.urls import reverse

from courses import selectors, services
from courses.completion import course_progress
from courses.models import Certificate, Enrolment
from tests.accounts.factories import official, state
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, LessonPageFactory, quiz_with_questions
from tests.courses.test_progress import FakeContent, _pass_quiz

pytestmark = pytest.mark.django_db


class _Lesson:
    def __init__(self, pk, required=True):
        self.pk, self.required = pk, required


def test_progress_counts_required_lessons_only():
    lessons = [_Lesson(1), _Lesson(2, required=False), _Lesson(3)]
    progress = course_progress(lessons=lessons, done={1, 2})
    assert (progress.done_count, progress.total, progress.percent) == (1, 2, 50)
    assert [lesson.pk for lesson in progress.left] == [3]
    assert progress.next_lesson.pk == 3 and not progress.rule_holds
    assert course_progress(lessons=lessons, done={1, 3}).rule_holds  # the optional lesson is not needed
    assert not course_progress(lessons=[_Lesson(1, required=False)], done={1}).rule_holds


def test_next_lesson_is_the_unfinished_lesson_the_learner_was_on():
    lessons = [_Lesson(1), _Lesson(2, required=False), _Lesson(3)]
    assert course_progress(lessons=lessons, done={1}, last_lesson_id=2).next_lesson.pk == 2
    assert course_progress(lessons=lessons, done={1, 2}, last_lesson_id=2).next_lesson.pk == 3
    assert course_progress(lessons=lessons, done={1, 3}, last_lesson_id=3).next_lesson is None


@pytest.fixture
def chain_of_custody(site_frame):
    """Two required lessons (the second with a quiz) and an optional lesson with a required H5P activity."""
    mx = state("MX")
    course = CoursePageFactory(state=mx, title="Chain of custody")
    quiz = quiz_with_questions(pass_mark=80)
    lessons = [
        LessonPageFactory(parent=course, title="Evidence"),
        LessonPageFactory(parent=course, title="Sealing", quiz=quiz),
        LessonPageFactory(parent=course, title="Practice", required=False, h5p_content=FakeContent(55)),
    ]
    learner = official(mx)
    EnrolmentFactory(course=course, user=learner)
    return {"course": course, "quiz": quiz, "lessons": lessons, "learner": learner}


def test_an_optional_lesson_with_a_required_activity_does_not_block_the_certificate(
    chain_of_custody, django_capture_on_commit_callbacks
):
    learner, lessons = chain_of_custody["learner"], chain_of_custody["lessons"]
    services.lesson_visit(user=learner, lesson=lessons[2])  # opened the optional lesson, never finished it
    services.lesson_mark_done(user=learner, lesson=lessons[0])
    services.lesson_mark_done(user=learner, lesson=lessons[1])
    with django_capture_on_commit_callbacks(execute=True):
        _pass_quiz(learner, lessons[1], chain_of_custody["quiz"])
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.status == "completed"
    assert Certificate.objects.filter(user=learner, course=chain_of_custody["course"]).exists()


def test_course_page_names_what_is_left_and_my_learning_agrees(client, chain_of_custody):
    learner, lessons, course = chain_of_custody["learner"], chain_of_custody["lessons"], chain_of_custody["course"]
    services.lesson_mark_done(user=learner, lesson=lessons[0])
    services.lesson_visit(user=learner, lesson=lessons[0])
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    left = html[html.index("Before your certificate") :]
    assert "Sealing" in left[: left.index("</ul>")] and "Practice" not in left[: left.index("</ul>")]
    assert "50% done: 1 of 2 required lessons" in html
    page = client.get(reverse("courses:my_learning")).content.decode()
    assert "1 of 2 required lessons" in page
    assert "Next: Sealing" in " ".join(page.split())
    button = page[page.index('class="button"') - 200 : page.index('class="button"') + 200]
    assert lessons[1].url in button and "Resume" in page


def test_a_lesson_published_later_changes_the_progress_at_once(client, chain_of_custody):
    learner, lessons, course = chain_of_custody["learner"], chain_of_custody["lessons"], chain_of_custody["course"]
    services.lesson_mark_done(user=learner, lesson=lessons[0])
    assert selectors.course_progress_of(user=learner, course=course).percent == 50
    LessonPageFactory(parent=course, title="Court")
    progress = selectors.course_progress_of(user=learner, course=course)
    assert (progress.done_count, progress.total, progress.percent) == (1, 3, 33)
    client.force_login(learner)
    assert "1 of 3 required lessons" in client.get(reverse("courses:my_learning")).content.decode()
