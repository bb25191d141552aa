"""The learner's and the manager's pages: status codes, POST-only changes, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.demo import right_answers
from courses.models import Enrolment, LessonProgress, QuizAttempt
from tests.accounts.factories import AgencyFactory, manager, official, state
from tests.courses.factories import (
    CoursePageFactory,
    CourseRunFactory,
    EnrolmentFactory,
    LessonPageFactory,
    quiz_with_questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mx(site_frame):
    return state("MX")


def _my_learning_queries(client, user) -> tuple[int, bytes]:
    client.force_login(user)
    url = reverse("courses:my_learning")
    client.get(url)  # warm the site-root cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content


def test_my_learning_query_count_does_not_grow_with_enrolments(client, mx):
    one, many = official(mx), official(mx)
    courses = [CoursePageFactory(state=mx) for _i in range(4)]
    for course in courses:
        LessonPageFactory(parent=course)
        LessonPageFactory(parent=course)
    EnrolmentFactory(user=one, course=courses[0])
    for course in courses:
        EnrolmentFactory(user=many, course=course)
    services.lesson_mark_done(user=many, lesson=courses[1].get_children().first().specific)
    count_one, _html = _my_learning_queries(client, one)
    count_many, html = _my_learning_queries(client, many)
    assert count_one == count_many
    assert html.count(b'role="progressbar"') == 4
    assert b'aria-valuenow="50"' in html  # one of two lessons done


def test_my_learning_needs_login(client):
    response = client.get(reverse("courses:my_learning"))
    assert response.status_code == 302


def test_course_page_shows_the_facts_and_enrol_is_post_only(client, mx):
    course = CoursePageFactory(state=mx, title="Evidence basics", estimated_hours=6)
    LessonPageFactory(parent=course, title="First lesson")
    learner = official(mx)
    client.force_login(learner)
    page = client.get(course.url)
    assert page.status_code == 200
    assert b"Evidence basics" in page.content and b"First lesson" in page.content
    assert len(page.content) < 300_000
    url = reverse("courses:enrol", args=[course.pk])
    assert client.get(url).status_code == 405
    assert not Enrolment.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert Enrolment.objects.get(user=learner).status == "active"
    again = client.post(url)
    assert again.status_code == 409
    assert b"Already enrolled" in again.content


def test_course_page_query_count_does_not_grow_with_lessons(client, mx):
    learner = official(mx)
    small, big = CoursePageFactory(state=mx), CoursePageFactory(state=mx)
    LessonPageFactory(parent=small)
    for _i in range(6):
        LessonPageFactory(parent=big)
    EnrolmentFactory(user=learner, course=small)
    EnrolmentFactory(user=learner, course=big)
    client.force_login(learner)
    counts = []
    for course in (small, big):
        client.get(course.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(course.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_hidden_course_cannot_be_enrolled_into(client, mx):
    course = CoursePageFactory(state=mx, audience="state")
    client.force_login(official(state("BR")))
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 404


def test_full_cohort_puts_the_next_one_on_the_waiting_list(client, mx):
    run = CourseRunFactory(course=CoursePageFactory(state=mx, pacing="cohort"), capacity=1)
    first, second = official(mx), official(mx)
    for person in (first, second):
        client.force_login(person)
        assert client.post(reverse("courses:enrol", args=[run.course.pk]), {"run": run.pk}).status_code == 302
    assert Enrolment.objects.get(user=second).status == "waitlisted"


def test_lesson_page_is_closed_until_enrolled_then_progress_is_saved_by_post(client, mx):
    course = CoursePageFactory(state=mx)
    lesson = LessonPageFactory(parent=course, title="Only for the enrolled")
    learner = official(mx)
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 403
    EnrolmentFactory(user=learner, course=course)
    response = client.get(lesson.url)
    assert response.status_code == 200 and b"Only for the enrolled" in response.content
    assert not LessonProgress.objects.exists()  # a GET writes nothing
    progress_url = reverse("courses:lesson_progress", args=[lesson.pk])
    assert client.post(progress_url, {"action": "visit"}, HTTP_ACCEPT="application/json").json() == {"ok": True}
    assert Enrolment.objects.get(user=learner).last_lesson_id == lesson.pk
    assert client.post(progress_url, {"action": "jump"}).status_code == 400
    response = client.post(progress_url, {"action": "done"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"ok": True, "completed": True}


def test_anonymous_readers_are_sent_to_log_in_for_lessons(client, mx):
    lesson = LessonPageFactory(parent=CoursePageFactory(state=mx))
    response = client.get(lesson.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_quiz_through_the_pages(client, mx):
    course = CoursePageFactory(state=mx)
    quiz = quiz_with_questions()
    lesson = LessonPageFactory(parent=course, quiz=quiz)
    learner = official(mx)
    EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    assert b"Start the quiz" in client.get(lesson.url).content
    response = client.post(reverse("courses:quiz_start", args=[lesson.pk, quiz.pk]))
    attempt = QuizAttempt.objects.get(user=learner)
    assert response["Location"] == reverse("courses:attempt", args=[attempt.pk])
    form = client.get(response["Location"])
    assert form.status_code == 200 and b"Pick both" in form.content
    data = {}
    for key, value in right_answers(quiz).items():
        data[f"q{key}"] = value
    data[f"multi{quiz.questions.get(kind='multiple').pk}"] = "1"
    client.post(response["Location"], data)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100.0, True)
    result = client.get(response["Location"])
    assert b"Correct" in result.content
    # Someone else's attempt is not found.
    client.force_login(official(mx))
    assert client.get(response["Location"]).status_code == 404


def test_manager_page_csv_report_lists_each_refused_line(client, mx):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    staff = official(agency=agency)
    course = CoursePageFactory(state=mx)
    client.force_login(boss)
    assert client.get(reverse("courses:manage")).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("staff.csv", f"email\n{staff.email}\nwrong\n".encode(), content_type="text/csv")
    response = client.post(reverse("courses:manage_enrol_csv"), {"csv-course": course.pk, "csv-file": upload})
    assert response.status_code == 200
    assert b"Not an e-mail address." in response.content
    assert b"<td>3</td>" in response.content
    assert Enrolment.objects.get(user=staff).enrolled_by == boss


def test_manager_page_is_forbidden_to_officers(client, mx):
    client.force_login(official(mx))
    assert client.get(reverse("courses:manage")).status_code == 403


def test_manager_approves_through_the_page(client, mx):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    learner = official(agency=agency)
    enrolment = services.enrolment_create(user=learner, course=CoursePageFactory(state=mx, enrolment_policy="approval"))
    client.force_login(boss)
    assert learner.email.encode() in client.get(reverse("courses:manage")).content
    url = reverse("courses:manage_decide", args=[enrolment.pk])
    assert client.post(url, {"decision": "reject", "reason": ""}).status_code == 400
    assert client.post(url, {"decision": "approve"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    assert client.post(url, {"decision": "approve"}).status_code == 409


def test_manager_enrols_one_staff_member_through_the_page(client, mx):
    agency = AgencyFactory(state=mx)
    boss = manager(agency)
    staff, stranger = official(agency=agency), official(agency=AgencyFactory(state=mx))
    course = CoursePageFactory(state=mx)
    client.force_login(boss)
    url = reverse("courses:manage_enrol")
    assert client.post(url, {"one-course": course.pk, "one-email": "nobody@example.org"}).status_code == 400
    assert client.post(url, {"one-course": course.pk, "one-email": stranger.email}).status_code == 403
    assert client.post(url, {"one-course": course.pk, "one-email": staff.email}).status_code == 302
    assert Enrolment.objects.get(user=staff).enrolled_by == boss
    assert not Enrolment.objects.filter(user=stranger).exists()
