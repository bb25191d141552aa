"""Reads for courses. Each selector runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime
import decimal
import functools
import operator
import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import get_language
from wagtail.models import Page

from accounts import access as accounts_access
from accounts.api import Role, profile_of, users_with_role

from . import access
from .completion import CourseProgress, course_progress
from .models import (
    LIVE_STATUSES,
    SEAT_STATUSES,
    ActivityResult,
    Certificate,
    CoursePage,
    CourseRun,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    Pacing,
    Quiz,
    QuizAttempt,
    Video,
    VideoProgress,
    lesson_requirements,
)

LESSON_LIST_FIELDS = (
    "id",
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "required",
    "estimated_minutes",
    "live",
)


def visible_courses(user):
    return CoursePage.objects.live().filter(accounts_access.visible_q(user, state_field="state"))


def course_catalogue(*, user, locale=None, limit: int = 200) -> list[CoursePage]:
    """Courses the user may see, one per translation group, in the reader's language where it exists."""
    language = (get_language() or "en")[:2]
    courses = list(visible_courses(user).select_related("state", "locale", "agency").order_by("title")[: limit * 4])
    groups: dict = {}
    for course in courses:
        current = groups.get(course.translation_key)
        if current is None or (course.locale.language_code == language and current.locale.language_code != language):
            groups[course.translation_key] = course
    return sorted(groups.values(), key=lambda c: c.title.lower())[:limit]


def lessons_of(course: CoursePage):
    return LessonPage.objects.child_of(course).live().only(*LESSON_LIST_FIELDS).order_by("path")


@dataclass
class RunView:
    run: CourseRun
    seats_taken: int
    waiting: int

    @property
    def seats_left(self) -> int | None:
        if self.run.capacity is None:
            return None
        return max(0, self.run.capacity - self.seats_taken)

    @property
    def open_now(self) -> bool:
        return self.run.window_open() and not (self.run.ends and self.run.ends < timezone.localdate())


def runs_of(course: CoursePage) -> list[RunView]:
    runs = (
        CourseRun.objects.filter(course=course, self_paced=False)
        .annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)),
            waiting=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED)),
        )
        .order_by("starts", "pk")
    )
    return [RunView(run=run, seats_taken=run.seats_taken, waiting=run.waiting) for run in runs]


def run_of(course: CoursePage, run_id: int) -> CourseRun | None:
    """The run (cohort) of this course with this id, or None: a run id from a form is never trusted
    to belong to the course."""
    return CourseRun.objects.filter(pk=run_id, course=course).first()


def enrolment_of(user, course: CoursePage) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(user=user, course=course, status__in=LIVE_STATUSES).select_related("run").first()


def course_provider(course: CoursePage) -> dict:
    """The provider state (from the cache) or the agency with its state (one query)."""
    from accounts.api import agency_by_id, member_state_shown

    if course.agency_id:
        agency = agency_by_id(course.agency_id)
        if agency is not None:
            return {"provider_state": agency.state, "provider_agency": agency}
    return {"provider_state": member_state_shown(course.state_id), "provider_agency": None}


def course_page_context(*, course: CoursePage, user) -> dict:
    lessons = list(lessons_of(course))
    enrolment = enrolment_of(user, course)
    done: set[int] = set()
    if enrolment is not None and enrolment.status in SEAT_STATUSES:
        done = set(
            LessonProgress.objects.filter(user=user, course=course, completed_at__isnull=False).values_list(
                "lesson_id", flat=True
            )
        )
    certificate = None
    if enrolment is not None and enrolment.status == EnrolmentStatus.COMPLETED:
        certificate = Certificate.objects.filter(user=user, course=course).only("code", "revoked_at").first()
    can_open = enrolment is not None and enrolment.status in SEAT_STATUSES
    if not can_open and getattr(user, "is_authenticated", False):
        can_open = access.can_author(user, course)
    progress = course_progress(
        lessons=lessons,
        done=done,
        last_lesson_id=enrolment.last_lesson_id if enrolment is not None else None,
        completed=enrolment is not None and enrolment.status == EnrolmentStatus.COMPLETED,
    )
    return {
        **course_provider(course),
        "lessons": lessons,
        "lessons_done": done,
        "total_minutes": sum(lesson.estimated_minutes for lesson in lessons),
        "runs": runs_of(course) if course.pacing == Pacing.COHORT else [],
        "enrolment": enrolment,
        "can_open_lessons": can_open,
        "certificate": certificate,
        "progress": progress,
        "next_lesson": progress.next_lesson if can_open else None,
    }


