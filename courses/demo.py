"""Demo courses with lessons, quizzes and runs, a course catalogue page in each language, and the
demo officers at different stages: enrolled, halfway, completed with a certificate, on a waiting
list, waiting for approval. Safe to run again: what exists is skipped.

The content is data under ``courses/demo/``: ``courses.json`` (each course by its ``key``, with its
lessons, its quiz and, for cohort courses, its runs in days from the day of loading),
``catalogue.json`` (the catalogue page per language) and ``learners.json`` (who is at which stage of
which course, in order: the first enrolment takes the last seat of a run).

The H5P activity of the demo belongs to the h5p demo: its ``h5p/demo/placements.json`` adds an
``h5p`` block to the "Practice check" lesson of "Chain of Custody Fundamentals" (the two slugs below)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale

from accounts.api import active_user_by_email, first_agency_of, member_state_for_code
from home.api import home_pages, state_pages_ensure

from . import services
from .models import (
    CourseIndexPage,
    CoursePage,
    CourseRun,
    Enrolment,
    LessonPage,
    Question,
    Quiz,
    Video,
    VideoCaptions,
)

DATA = Path(__file__).resolve().parent / "demo"

H5P_COURSE_SLUG = "chain-of-custody-fundamentals"
H5P_LESSON_SLUG = "practice-check"


def data(name: str):
    """One of the demo data files, parsed (trusted files of the repository)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def load(*, stdout) -> None:
    _catalogue_pages(data("catalogue"))
    courses = {}
    for spec in data("courses"):
        with transaction.atomic():
            courses[spec["key"]] = _course(spec)
    stdout.write(f"  {len(courses)} courses with lessons, quizzes and runs")
    with transaction.atomic():
        if _video_lesson(data("video")):
            stdout.write("  a video lesson with captions in English and Spanish (video made now, not stored in git)")
    _learners(courses, data("learners"), stdout)


def _catalogue_pages(catalogue: dict) -> None:
    homes = home_pages()
    if not homes:
        return
    english = CourseIndexPage.objects.filter(locale__language_code="en").first()
    if english is None and "en" in homes:
        english = CourseIndexPage(title=catalogue["en"]["title"], slug="courses", intro=catalogue["en"]["intro"])
        homes["en"].add_child(instance=english)
        english.save_revision().publish()
    for code, home in homes.items():
        if code == "en" or english is None:
            continue
        if english.get_translation_or_none(home.locale) is None:
            copy = english.copy_for_translation(home.locale)
            texts = catalogue.get(code, {})
            copy.title, copy.intro = texts.get("title", copy.title), texts.get("intro", copy.intro)
            copy.save_revision().publish()


