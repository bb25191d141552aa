"""A lesson video's file, captions, poster and progress are reached only through the lesson: a
stranger, another course's learner or an id swapped in the URL get a 404 that reveals nothing."""

import pytest
from django.urls import reverse

from courses.models import VideoProgress
from tests.accounts.factories import official, state
from tests.courses.factories import (
    CoursePageFactory,
    EnrolmentFactory,
    LessonPageFactory,
    video_body,
    video_with_captions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_courses(site_frame):
    mx = state("MX")
    video, other_video = video_with_captions(), video_with_captions(languages=("en",))
    lesson = LessonPageFactory(parent=CoursePageFactory(state=mx), body=video_body(video))
    other = LessonPageFactory(parent=CoursePageFactory(state=mx), body=video_body(other_video))
    learner = official(mx)
    EnrolmentFactory(course=other.get_parent().specific, user=learner)
    return {"lesson": lesson, "video": video, "other": other, "other_video": other_video, "learner": learner}


NAMES = ["video_file", "video_poster", "video_captions"]


def _urls(lesson, video):
    return [
        reverse("courses:video_file", args=[lesson.pk, video.pk]),
        reverse("courses:video_poster", args=[lesson.pk, video.pk]),
        reverse("courses:video_captions", args=[lesson.pk, video.pk, "en"]),
    ]


def test_visitors_are_sent_to_log_in(client, two_courses):
    for url in _urls(two_courses["lesson"], two_courses["video"]):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_learner_of_another_course_gets_404(client, two_courses):
    client.force_login(two_courses["learner"])
    for url in _urls(two_courses["lesson"], two_courses["video"]):
        assert client.get(url).status_code == 404
    progress = reverse("courses:video_progress", args=[two_courses["lesson"].pk, two_courses["video"].pk])
    assert client.post(progress, {"watched": "6"}).status_code == 404
    assert not VideoProgress.objects.exists()


def test_a_video_of_another_lesson_cannot_be_read_through_my_lesson(client, two_courses):
    """The learner may open ``other``; swapping in the id of a video it does not show is a 404."""
    client.force_login(two_courses["learner"])
    for url in _urls(two_courses["other"], two_courses["video"]):
        assert client.get(url).status_code == 404
    for url in _urls(two_courses["other"], two_courses["other_video"])[:2]:
        assert client.get(url).status_code == 200
    progress = reverse("courses:video_progress", args=[two_courses["other"].pk, two_courses["video"].pk])
    assert client.post(progress, {"watched": "6"}).status_code == 404
