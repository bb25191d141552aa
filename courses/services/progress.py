"""Progress: lesson visits, lessons done, H5P results, and course completion."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import notify

from .. import access, selectors
from ..models import (
    SEAT_STATUSES,
    ActivityResult,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    VideoProgress,
    lesson_requirements,
)
from ..signals import progress_changed
from . import records
from .notices import _url


def _course_of(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.get(pk=lesson.get_parent().pk)


def _require_lesson(user, lesson: LessonPage) -> None:
    if not access.lesson_can_view(user, lesson.pk):
        raise PermissionDenied(_("Enrol in the course to open its lessons."))


@transaction.atomic
def lesson_visit(*, user, lesson: LessonPage) -> LessonProgress:
    """Record that the learner is on this lesson (for "resume" and "last activity")."""
    _require_lesson(user, lesson)
    course = _course_of(lesson)
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course, "started_at": now, "last_seen_at": now}
    )
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=now)
    Enrolment.objects.filter(user=user, course=course, status__in=SEAT_STATUSES).update(
        last_lesson=lesson, last_activity_at=now
    )
    return progress


@transaction.atomic
def lesson_launch(*, user, lesson: LessonPage) -> LessonProgress:
    """The learner opened the lesson: a visit, and the lesson's launched statement."""
    progress = lesson_visit(user=user, lesson=lesson)
    records.lesson_launched(user=user, lesson=lesson, course=progress.course)
    return progress


@transaction.atomic
def lesson_mark_done(*, user, lesson: LessonPage) -> LessonProgress:
    """The learner says they have read the lesson; it is done once its required activities are too."""
    progress = lesson_visit(user=user, lesson=lesson)
    progress = LessonProgress.objects.select_for_update().get(pk=progress.pk)
    if progress.marked_done_at is None:
        progress.marked_done_at = timezone.now()
        progress.save(update_fields=["marked_done_at"])
    lesson_evaluate(user=user, lesson=lesson)
    progress.refresh_from_db()
    return progress


@transaction.atomic
def lesson_evaluate(*, user, lesson: LessonPage) -> bool:
    """Complete the lesson when its rule holds: marked as read (or it has required activities) and
    every required quiz passed and required H5P activity done. Then check the course."""
    course = _course_of(lesson)
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    if progress.completed_at is None:
        needs = lesson_requirements(lesson.body.raw_data)
        has_required = (
            any(r for _q, r in needs["quizzes"])
            or any(r for _c, _m, r in needs["h5p"])
            or any(r for _c, _m, r in needs["scorm"])
            or any(r for _v, _p, r in needs["videos"])
        )
        missing = selectors.lesson_missing(user=user, lesson=lesson)
        if (progress.marked_done_at or has_required) and not any(missing.values()):
            progress.completed_at = timezone.now()
            progress.save(update_fields=["completed_at"])
            records.lesson_completed(user=user, lesson=lesson, course=course, when=progress.completed_at)
    done = progress.completed_at is not None
    course_evaluate(user=user, course=course)
    transaction.on_commit(
        lambda u=user.pk, lesson_id=lesson.pk, c=course.pk: progress_changed.send(
            sender=LessonProgress, user_id=u, lesson_id=lesson_id, course_id=c
        )
    )
    return done


@transaction.atomic
def course_evaluate(*, user, course: CoursePage) -> Enrolment | None:
    """When the completion rule holds, complete the enrolment and hand the certificate to a Celery
    task once the transaction commits. Progress itself is computed when read (``completion``)."""
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course, status__in=SEAT_STATUSES).first()
    if enrolment is None:
        return None
    if enrolment.status == EnrolmentStatus.ACTIVE and selectors.course_rule_holds(user=user, course=course):
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = timezone.now()
        title = course.title
        notify(
            recipients=[user],
            kind="courses.completed",
            subject=gettext_lazy("You completed a course"),
            body=lambda: (
                _("Congratulations: you completed “%(course)s”. Your certificate is on its way.") % {"course": title}
            ),
            url=_url(course.url or ""),
            dedupe_key=f"courses:completed:{enrolment.pk}",
        )
        from ..tasks import issue_certificate

        transaction.on_commit(lambda pk=enrolment.pk: issue_certificate.delay(pk))
        enrolment.save(update_fields=["status", "completed_at"])
        records.course_completed(enrolment, course)
    return enrolment


