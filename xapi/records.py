"""The platform as a producer of records: statements about its own learners' learning events.

Other apps call the ``record_*`` functions (through ``xapi.api``) from their services, inside the
transaction that records the event. Each builds the statement at once and validates it with the
validator every POSTed statement goes through, so a malformed record fails in the caller's tests,
then hands it to ``transaction.on_commit``: the statement is stored only if the event is, and a
failure to store it never undoes the learner's work (it is logged). The actor is always the
platform account of the user the server names (``actor_for_user``), never anything a browser sent.

Vocabulary (docs/decisions/0045-platform-statements.md): the ADL verbs cmi5 uses (launched,
completed, passed, failed), ADL's registered, attempted and answered with ``cmi.interaction``
activities, the ADL video profile for video, TinCan's earned for certificates, Activity Streams'
retract and deliver for revocations and exchange training. Activity IRIs are minted under
``<SITE_BASE_URL>/xapi/objects/<kind>/<key>`` from keys that never change (page translation keys,
primary keys, certificate codes), so that a renamed or moved course keeps its records.

Statement ids of events that happen once (an enrolment activated, a certificate issued, an attempt
graded) are UUIDv5 of the event, so that recording the same event twice stores it once.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .services import actor_for_user, prepare, statements_store

logger = logging.getLogger(__name__)

# Fixed forever: changing it would give every recorded event a new statement id.
NAMESPACE = uuid.UUID("6f0c9a52-4d0e-4a43-9d3c-2b7f61f0c5e1")

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "registered": ADL + "registered",
    "launched": ADL + "launched",
    "completed": ADL + "completed",
    "attempted": ADL + "attempted",
    "answered": ADL + "answered",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "initialized": ADL + "initialized",
    "terminated": ADL + "terminated",
    "played": "https://w3id.org/xapi/video/verbs/played",
    "paused": "https://w3id.org/xapi/video/verbs/paused",
    "seeked": "https://w3id.org/xapi/video/verbs/seeked",
    "earned": "http://id.tincanapi.com/verb/earned",
    "retracted": "http://activitystrea.ms/schema/1.0/retract",
    "delivered": "http://activitystrea.ms/schema/1.0/deliver",
}

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "video": "https://w3id.org/xapi/video/activity-type/video",
    "certificate": "http://id.tincanapi.com/activitytype/certificate",
    "exchange": "http://adlnet.gov/expapi/activities/meeting",
}

VIDEO_PROFILE = "https://w3id.org/xapi/video"
VIDEO = "https://w3id.org/xapi/video/extensions/"
VIDEO_VERBS = ("initialized", "played", "paused", "seeked", "completed", "terminated")

# Interaction types of the quiz's question kinds (Data 2.4.4.1.1).
INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "true_false": "true-false",
    "short": "fill-in",
    "numeric": "numeric",
}


def object_iri(kind: str, key) -> str:
    """The stable activity IRI of a platform object (``kind`` one of ``ACTIVITY_TYPES``)."""
    return f"{settings.SITE_BASE_URL.rstrip('/')}/xapi/objects/{kind}/{key}"


def extension_iri(name: str) -> str:
    """An extension the platform defines (no registered one says it)."""
    return f"{settings.SITE_BASE_URL.rstrip('/')}/xapi/extensions/{name}"


def registration_for(kind: str, key) -> uuid.UUID:
    """The xAPI registration of one enrolment (``registration_for("enrolment", pk)``): the same
    UUID in every statement about the learner's time in that course."""
    return uuid.uuid5(NAMESPACE, f"registration:{kind}:{key}")


def event_id(*parts) -> uuid.UUID:
    """The statement id of an event that happens once (the same parts give the same id)."""
    return uuid.uuid5(NAMESPACE, "event:" + ":".join(str(part) for part in parts))


@dataclass(frozen=True)
class Activity:
    """An object of the platform as an xAPI Activity: ``kind`` and a stable ``key`` make its IRI."""

    kind: str
    key: str
    name: str
    language: str = "en"
    description: str = ""
    extensions: dict = field(default_factory=dict)
    interaction: dict = field(default_factory=dict)  # interactionType, choices (cmi.interaction)

    @property
    def iri(self) -> str:
        return object_iri(self.kind, self.key)

    def as_object(self) -> dict:
        definition: dict = {"type": ACTIVITY_TYPES[self.kind]}
        if self.name:
            definition["name"] = {_language(self.language): self.name[:500]}
        if self.description:
            definition["description"] = {_language(self.language): self.description[:2000]}
        if self.extensions:
            definition["extensions"] = dict(self.extensions)
        definition.update(self.interaction)
        return {"objectType": "Activity", "id": self.iri, "definition": definition}


