"""Demo courses (``courses.demo_content``) with lessons, quizzes and runs, a course catalogue page in
each language, and the demo officers at different stages: enrolled, halfway, completed with a
certificate, on a waiting list, waiting for approval. Safe to run again: what exists is skipped.

The H5P activity of the demo belongs to the h5p demo: it adds an ``h5p`` block to the lesson that
``h5p_demo_lesson()`` returns (the "Practice check" of "Chain of Custody Fundamentals")."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale

from accounts.api import Agency, MemberState
from home.api import HomePage, state_pages_ensure

from . import services
from .demo_content import COURSES
from .models import CourseIndexPage, CoursePage, CourseRun, Enrolment, LessonPage, Pacing, Question, Quiz

H5P_COURSE_SLUG = "chain-of-custody-fundamentals"
H5P_LESSON_SLUG = "practice-check"

CATALOGUE_TITLES = {"en": "Courses", "es": "Cursos", "pt": "Cursos", "fr": "Cours"}
CATALOGUE_INTROS = {
    "en": "Distance courses offered by the member states, in every language.",
    "es": "Cursos a distancia ofrecidos por los Estados miembros, en todos los idiomas.",
    "pt": "Cursos a distância oferecidos pelos Estados membros, em todos os idiomas.",
    "fr": "Cours à distance proposés par les États membres, dans toutes les langues.",
}
RUN_TITLES = {
    "en": ("Cohort {n}", "Self-paced"),
    "es": ("Cohorte {n}", "A su ritmo"),
    "pt": ("Turma {n}", "No seu ritmo"),
    "fr": ("Session {n}", "À votre rythme"),
}

# (e-mail, [(course key, stage)]); stages: enrolled, halfway, completed, waitlisted, pending.
STAGES = [
    ("officer.br@pf.br.example", [("deescalation-en", "enrolled")]),  # takes the last seat first
    (
        "officer.mx@guardia-nacional.mx.example",
        [
            ("escena-es", "completed"),
            ("ddhh-es", "halfway"),
            ("ciberdelito-es", "enrolled"),
            ("deescalation-en", "waitlisted"),
            ("penitenciario-es", "pending"),
        ],
    ),
    (
        "officer.br@pf.br.example",
        [("cadeia-pt", "completed"), ("policiamento-pt", "halfway"), ("custody-en", "enrolled")],
    ),
    ("officer.ht@pnh.ht.example", [("proximite-fr", "completed"), ("genre-fr", "halfway"), ("prison-fr", "enrolled")]),
    ("instructor.co@policia.co.example", [("gbv-en", "completed"), ("victimas-es", "halfway")]),
]


def h5p_demo_lesson() -> LessonPage | None:
    """The demo lesson that keeps a place for the H5P activity (the h5p demo adds the block)."""
    return LessonPage.objects.filter(slug=H5P_LESSON_SLUG, url_path__contains=f"/{H5P_COURSE_SLUG}/").first()


def load(*, stdout) -> None:
    _catalogue_pages(stdout)
    courses = {}
    for spec in COURSES:
        with transaction.atomic():
            courses[spec[0]] = _course(spec)
    stdout.write(f"  {len(courses)} courses with lessons, quizzes and runs")
    _learners(courses, stdout)


def _catalogue_pages(stdout) -> None:
    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    if not homes:
        return
    english = CourseIndexPage.objects.filter(locale__language_code="en").first()
    if english is None and "en" in homes:
        english = CourseIndexPage(title=CATALOGUE_TITLES["en"], slug="courses", intro=CATALOGUE_INTROS["en"])
        homes["en"].add_child(instance=english)
        english.save_revision().publish()
    for code, home in homes.items():
        if code == "en" or english is None:
            continue
        if english.get_translation_or_none(home.locale) is None:
            copy = english.copy_for_translation(home.locale)
            copy.title, copy.intro = CATALOGUE_TITLES.get(code, copy.title), CATALOGUE_INTROS.get(code, copy.intro)
            copy.save_revision().publish()


def _rich(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _course(spec) -> CoursePage:
    (key, code, language, title, summary, discipline, level, hours, pacing, policy, audience, intended_for,
     outcomes, lessons, quiz_spec) = spec  # fmt: skip
    state = MemberState.objects.get(code=code)
    parent = state_pages_ensure(state=state)[language]
    slug = slugify(title)[:80]
    course = CoursePage.objects.filter(external_id=f"demo:{key}").first()
    if course is not None:
        return course
    course = CoursePage(
        title=title,
        slug=slug,
        locale=Locale.objects.get(language_code=language),
        state=state,
        agency=Agency.objects.filter(state=state).order_by("pk").first(),
        summary=summary,
        body=f"<p>{escape(summary)}</p>",
        outcomes=outcomes,
        intended_for=intended_for,
        discipline=discipline,
        level=level,
        estimated_hours=hours,
        pacing=pacing,
        enrolment_policy=policy,
        audience=audience,
        external_id=f"demo:{key}",
    )
    parent.add_child(instance=course)
    course.save_revision().publish()
    quiz = _quiz(quiz_spec)
    quiz_lesson = 1 if key == "custody-en" else len(lessons) - 1
    for index, (lesson_title, intro, minutes, paragraphs) in enumerate(lessons):
        body = [{"type": "text", "value": _rich(paragraphs)}]
        if index == quiz_lesson:
            body.append({"type": "quiz", "value": {"quiz": quiz.pk, "required": True}})
        lesson = LessonPage(
            title=lesson_title,
            slug=slugify(lesson_title)[:80] or f"lesson-{index + 1}",
            intro=intro,
            estimated_minutes=minutes,
            required=not (key == "custody-en" and index == 2),  # the practice check is optional
            body=body,
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    if pacing == Pacing.COHORT:
        _runs(course, language)
    return course


def _quiz(spec) -> Quiz:
    title, pass_mark, questions = spec
    quiz = Quiz.objects.filter(title=title).first()
    if quiz is not None:
        return quiz
    quiz = Quiz.objects.create(title=title, pass_mark=pass_mark, shuffle=True, max_attempts=3, show_feedback=True)
    for order, (kind, prompt, choices, answer, tolerance, feedback) in enumerate(questions):
        question = Question(
            quiz=quiz,
            sort_order=order,
            kind=kind,
            prompt=prompt,
            choices=choices,
            answer=answer,
            tolerance=tolerance,
            feedback=feedback,
        )
        question.full_clean()
        question.save()
    return quiz


def _runs(course: CoursePage, language: str) -> None:
    if CourseRun.objects.filter(course=course).exists():
        return
    now, today = timezone.now(), timezone.localdate()
    label = RUN_TITLES.get(language, RUN_TITLES["en"])[0]
    CourseRun.objects.create(
        course=course,
        title=label.format(n=1),
        enrol_opens=now - timezone.timedelta(days=10),
        enrol_closes=now + timezone.timedelta(days=20),
        starts=today + timezone.timedelta(days=21),
        ends=today + timezone.timedelta(days=70),
        capacity=1 if course.external_id == "demo:deescalation-en" else 25,
    )
    CourseRun.objects.create(
        course=course,
        title=label.format(n=2),
        enrol_opens=now + timezone.timedelta(days=60),
        enrol_closes=now + timezone.timedelta(days=90),
        starts=today + timezone.timedelta(days=100),
        ends=today + timezone.timedelta(days=150),
        capacity=30,
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
        services.lesson_mark_done(user=user, lesson=lesson)


def _learners(courses: dict, stdout) -> None:
    User = get_user_model()
    for email, plan in STAGES:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        for key, stage in plan:
            course = courses.get(key)
            if course is None or Enrolment.objects.filter(user=user, course=course).exists():
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
