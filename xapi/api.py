"""The public entry point of xapi for other apps: services write, selectors read."""

from .records import (  # noqa: F401
    VIDEO_VERBS,
    Activity,
    Answer,
    duration,
    extension_iri,
    object_iri,
    record_certificate_issued,
    record_certificate_revoked,
    record_course_completed,
    record_course_registered,
    record_exchange_delivered,
    record_lesson_completed,
    record_lesson_launched,
    record_quiz_attempt,
    record_video,
    registration_for,
)
from .services import (  # noqa: F401
    StatementConflict,
    StatementInvalid,
    actor_for_user,
    platform_authority,
    statement_store,
    statements_store,
)