def _language(code: str) -> str:
    return (code or settings.LANGUAGE_CODE or "en").replace("_", "-")


def _timestamp(when: datetime.datetime | None) -> str:
    when = when or timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when, datetime.UTC)
    return when.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second (xAPI's precision)."""
    seconds = max(0.0, round(float(seconds), 2))
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    fraction = round(seconds - whole, 2)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if not secs and not fraction and text != "PT":
        return text
    second_text = f"{secs + fraction:.2f}".rstrip("0").rstrip(".")
    return text + f"{second_text}S"


def _context(*, parents: Iterable[Activity] = (), registration=None, categories=(), extensions=None, language=""):
    context: dict = {"platform": "Capacitas"}
    if registration:
        context["registration"] = str(registration)
    if language:
        context["language"] = _language(language)
    activities: dict = {}
    parents = [parent for parent in parents if parent is not None]
    if parents:
        activities["parent"] = [parents[0].as_object()]
        if len(parents) > 1:
            activities["grouping"] = [parent.as_object() for parent in parents[1:]]
    if categories:
        activities["category"] = [{"objectType": "Activity", "id": category} for category in categories]
    if activities:
        context["contextActivities"] = activities
    if extensions:
        context["extensions"] = extensions
    return context


def build(
    *,
    user,
    verb: str,
    activity: Activity,
    when: datetime.datetime | None = None,
    statement_id: uuid.UUID | None = None,
    result: dict | None = None,
    context: dict | None = None,
) -> dict:
    """A complete statement of ``user`` (validated here: ``StatementInvalid`` if it is not valid)."""
    statement = {
        "id": str(statement_id or uuid.uuid4()),
        "actor": actor_for_user(user),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": activity.as_object(),
        "timestamp": _timestamp(when),
    }
    if result:
        statement["result"] = result
    if context:
        statement["context"] = context
    # The validator of every POSTed statement; the stored copy goes through it again.
    prepare(statement, user=user, stored=timezone.now())
    return statement


def emit(*, user, statements: list[dict]) -> None:
    """Store these statements of ``user`` once the current transaction commits (at once outside one)."""
    if not statements:
        return

    def store() -> None:
        try:
            # One at a time in one transaction: a batch is inserted in statement-id order (0038),
            # and these must keep the order of the events (stored, then primary key).
            with transaction.atomic():
                for statement in statements:
                    statements_store(statements=[statement], user=user)
        except Exception:
            # The learner's event is committed; a record that cannot be stored must not undo it.
            logger.exception("Could not store the platform's statements %s", [s["id"] for s in statements])

    transaction.on_commit(store)


def _emit_one(**kwargs) -> dict:
    statement = build(**kwargs)
    emit(user=kwargs["user"], statements=[statement])
    return statement


# --- Courses ---------------------------------------------------------------------------------------


def record_course_registered(*, user, course: Activity, registration: uuid.UUID, event_key, when=None) -> dict:
    """The learner holds a seat in the course (enrolled at once, approved, or off the waiting list)."""
    return _emit_one(
        user=user,
        verb="registered",
        activity=course,
        when=when,
        statement_id=event_id("registered", event_key),
        context=_context(registration=registration, language=course.language),
    )


def record_lesson_launched(*, user, lesson: Activity, course: Activity, registration=None, when=None) -> dict:
    """The learner opened a lesson (cmi5's launched: the platform starts the unit)."""
    return _emit_one(
        user=user,
        verb="launched",
        activity=lesson,
        when=when,
        context=_context(parents=[course], registration=registration, language=lesson.language),
    )


def record_lesson_completed(*, user, lesson: Activity, course: Activity, registration=None, when=None) -> dict:
    """The lesson's completion rule holds (once per learner and lesson)."""
    return _emit_one(
        user=user,
        verb="completed",
        activity=lesson,
        when=when,
        statement_id=event_id("completed", user.pk, lesson.iri),
        result={"completion": True},
        context=_context(parents=[course], registration=registration, language=lesson.language),
    )


def record_course_completed(*, user, course: Activity, registration: uuid.UUID, event_key, when=None) -> dict:
    """The course's completion rule holds for this enrolment."""
    return _emit_one(
        user=user,
        verb="completed",
        activity=course,
        when=when,
        statement_id=event_id("completed", event_key),
        result={"completion": True},
        context=_context(registration=registration, language=course.language),
    )


@dataclass(frozen=True)
class Answer:
    """One question of a graded attempt: the question as an interaction, the response and its grade."""

    key: str
    prompt: str
    kind: str
    response: str
    correct: bool
    points: float
    max_points: float
    choices: tuple[tuple[str, str], ...] = ()  # (id, text) for choice questions


def _interaction(quiz: Activity, answer: Answer) -> Activity:
    """A question as a ``cmi.interaction`` activity below the quiz's IRI."""
    interaction: dict = {"interactionType": INTERACTION_TYPES.get(answer.kind, "other")}
    if answer.choices:
        interaction["choices"] = [
            {"id": choice_id, "description": {_language(quiz.language): text[:500] or choice_id}}
            for choice_id, text in answer.choices
        ]
    return Activity(
        kind="question",
        key=answer.key,
        name="",
        language=quiz.language,
        description=answer.prompt or answer.key,
        interaction=interaction,
    )


def record_quiz_attempt(
    *,
    user,
    quiz: Activity,
    lesson: Activity,
    course: Activity,
    attempt_key,
    started: datetime.datetime,
    submitted: datetime.datetime,
    score_percent: float,
    passed: bool,
    answers: Iterable[Answer] = (),
    registration=None,
) -> list[dict]:
    """A graded quiz attempt: attempted (when it started), one answered per question, then passed or
    failed with the score (scaled, raw, min, max) and the attempt's duration."""
    parents = [lesson, course]
    context = _context(parents=parents, registration=registration, language=quiz.language)
    answers = list(answers)
    statements = [
        build(
            user=user,
            verb="attempted",
            activity=quiz,
            when=started,
            statement_id=event_id("attempted", attempt_key),
            context=context,
        )
    ]
    quiz_parents = [quiz, lesson, course]
    for answer in answers:
        statements.append(
            build(
                user=user,
                verb="answered",
                activity=_interaction(quiz, answer),
                when=submitted,
                statement_id=event_id("answered", attempt_key, answer.key),
                result={
                    "response": answer.response[:4000],
                    "success": bool(answer.correct),
                    "score": {"raw": answer.points, "min": 0, "max": answer.max_points},
                },
                context=_context(parents=quiz_parents, registration=registration, language=quiz.language),
            )
        )
    score = max(0.0, min(100.0, float(score_percent)))
    statements.append(
        build(
            user=user,
            verb="passed" if passed else "failed",
            activity=quiz,
            when=submitted,
            statement_id=event_id("graded", attempt_key),
            result={
                "score": {"scaled": round(score / 100.0, 4), "raw": round(score, 2), "min": 0, "max": 100},
                "success": bool(passed),
                "completion": True,
                "duration": duration(max(0.0, (submitted - started).total_seconds())),
            },
            context=context,
        )
    )
    emit(user=user, statements=statements)
    return statements


# --- Video (the ADL video profile) -------------------------------------------------------------------


def _segments(segments: Iterable[tuple[float, float]]) -> str:
    return "[,]".join(f"{_seconds(start)}[.]{_seconds(end)}" for start, end in segments)


def _seconds(value: float) -> float:
    return round(max(0.0, float(value)), 3)


def record_video(
    *,
    user,
    verb: str,
    video: Activity,
    session_id: uuid.UUID | str,
    length: float,
    time: float | None = None,
    time_from: float | None = None,
    time_to: float | None = None,
    played_segments: Iterable[tuple[float, float]] = (),
    progress: float | None = None,
    completion_threshold: float | None = None,
    parents: Iterable[Activity] = (),
    registration=None,
    duration_seconds: float | None = None,
    when=None,
) -> dict:
    """One statement of the ADL video profile: ``verb`` is initialized, played, paused, seeked,
    completed or terminated; times in seconds; ``progress`` between 0 and 1.

    The extensions each verb needs are checked here (ValueError otherwise): played needs ``time``,
    paused and terminated need ``time``, ``progress`` and ``played_segments``, seeked needs
    ``time_from`` and ``time_to``, completed needs ``time``, ``progress``, ``played_segments`` and
    ``duration_seconds``."""
    if verb not in VIDEO_VERBS:
        raise ValueError(f"not a video profile verb: {verb}")
    needs = {
        "played": ("time",),
        "paused": ("time", "progress", "played_segments"),
        "seeked": ("time_from", "time_to"),
        "completed": ("time", "progress", "played_segments", "duration_seconds"),
        "terminated": ("time", "progress", "played_segments"),
    }.get(verb, ())
    given = {
        "time": time,
        "time_from": time_from,
        "time_to": time_to,
        "played_segments": list(played_segments) or None,
        "progress": progress,
        "duration_seconds": duration_seconds,
    }
    missing = [name for name in needs if given[name] is None]
    if missing:
        raise ValueError(f"{verb} needs {', '.join(missing)}")
    context_extensions = {VIDEO + "session-id": str(session_id), VIDEO + "length": _seconds(length)}
    if verb == "initialized" and completion_threshold is not None:
        context_extensions[VIDEO + "completion-threshold"] = round(min(1.0, max(0.0, completion_threshold)), 3)
    result_extensions: dict = {}
    if time is not None and verb != "seeked":
        result_extensions[VIDEO + "time"] = _seconds(time)
    if verb == "seeked":
        result_extensions[VIDEO + "time-from"] = _seconds(time_from)
        result_extensions[VIDEO + "time-to"] = _seconds(time_to)
    if given["played_segments"]:
        result_extensions[VIDEO + "played-segments"] = _segments(given["played_segments"])
    if progress is not None:
        result_extensions[VIDEO + "progress"] = round(min(1.0, max(0.0, float(progress))), 3)
    result: dict = {}
    if result_extensions:
        result["extensions"] = result_extensions
    if verb == "completed":
        result["completion"] = True
        result["duration"] = duration(duration_seconds)
    return _emit_one(
        user=user,
        verb=verb,
        activity=video,
        when=when,
        result=result or None,
        context=_context(
            parents=list(parents),
            registration=registration,
            categories=[VIDEO_PROFILE],
            extensions=context_extensions,
            language=video.language,
        ),
    )


# --- Certificates ------------------------------------------------------------------------------------


def record_certificate_issued(*, user, certificate: Activity, course: Activity, registration=None, when=None) -> dict:
    """The learner earned the course's certificate (once per certificate)."""
    return _emit_one(
        user=user,
        verb="earned",
        activity=certificate,
        when=when,
        statement_id=certificate_statement_id(certificate.key),
        context=_context(parents=[course], registration=registration, language=certificate.language),
    )


def certificate_statement_id(code: str) -> uuid.UUID:
    return event_id("earned", "certificate", code)


def record_certificate_revoked(*, revoker, certificate: Activity, course: Activity, reason: str, when=None) -> dict:
    """The revoker (a coordinator) retracted a certificate; ``context.statement`` points to the
    learner's earned statement, and the reason is an extension."""
    context = _context(
        parents=[course], language=certificate.language, extensions={extension_iri("reason"): reason[:2000]}
    )
    context["statement"] = {"objectType": "StatementRef", "id": str(certificate_statement_id(certificate.key))}
    return _emit_one(
        user=revoker,
        verb="retracted",
        activity=certificate,
        when=when,
        statement_id=event_id("retracted", "certificate", certificate.key),
        context=context,
    )


# --- Exchanges of instructors -------------------------------------------------------------------------


def record_exchange_delivered(
    *,
    instructor,
    exchange: Activity,
    participants: dict[tuple[str, str], int],
    hours: int | None = None,
    when=None,
) -> dict:
    """The instructor delivered the exchange's training; participants counted by (gender, role)."""
    counts = [
        {"gender": gender, "role": role, "count": int(count)}
        for (gender, role), count in sorted(participants.items())
        if count
    ]
    result: dict = {
        "completion": True,
        "extensions": {
            extension_iri("participants"): counts,
            extension_iri("participants-total"): sum(item["count"] for item in counts),
        },
    }
    if hours:
        result["duration"] = duration(int(hours) * 3600)
    return _emit_one(
        user=instructor,
        verb="delivered",
        activity=exchange,
        when=when,
        statement_id=event_id("delivered", "exchange", exchange.key),
        result=result,
        context=_context(language=exchange.language),
    )