@dataclass
class QuizView:
    quiz: Quiz
    required: bool
    attempts: list[QuizAttempt] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def open_attempt(self) -> QuizAttempt | None:
        return next((a for a in self.attempts if a.submitted_at is None), None)

    @property
    def last_submitted(self) -> QuizAttempt | None:
        return next((a for a in self.attempts if a.submitted_at is not None), None)

    @property
    def attempts_left(self) -> int | None:
        if not self.quiz.max_attempts:
            return None
        return max(0, self.quiz.max_attempts - len(self.attempts))


def lesson_page_context(*, lesson: LessonPage, user) -> dict:
    course = CoursePage.objects.select_related("state").get(pk=lesson.get_parent().pk)
    siblings = list(lessons_of(course))
    index = next((i for i, item in enumerate(siblings) if item.pk == lesson.pk), 0)
    needs = lesson_requirements(lesson.body.raw_data)
    quiz_ids = [quiz_id for quiz_id, _r in needs["quizzes"]]
    progress = None
    quizzes: dict[int, QuizView] = {}
    h5p_done: set[int] = set()
    if getattr(user, "is_authenticated", False):
        progress = LessonProgress.objects.filter(user=user, lesson=lesson).first()
        attempts = list(QuizAttempt.objects.filter(user=user, lesson=lesson).order_by("-number"))
        by_quiz: dict[int, list] = {}
        for attempt in attempts:
            by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
        h5p_done = set(
            ActivityResult.objects.filter(user=user, lesson=lesson, kind="h5p", satisfied=True).values_list(
                "content_id", flat=True
            )
        )
    else:
        by_quiz = {}
    video_ids = [video_id for video_id, _p, _r in needs["videos"]]
    videos = {}
    watched: dict[int, VideoProgress] = {}
    if video_ids:
        videos = {v.pk: v for v in Video.objects.filter(pk__in=video_ids).prefetch_related("captions")}
        if getattr(user, "is_authenticated", False):
            watched = {
                p.video_id: p for p in VideoProgress.objects.filter(user=user, lesson=lesson, video_id__in=video_ids)
            }
    for quiz in Quiz.objects.filter(pk__in=quiz_ids).prefetch_related("questions"):
        required = any(r for q, r in needs["quizzes"] if q == quiz.pk)
        quizzes[quiz.pk] = QuizView(quiz=quiz, required=required, attempts=by_quiz.get(quiz.pk, []))
    return {
        "course": course,
        "lessons": siblings,
        "lesson_number": index + 1,
        "previous_lesson": siblings[index - 1] if index > 0 else None,
        "next_lesson": siblings[index + 1] if index + 1 < len(siblings) else None,
        "progress": progress,
        "quiz_views": quizzes,
        "h5p_done": h5p_done,
        "videos": videos,
        "videos_watched": watched,
        "enrolment": enrolment_of(user, course),
    }


@dataclass
class LearningItem:
    enrolment: Enrolment
    progress: CourseProgress
    next_lesson: LessonPage | None
    started: bool
    certificate: Certificate | None
    deadline: datetime.date | None


