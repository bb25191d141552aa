"""Factories for courses: course pages under a state's page, lessons (optionally with an H5P
activity or a quiz), quizzes with questions, runs and enrolments.

    course = CoursePageFactory()                                   # under a new state's English page
    lesson = LessonPageFactory(parent=course, h5p_content=content, pass_mark=80)
    enrolment = EnrolmentFactory(course=course, user=official(course.state))
"""

from __future__ import annotations

import factory
import wagtail_factories
from django.utils import timezone

from courses.models import (
    CoursePage,
    CourseRun,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    Pacing,
    Question,
    QuestionKind,
    Quiz,
)
from tests.accounts.factories import MemberStateFactory, UserFactory


def state_page_for(state, language: str = "en"):
    """The state's MemberStatePage in one language (made, with its translations, when missing)."""
    from home.api import state_pages_ensure

    return state_pages_ensure(state=state)[language]


class CoursePageFactory(wagtail_factories.PageFactory):
    """A published course. Pass ``parent`` (a MemberStatePage) or ``state`` (its English page is used)."""

    class Meta:
        model = CoursePage

    class Params:
        state = factory.SubFactory(MemberStateFactory)
        language = "en"

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    parent = factory.LazyAttribute(lambda o: state_page_for(o.state, o.language))
    summary = "What the course covers."
    discipline = "police"
    level = "basic"
    scope = "national"
    delivery = "online"
    estimated_hours = 6
    pacing = Pacing.SELF_PACED
    enrolment_policy = "open"
    audience = "public"
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.setdefault("state", kwargs["parent"].specific.state)
        page = super()._create(model_class, *args, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 70


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizFactory)
    kind = QuestionKind.SINGLE
    prompt = factory.Sequence(lambda n: f"Question {n}?")
    choices = "*Right\nWrong\nAlso wrong"
    answer = ""
    sort_order = factory.Sequence(lambda n: n)


def quiz_with_questions(**kwargs) -> Quiz:
    """A quiz with one question of each kind (answers: 0, [0, 2], "true", "Miranda", 3.14 ± 0.01)."""
    quiz = QuizFactory(**kwargs)
    QuestionFactory(quiz=quiz, kind=QuestionKind.SINGLE, prompt="Pick the right one", choices="*Right\nWrong")
    QuestionFactory(quiz=quiz, kind=QuestionKind.MULTIPLE, prompt="Pick both", choices="*A\nB\n*C")
    QuestionFactory(quiz=quiz, kind=QuestionKind.TRUE_FALSE, prompt="True?", choices="", answer="true")
    QuestionFactory(quiz=quiz, kind=QuestionKind.SHORT, prompt="Name it", choices="", answer="Miranda|Miranda warning")
    QuestionFactory(quiz=quiz, kind=QuestionKind.NUMERIC, prompt="Pi?", choices="", answer="3.14", tolerance="0.01")
    return quiz


class LessonPageFactory(wagtail_factories.PageFactory):
    """A published lesson of ``parent`` (a CoursePage). Extra content:
    ``h5p_content`` (an h5p.H5PContent) adds an H5P block (``pass_mark``, ``h5p_required``);
    ``quiz`` (a courses.Quiz) adds a quiz block (``quiz_required``);
    ``scorm_package`` (a scorm.ScormPackage) adds a SCORM block (``pass_mark``, ``scorm_required``)."""

    class Meta:
        model = LessonPage

    class Params:
        scorm_package = None
        scorm_required = True
        h5p_content = None
        pass_mark = None
        h5p_required = True
        quiz = None
        quiz_required = True

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    parent = factory.SubFactory(CoursePageFactory)
    intro = "What this lesson is about."
    estimated_minutes = 15
    required = True
    live = True
    body = factory.LazyAttribute(
        lambda o: lesson_body(
            h5p_content=o.h5p_content,
            pass_mark=o.pass_mark,
            h5p_required=o.h5p_required,
            quiz=o.quiz,
            quiz_required=o.quiz_required,
            scorm_package=o.scorm_package,
            scorm_required=o.scorm_required,
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def lesson_body(
    *,
    h5p_content=None,
    pass_mark=None,
    h5p_required=True,
    quiz=None,
    quiz_required=True,
    scorm_package=None,
    scorm_required=True,
) -> list:
    """Raw StreamField data for a lesson."""
    body = [{"type": "text", "value": "<p>Read this carefully.</p>"}]
    if h5p_content is not None:
        body.append(
            {
                "type": "h5p",
                "value": {
                    "content": h5p_content.pk,
                    "title": getattr(h5p_content, "title", ""),
                    "pass_mark": pass_mark,
                    "required": h5p_required,
                },
            }
        )
    if quiz is not None:
        body.append({"type": "quiz", "value": {"quiz": quiz.pk, "required": quiz_required}})
    if scorm_package is not None:
        body.append(
            {
                "type": "scorm",
                "value": {"package": scorm_package.pk, "title": "", "pass_mark": pass_mark, "required": scorm_required},
            }
        )
    return body


class CourseRunFactory(factory.django.DjangoModelFactory):
    """A cohort run, open for enrolment now, starting in a week, for a month."""

    class Meta:
        model = CourseRun

    course = factory.SubFactory(CoursePageFactory, pacing=Pacing.COHORT)
    title = factory.Sequence(lambda n: f"Cohort {n}")
    enrol_opens = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
    enrol_closes = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=6))
    starts = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=7))
    ends = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=37))
    capacity = 20


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An active enrolment written directly (tests of the enrolment rules use courses.services)."""

    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CoursePageFactory)
    run = factory.LazyAttribute(lambda o: _run_for(o.course))
    status = EnrolmentStatus.ACTIVE
    activated_at = factory.LazyFunction(timezone.now)


def _run_for(course):
    from courses.services import self_paced_run

    if course.pacing == Pacing.SELF_PACED:
        return self_paced_run(course=course)
    return course.runs.first() or CourseRunFactory(course=course)


def video_with_captions(*, seconds: int = 6, languages=("en", "es"), state=None, title: str = "Sealing a bag"):
    """A checked Video with a WebM made now (nothing committed), a poster and captions per language."""
    from courses.demo import video_from_spec

    cues = [["00:00.000", "00:02.000", "First step."], ["00:02.000", "00:04.000", "Second step."]]
    return video_from_spec(
        {
            "video": {"title": title, "seconds": seconds, "label": "Test"},
            "captions": {code: {"cues": cues, "transcript": f"Transcript in {code}."} for code in languages},
        },
        state=state,
    )


def video_body(video, *, required=True, watch_percent=80) -> list:
    return [
        {"type": "text", "value": "<p>Watch this.</p>"},
        {
            "type": "video",
            "value": {
                "title": video.title,
                "video": video.pk,
                "embed_url": "",
                "required": required,
                "watch_percent": watch_percent,
            },
        },
    ]
