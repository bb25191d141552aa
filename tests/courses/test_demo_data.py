"""The demo data files of courses are plain data whose every reference resolves by key."""

from django.conf import settings
from django.utils.text import slugify

from accounts.demo import ACCOUNTS
from accounts.member_states import MEMBER_STATES
from courses.demo import H5P_COURSE_SLUG, H5P_LESSON_SLUG, data
from courses.models import CoursePage, EnrolmentPolicy, Pacing, Question

LANGUAGES = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
STAGES = {"enrolled", "halfway", "completed", "waitlisted", "pending"}


def choices(field_name):
    return {value for value, _label in CoursePage._meta.get_field(field_name).choices}


def test_every_course_has_a_unique_key_and_valid_values():
    courses = data("courses")
    keys = [course["key"] for course in courses]
    assert len(keys) == len(set(keys))
    states = {row[0] for row in MEMBER_STATES}
    kinds = {value for value, _label in Question._meta.get_field("kind").choices}
    for course in courses:
        assert course["state"] in states, course["key"]
        assert course["language"] in LANGUAGES, course["key"]
        assert course["discipline"] in choices("discipline"), course["key"]
        assert course["level"] in choices("level"), course["key"]
        assert course["pacing"] in {Pacing.SELF_PACED, Pacing.COHORT}, course["key"]
        assert course["enrolment_policy"] in set(EnrolmentPolicy.values), course["key"]
        assert course["audience"] in choices("audience"), course["key"]
        assert sum(lesson["quiz"] for lesson in course["lessons"]) == 1, course["key"]
        assert {question["kind"] for question in course["quiz"]["questions"]} <= kinds, course["key"]
        assert bool(course.get("runs")) == (course["pacing"] == Pacing.COHORT), course["key"]


def test_every_learner_refers_to_a_demo_account_and_a_course_by_key():
    emails = {row[0] for row in ACCOUNTS}
    keys = {course["key"] for course in data("courses")}
    for learner in data("learners"):
        assert learner["user"] in emails, learner
        assert learner["course"] in keys, learner
        assert learner["stage"] in STAGES, learner


def test_the_catalogue_has_every_language_and_the_h5p_lesson_exists():
    assert set(data("catalogue")) == LANGUAGES
    lessons = {
        slugify(lesson["title"])
        for course in data("courses")
        if slugify(course["title"]) == H5P_COURSE_SLUG
        for lesson in course["lessons"]
    }
    assert H5P_LESSON_SLUG in lessons