def my_learning(*, user) -> list[LearningItem]:
    """Every live enrolment with its progress, next lesson, deadline and certificate: four queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status__in=LIVE_STATUSES)
        .select_related("course", "course__state", "course__locale", "run")
        .order_by("status", "-last_activity_at", "-created_at")
    )
    if not enrolments:
        return []
    courses = {e.course_id: e.course for e in enrolments}
    by_course: dict[int, list[LessonPage]] = {pk: [] for pk in courses}
    paths = [c.path for c in courses.values()]
    depth = {c.depth + 1 for c in courses.values()}
    lesson_q = functools.reduce(operator.or_, (Q(path__startswith=p) for p in paths))
    lessons = LessonPage.objects.live().filter(lesson_q, depth__in=depth).only(*LESSON_LIST_FIELDS).order_by("path")
    path_to_course = {c.path: c.pk for c in courses.values()}
    for lesson in lessons:
        course_id = path_to_course.get(lesson.path[: -LessonPage.steplen])
        if course_id is not None:
            by_course[course_id].append(lesson)
    done = set(
        LessonProgress.objects.filter(user=user, course_id__in=list(courses), completed_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )
    certificates = {
        c.course_id: c
        for c in Certificate.objects.filter(user=user, course_id__in=list(courses)).only(
            "id", "code", "course_id", "revoked_at", "issued_at"
        )
    }
    items = []
    for enrolment in enrolments:
        progress = course_progress(
            lessons=by_course.get(enrolment.course_id, []),
            done=done,
            last_lesson_id=enrolment.last_lesson_id,
            completed=enrolment.status == EnrolmentStatus.COMPLETED,
        )
        items.append(
            LearningItem(
                enrolment=enrolment,
                progress=progress,
                next_lesson=progress.next_lesson if enrolment.status == EnrolmentStatus.ACTIVE else None,
                started=enrolment.last_lesson_id is not None,
                certificate=certificates.get(enrolment.course_id),
                deadline=enrolment.run.ends if not enrolment.run.self_paced else None,
            )
        )
    return items


def pending_for_manager(*, manager):
    return (
        Enrolment.objects.filter(enrolments_for_manager_q(manager), status=EnrolmentStatus.PENDING)
        .select_related("user", "user__profile", "course", "run")
        .order_by("created_at")
    )


def managed_courses(*, manager) -> list[CoursePage]:
    """Courses a manager may enrol staff in: those visible to the manager."""
    return list(visible_courses(manager).select_related("locale").order_by("title")[:500])


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.select_related("issuer_state").filter(code=(code or "").strip().upper()).first()


def agency_managers_of(user) -> list:
    """The training managers of the user's agency (none when the user has no agency)."""
    profile = profile_of(user.pk)
    if profile is None or profile.agency is None:
        return []
    return list(users_with_role(role=Role.AGENCY_MANAGER, agency=profile.agency))


def lesson_missing(*, user, lesson: LessonPage) -> dict[str, list[int]]:
    """The required quizzes, H5P activities, SCORM packages and videos of a lesson the learner has not yet done."""
    needs = lesson_requirements(lesson.body.raw_data)
    video_ids = [video_id for video_id, _percent, required in needs["videos"] if required]
    watched = (
        set(
            VideoProgress.objects.filter(user=user, lesson=lesson, video_id__in=video_ids, satisfied=True).values_list(
                "video_id", flat=True
            )
        )
        if video_ids
        else set()
    )
    quiz_ids = [quiz_id for quiz_id, required in needs["quizzes"] if required]
    content_ids = [content_id for content_id, _mark, required in needs["h5p"] if required]
    passed_quizzes = set(
        QuizAttempt.objects.filter(user=user, lesson=lesson, quiz_id__in=quiz_ids, passed=True).values_list(
            "quiz_id", flat=True
        )
    )
    package_ids = [package_id for package_id, _mark, required in needs["scorm"] if required]
    done = set(
        ActivityResult.objects.filter(
            Q(kind="h5p", content_id__in=content_ids) | Q(kind="scorm", content_id__in=package_ids),
            user=user,
            lesson=lesson,
            satisfied=True,
        ).values_list("kind", "content_id")
    )
    return {
        "quizzes": [q for q in quiz_ids if q not in passed_quizzes],
        "h5p": [c for c in content_ids if ("h5p", c) not in done],
        "scorm": [p for p in package_ids if ("scorm", p) not in done],
        "videos": [v for v in video_ids if v not in watched],
    }


def course_rule_holds(*, user, course: CoursePage) -> bool:
    """Every live required lesson done (``completion``); optional lessons never count."""
    return course_progress_of(user=user, course=course).rule_holds


def course_progress_of(*, user, course: CoursePage) -> CourseProgress:
    """The learner's progress in one course: two queries."""
    lessons = list(lessons_of(course))
    done = LessonProgress.objects.filter(
        user=user, lesson_id__in=[lesson.pk for lesson in lessons], completed_at__isnull=False
    ).values_list("lesson_id", flat=True)
    return course_progress(lessons=lessons, done=done)


def enrolments_for_manager_q(manager) -> Q:
    """Enrolments a manager can decide: those of staff of the agencies they manage (or coordinate)."""
    viewer = accounts_access.viewer_for(manager)
    if viewer.is_secretariat:
        return Q()
    return Q(user__profile__agency_id__in=list(viewer.manager_agencies)) | Q(
        user__profile__agency__state_id__in=list(viewer.coordinator_states)
    )