# --- H5P activities ---------------------------------------------------------------------------------


def _h5p_satisfied(pass_mark, score_scaled, success, completed) -> bool:
    if pass_mark is not None and pass_mark != "":
        return score_scaled is not None and score_scaled * 100 >= float(pass_mark) - 1e-9
    if success is not None:
        return bool(success)
    return bool(completed)


@transaction.atomic
def lesson_activity_record(
    *,
    user,
    lesson_id: int,
    content_id: int,
    score_scaled: float | None,
    success: bool | None,
    completed: bool,
    kind: str = "h5p",
) -> None:
    """Record a result of an H5P activity (from its xAPI statements) or of a SCORM package (from its
    rolled-up run-time data) of a lesson, and update progress.

    Uses the block's ``pass_mark`` (or the activity's own success/completion) and ``required``;
    keeps the best result, so repeated or worse later results change nothing."""
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        raise ValidationError({"lesson_id": _("No such lesson.")})
    _require_lesson(user, lesson)
    if kind not in ("h5p", "scorm"):
        raise ValidationError({"kind": _("No such kind of activity.")})
    blocks = [entry for entry in lesson_requirements(lesson.body.raw_data)[kind] if entry[0] == int(content_id)]
    if not blocks:
        raise ValidationError({"content_id": _("This activity is not part of the lesson.")})
    if score_scaled is not None and not -1.0 <= float(score_scaled) <= 1.0:
        raise ValidationError({"score_scaled": _("A scaled score lies between -1 and 1.")})
    _content, pass_mark, _required = blocks[0]
    satisfied = _h5p_satisfied(pass_mark, score_scaled, success, completed)
    result, created = ActivityResult.objects.select_for_update().get_or_create(
        user=user,
        lesson=lesson,
        kind=kind,
        content_id=int(content_id),
        defaults={
            "score_scaled": score_scaled,
            "success": success,
            "completed": bool(completed),
            "satisfied": satisfied,
        },
    )
    if not created:
        changed = False
        if score_scaled is not None and (result.score_scaled is None or score_scaled > result.score_scaled):
            result.score_scaled, changed = score_scaled, True
        if success and not result.success:
            result.success, changed = True, True
        elif result.success is None and success is not None:
            result.success, changed = success, True
        if completed and not result.completed:
            result.completed, changed = True, True
        if satisfied and not result.satisfied:
            result.satisfied, changed = True, True
        if changed:
            result.updated_at = timezone.now()
            result.save()
    lesson_visit(user=user, lesson=lesson)
    lesson_evaluate(user=user, lesson=lesson)


# --- Video ------------------------------------------------------------------------------------------


VIDEO_EVENTS = ("progress", "paused", "ended", "left")
MAX_SEGMENTS = 200


def _parse_segments(raw, duration: float | None) -> list[tuple[float, float]]:
    """The played ranges the player reports ("[[0, 4.5], [10, 12]]"), bounded by the file's duration,
    merged where they overlap; a ValidationError when they are not a short list of number pairs."""
    import json
    import math

    if raw in (None, ""):
        return []
    try:
        pairs = json.loads(raw) if isinstance(raw, str) else raw
        pairs = [(float(start), float(end)) for start, end in pairs][: MAX_SEGMENTS + 1]
    except (TypeError, ValueError):
        raise ValidationError({"segments": _("Give the played ranges as pairs of seconds.")}) from None
    if len(pairs) > MAX_SEGMENTS or any(not (math.isfinite(a) and math.isfinite(b)) for a, b in pairs):
        raise ValidationError({"segments": _("Give the played ranges as pairs of seconds.")})
    limit = duration if duration else 10**7
    merged: list[list[float]] = []
    for start, end in sorted((max(0.0, min(a, limit)), max(0.0, min(b, limit))) for a, b in pairs if b > a):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    return [(round(a, 3), round(b, 3)) for a, b in merged]