def _rich(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _course(spec: dict) -> CoursePage:
    key = spec["key"]
    course = CoursePage.objects.filter(external_id=f"demo:{key}").first()
    if course is not None:
        return course
    state = member_state_for_code(spec["state"])
    parent = state_pages_ensure(state=state)[spec["language"]]
    course = CoursePage(
        title=spec["title"],
        slug=slugify(spec["title"])[:80],
        locale=Locale.objects.get(language_code=spec["language"]),
        state=state,
        agency=first_agency_of(state),
        summary=spec["summary"],
        body=f"<p>{escape(spec['summary'])}</p>",
        outcomes="\n".join(spec["outcomes"]),
        intended_for=spec["intended_for"],
        discipline=spec["discipline"],
        level=spec["level"],
        estimated_hours=spec["estimated_hours"],
        pacing=spec["pacing"],
        enrolment_policy=spec["enrolment_policy"],
        audience=spec["audience"],
        external_id=f"demo:{key}",
    )
    parent.add_child(instance=course)
    course.save_revision().publish()
    quiz = _quiz(spec["quiz"])
    for number, lesson_spec in enumerate(spec["lessons"], start=1):
        body = [{"type": "text", "value": _rich(lesson_spec["paragraphs"])}]
        if lesson_spec["quiz"]:
            body.append({"type": "quiz", "value": {"quiz": quiz.pk, "required": True}})
        lesson = LessonPage(
            title=lesson_spec["title"],
            slug=slugify(lesson_spec["title"])[:80] or f"lesson-{number}",
            intro=lesson_spec["intro"],
            estimated_minutes=lesson_spec["minutes"],
            required=lesson_spec["required"],
            body=body,
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    _runs(course, spec.get("runs", []))
    return course


def webvtt(cues: list[list[str]]) -> str:
    return "WEBVTT\n\n" + "\n\n".join(f"{start} --> {end}\n{text}" for start, end, text in cues) + "\n"


def video_from_spec(spec: dict, *, state=None) -> Video:
    """A Video with a WebM made now (courses.media), a poster and captions, checked like an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .media import poster_png, tiny_webm

    info = spec["video"]
    video = Video(
        title=info["title"],
        file=SimpleUploadedFile("demo.webm", tiny_webm(seconds=info["seconds"], label=info["label"]), "video/webm"),
        poster=SimpleUploadedFile("demo.png", poster_png(label=info["label"]), "image/png"),
        state=state,
    )
    for language, captions in spec["captions"].items():
        video.captions.add(
            VideoCaptions(
                language=language,
                file=SimpleUploadedFile(f"{language}.vtt", webvtt(captions["cues"]).encode(), "text/vtt"),
                transcript=captions["transcript"],
            )
        )
    video.full_clean()
    for captions in video.captions.all():
        captions.full_clean(exclude=["video"])
    video.save()
    return video


def _video_lesson(spec: dict) -> LessonPage | None:
    """The demo's video lesson in "Chain of Custody Fundamentals", before its practice check."""
    course = CoursePage.objects.filter(slug=spec["course"]).first()
    if course is None or LessonPage.objects.child_of(course).filter(slug=spec["lesson"]["slug"]).exists():
        return None
    video = video_from_spec(spec, state=course.state)
    info = spec["lesson"]
    lesson = LessonPage(
        title=info["title"],
        slug=info["slug"],
        intro=info["intro"],
        estimated_minutes=info["minutes"],
        required=True,
        body=[
            {"type": "text", "value": _rich(info["paragraphs"])},
            {
                "type": "video",
                "value": {
                    "title": spec["video"]["title"],
                    "video": video.pk,
                    "embed_url": "",
                    "required": True,
                    "watch_percent": info["watch_percent"],
                },
            },
        ],
    )
    before = LessonPage.objects.child_of(course).filter(slug=spec["before"]).first()
    if before is not None:
        before.add_sibling(pos="left", instance=lesson)
    else:
        course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def _quiz(spec: dict) -> Quiz:
    quiz = Quiz.objects.filter(title=spec["title"]).first()
    if quiz is not None:
        return quiz
    quiz = Quiz.objects.create(
        title=spec["title"], pass_mark=spec["pass_mark"], shuffle=True, max_attempts=3, show_feedback=True
    )
    for order, question_spec in enumerate(spec["questions"]):
        question = Question(
            quiz=quiz,
            sort_order=order,
            kind=question_spec["kind"],
            prompt=question_spec["prompt"],
            choices="\n".join(question_spec["choices"]),
            answer=question_spec["answer"],
            tolerance=question_spec["tolerance"],
            feedback=question_spec["feedback"],
        )
        question.full_clean()
        question.save()
    return quiz


def _runs(course: CoursePage, runs: list[dict]) -> None:
    """The runs of a cohort course, with their dates counted in days from today."""
    if not runs or CourseRun.objects.filter(course=course).exists():
        return
    now, today = timezone.now(), timezone.localdate()
    for run in runs:
        CourseRun.objects.create(
            course=course,
            title=run["title"],
            enrol_opens=now + timezone.timedelta(days=run["enrol_opens_days"]),
            enrol_closes=now + timezone.timedelta(days=run["enrol_closes_days"]),
            starts=today + timezone.timedelta(days=run["starts_days"]),
            ends=today + timezone.timedelta(days=run["ends_days"]),
            capacity=run["capacity"],
        )


def right_answers(quiz: Quiz) -> dict:
    """The answers that pass every question of a quiz (for the demo and for tests)."""
    answers = {}
    for question in quiz.questions.all():
        if question.kind == "single":
            answers[str(question.pk)] = next(str(i) for i, _t, ok in question.choice_list if ok)
        elif question.kind == "multiple":
            answers[str(question.pk)] = [str(i) for i, _t, ok in question.choice_list if ok]
        elif question.kind == "short":
            answers[str(question.pk)] = question.answer.split("|")[0]
        else:
            answers[str(question.pk)] = question.answer
    return answers


def _work_through(user, course: CoursePage, lessons_to_do: int | None) -> None:
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    for lesson in lessons[: lessons_to_do if lessons_to_do is not None else len(lessons)]:
        for quiz_id, _required in lesson.required_activities()["quizzes"]:
            quiz = Quiz.objects.get(pk=quiz_id)
            attempt = services.quiz_attempt_start(user=user, lesson=lesson, quiz=quiz)
            services.quiz_attempt_submit(user=user, attempt=attempt, answers=right_answers(quiz))
        for video_id, _percent, _required in lesson.required_activities()["videos"]:
            video = Video.objects.get(pk=video_id)
            services.lesson_video_record(user=user, lesson=lesson, video=video, watched_seconds=video.duration_seconds)
        services.lesson_mark_done(user=user, lesson=lesson)


def _learners(courses: dict, learners: list[dict], stdout) -> None:
    for learner in learners:
        email, key, stage = learner["user"], learner["course"], learner["stage"]
        user = active_user_by_email(email)
        course = courses.get(key)
        if user is None or course is None or Enrolment.objects.filter(user=user, course=course).exists():
            continue
        run = course.runs.filter(self_paced=False).order_by("starts").first()
        try:
            with transaction.atomic():
                enrolment = services.enrolment_create(user=user, course=course, run=run)
                if stage == "halfway":
                    _work_through(user, course, 1)
                elif stage == "completed":
                    _work_through(user, course, None)
        except Exception as error:  # a demo account without the right tier: say so and go on
            stdout.write(f"  could not enrol {email} in {key}: {error}")
            continue
        if stage == "completed":
            enrolment.refresh_from_db()
            services.certificate_issue(enrolment_id=enrolment.pk)
        stdout.write(f"  {email:40} {stage:10} {course.title}")