def live_lesson_blocks(lesson_id: int) -> list[dict] | None:
    """The raw blocks of a live lesson's body (type and value of each), or None when no live lesson
    has this id: what an embedded activity checks it is placed in."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    return None if lesson is None else list(lesson.body.raw_data)


def lesson_in_course(*, course_slug: str, lesson_slug: str) -> LessonPage | None:
    """The lesson with this slug in a course with this slug (in any language), or None."""
    return LessonPage.objects.filter(slug=lesson_slug, url_path__contains=f"/{course_slug}/").first()


@dataclass(frozen=True)
class CertificateFacts:
    """What another app (the badges issuer) may know of a certificate: no model, no query to run."""

    pk: int
    code: str
    user_id: int
    holder_email: str
    holder_name: str
    course_key: str
    course_title: str
    course_summary: str
    course_outcomes: str
    discipline: str
    language: str
    discipline_label: str
    topics: tuple[tuple[str, str], ...]
    hours: decimal.Decimal
    issuer_state: str
    issuer_agency: str
    issued_at: datetime.datetime
    revoked_at: datetime.datetime | None
    kind: str = "completion"


def certificate_facts(code: str) -> CertificateFacts | None:
    """The certificate with this public code, with its course and topics: two queries."""
    certificate = (
        Certificate.objects.select_related("course", "issuer_state", "user")
        .filter(code=(code or "").strip().upper()[:20])
        .first()
    )
    if certificate is None:
        return None
    course = certificate.course
    # Named in the holder's language, so that the signed credential is the same whoever asks for it.
    with translation.override(certificate.language):
        if course is not None:
            discipline_label = str(course.get_discipline_display())
            topics = tuple((topic.slug, str(topic.name)) for topic in course.topics.order_by("slug"))
        else:
            discipline_label, topics = "", ()
        issuer_state = str(certificate.issuer_state.name)
    if course is None:
        # An attendance certificate: the activity is known by its reference only.
        course_key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"capacitas:{certificate.activity_ref}"))
        summary, outcomes, discipline = "", "", ""
    else:
        course_key, summary, outcomes = str(course.translation_key), course.summary, course.outcomes
        discipline = course.discipline
    return CertificateFacts(
        pk=certificate.pk,
        code=certificate.code,
        user_id=certificate.user_id,
        holder_email=certificate.user.email,
        holder_name=certificate.holder_name,
        course_key=course_key,
        course_title=certificate.course_title,
        course_summary=summary,
        course_outcomes=outcomes,
        discipline=discipline,
        language=certificate.language,
        discipline_label=discipline_label,
        topics=topics,
        hours=certificate.hours,
        issuer_state=issuer_state,
        issuer_agency=certificate.issuer_agency,
        issued_at=certificate.issued_at,
        revoked_at=certificate.revoked_at,
        kind=certificate.kind,
    )


def attendance_certificate_codes(*, activity_ref: str, user_ids) -> dict[int, str]:
    """The verification codes of an activity's attendance certificates held by these users, by user id
    (revoked ones included: their page says so): one query."""
    return dict(
        Certificate.objects.filter(activity_ref=activity_ref, user_id__in=list(user_ids)).values_list("user_id", "code")
    )


def revoked_certificate_ids(*, first: int, last: int) -> set[int]:
    """The ids, between first and last inclusive, of revoked certificates (one status list's worth)."""
    return set(
        Certificate.objects.filter(pk__gte=first, pk__lte=last, revoked_at__isnull=False).values_list("pk", flat=True)
    )


# --- Videos in the admin ------------------------------------------------------------------------------


def videos_kept_q(user) -> Q:
    """The uploaded videos an editor may see in the admin and place in lessons: their states' (all
    for the secretariat), and those no state owns (uploaded before videos had an owner)."""
    return accounts_access.kept_q(user)


def usable_video_ids(user, ids) -> set[int]:
    """Of these video ids, those this editor may place in a lesson."""
    return set(Video.objects.filter(videos_kept_q(user), pk__in=list(ids)).values_list("pk", flat=True))


def live_lesson_with_course(lesson_id: int) -> tuple[LessonPage, CoursePage] | None:
    """A live lesson and the live course it belongs to, or None: what a launch into a lesson opens
    (who may open it is still ``access``'s to say)."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        return None
    course = CoursePage.objects.live().filter(pk=lesson.get_parent().pk).select_related("state").first()
    return None if course is None else (lesson, course)


def live_course(course_id: int) -> CoursePage | None:
    return CoursePage.objects.live().filter(pk=course_id).select_related("state").first()


def lesson_done(*, user_id: int, lesson_id: int) -> bool:
    return LessonProgress.objects.filter(user_id=user_id, lesson_id=lesson_id, completed_at__isnull=False).exists()


def live_lessons_of(courses) -> dict[int, list[LessonPage]]:
    """The live lessons of several courses in one query, by course id, in course order."""
    courses = list(courses)
    if not courses:
        return {}
    by_path = {course.path: course.pk for course in courses}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    found: dict[int, list[LessonPage]] = {course.pk: [] for course in courses}
    for lesson in LessonPage.objects.live().filter(condition).only(*LESSON_LIST_FIELDS).order_by("path"):
        found[by_path[lesson.path[: -Page.steplen]]].append(lesson)
    return found


@dataclass(frozen=True)
class QuestionFacts:
    """One quiz question as another app (the cartridge export) may know it: no model, no query."""

    pk: int
    kind: str
    prompt: str
    choices: tuple[tuple[str, bool], ...]
    answers: tuple[str, ...]
    tolerance: decimal.Decimal
    points: int
    feedback: str


@dataclass(frozen=True)
class QuizFacts:
    pk: int
    title: str
    instructions: str
    pass_mark: int
    max_attempts: int | None
    time_limit_minutes: int | None
    questions: tuple[QuestionFacts, ...]


def quiz_facts(quiz_ids) -> dict[int, QuizFacts]:
    """The quizzes with these ids and their questions in order, by id, in two queries."""
    from .models import Question

    ids = {int(pk) for pk in quiz_ids}
    if not ids:
        return {}
    questions: dict[int, list[QuestionFacts]] = {pk: [] for pk in ids}
    for question in Question.objects.filter(quiz_id__in=ids).order_by("quiz_id", "sort_order", "pk"):
        answers = tuple(part.strip() for part in question.answer.split("|") if part.strip())
        questions[question.quiz_id].append(
            QuestionFacts(
                pk=question.pk,
                kind=question.kind,
                prompt=question.prompt,
                choices=tuple((text, correct) for _index, text, correct in question.choice_list),
                answers=answers,
                tolerance=question.tolerance,
                points=question.points,
                feedback=question.feedback,
            )
        )
    return {
        quiz.pk: QuizFacts(
            pk=quiz.pk,
            title=quiz.title,
            instructions=quiz.instructions,
            pass_mark=quiz.pass_mark,
            max_attempts=quiz.max_attempts,
            time_limit_minutes=quiz.time_limit_minutes,
            questions=tuple(questions[quiz.pk]),
        )
        for quiz in Quiz.objects.filter(pk__in=ids)
    }


def live_lessons_with_body(course: CoursePage) -> list[LessonPage]:
    """The live lessons of a course in order, with their bodies, in one query."""
    return list(LessonPage.objects.child_of(course).live().order_by("path"))


def course_licence(course: CoursePage) -> str:
    """The licence code of the course's curriculum ("" when it has none)."""
    if not course.curriculum_id:
        return ""
    curriculum = Page.objects.filter(pk=course.curriculum_id).first()
    return getattr(curriculum.specific, "licence", "") if curriculum else ""


def live_courses_of_curriculum(curriculum_id: int) -> list[CoursePage]:
    """The live courses that teach this curriculum, in the page tree's order."""
    return list(CoursePage.objects.live().filter(curriculum_id=curriculum_id).select_related("state").order_by("path"))


@dataclass(frozen=True)
class QuizResult:
    """A learner's last submitted attempt at a quiz of a lesson: what a gradebook elsewhere (LTI)
    is told."""

    quiz_id: int
    title: str
    number: int
    score: float
    passed: bool
    submitted_at: datetime.datetime


def quiz_results_of(*, user_id: int, lesson_id: int) -> list[QuizResult]:
    """The last submitted, graded attempt at each quiz of the lesson, in one query."""
    from .models import QuizAttempt

    attempts = (
        QuizAttempt.objects.filter(
            user_id=user_id, lesson_id=lesson_id, submitted_at__isnull=False, score__isnull=False
        )
        .select_related("quiz")
        .order_by("quiz_id", "-number")
        .distinct("quiz_id")
    )
    return [
        QuizResult(
            quiz_id=a.quiz_id,
            title=a.quiz.title,
            number=a.number,
            score=float(a.score),
            passed=bool(a.passed),
            submitted_at=a.submitted_at,
        )
        for a in attempts
    ]