def _session(raw) -> str:
    import uuid

    try:
        return str(uuid.UUID(str(raw))) if raw else ""
    except ValueError:
        raise ValidationError({"session": _("The player's session is not valid.")}) from None


@transaction.atomic
def lesson_video_record(
    *, user, lesson: LessonPage, video, watched_seconds=None, segments=None, time=None, session="", event="progress"
) -> VideoProgress:
    """Record how much of a lesson's video the learner has watched (the player's played ranges)
    and update progress. The figure is bounded by the video's duration read from the file, so a
    forged report can say "all of it" and no more; the most watched so far is kept.

    With a player session, the ADL video profile's statements the platform can know follow
    (docs/decisions/0025-video-progress-and-embeds.md): initialized on a session's first report,
    paused and terminated when the player says so, completed once the watch rule first holds."""
    _require_lesson(user, lesson)
    blocks = [entry for entry in lesson_requirements(lesson.body.raw_data)["videos"] if entry[0] == video.pk]
    if not blocks:
        raise ValidationError({"video": _("This video is not part of the lesson.")})
    if event not in VIDEO_EVENTS:
        raise ValidationError({"event": _("No such player event.")})
    played = _parse_segments(segments, video.duration_seconds)
    session = _session(session)
    try:
        watched = float(watched_seconds) if watched_seconds not in (None, "") else sum(b - a for a, b in played)
        at = float(time) if time not in (None, "") else (played[-1][1] if played else 0.0)
    except (TypeError, ValueError):
        raise ValidationError({"watched": _("Give the seconds watched as a number.")}) from None
    if not 0 <= watched < 10**7 or not 0 <= at < 10**7:
        raise ValidationError({"watched": _("Give the seconds watched as a number.")})
    if played:  # the ranges, merged and bounded here, say more than the player's own sum
        watched = sum(b - a for a, b in played)
    if video.duration_seconds:
        watched = min(watched, video.duration_seconds)
        at = min(at, video.duration_seconds)
    _video, watch_percent, required = blocks[0]
    record, _created = VideoProgress.objects.select_for_update().get_or_create(user=user, lesson=lesson, video=video)
    was_satisfied = record.satisfied
    new_session = bool(session) and record.session_id != session
    if watched > record.watched_seconds:
        record.watched_seconds = watched
        record.satisfied = bool(video.duration_seconds) and (
            watched >= video.duration_seconds * watch_percent / 100 - 0.5
        )
    record.updated_at = timezone.now()
    if new_session:
        record.session_id = session
    record.save()
    if session:
        _video_statements(
            user=user,
            lesson=lesson,
            video=video,
            record=record,
            session=session,
            event=event,
            new_session=new_session,
            completed_now=record.satisfied and not was_satisfied,
            threshold=watch_percent / 100 if required else None,
            at=at,
            played=played or [(0.0, round(watched, 3))],
        )
    lesson_visit(user=user, lesson=lesson)
    lesson_evaluate(user=user, lesson=lesson)
    return record


def _video_statements(
    *, user, lesson, video, record, session, event, new_session, completed_now, threshold, at, played
) -> None:
    course = _course_of(lesson)
    length = float(video.duration_seconds or 0)
    progress = min(1.0, record.watched_seconds / length) if length else 0.0
    common = {"user": user, "lesson": lesson, "video": video, "course": course, "session": session}
    if new_session:
        records.video_event(verb="initialized", completion_threshold=threshold, **common)
    if event == "paused":
        records.video_event(verb="paused", time=at, progress=progress, played_segments=played, **common)
    if completed_now:
        records.video_event(
            verb="completed",
            time=at,
            progress=progress,
            played_segments=played,
            duration_seconds=record.watched_seconds,
            **common,
        )
    if event == "left":
        records.video_event(verb="terminated", time=at, progress=progress, played_segments=played, **common)
