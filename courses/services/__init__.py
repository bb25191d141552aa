"""Writes for courses: enrolment (open, on approval, by a manager, from a CSV), waiting lists,
progress, quiz attempts, H5P results, completion and certificates, and catalogue imports.

Every service is keyword-only, validates before it writes and raises a translated
``ValidationError`` (400/409) or ``PermissionDenied`` (403) without leaving anything half-written.
Each domain object has its module; this package exports their public names.
"""

from .catalog import catalog_course_upsert
from .certificates import certificate_issue, certificate_revoke, issue_attendance_certificate
from .enrolment import (
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    BulkReport,
    enrolment_create,
    enrolment_decide,
    enrolment_withdraw,
    enrolments_from_csv,
)
from .lessons import lesson_block_append
from .notices import ENROLMENT_BODIES, ENROLMENT_SUBJECTS
from .progress import (
    course_evaluate,
    lesson_activity_record,
    lesson_evaluate,
    lesson_launch,
    lesson_mark_done,
    lesson_video_record,
    lesson_visit,
)
from .quizzes import QUIZ_GRACE_SECONDS, quiz_attempt_start, quiz_attempt_submit
from .runs import run_update_capacity, self_paced_run, waitlist_promote

__all__ = [
    "ENROLMENT_BODIES",
    "ENROLMENT_SUBJECTS",
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "QUIZ_GRACE_SECONDS",
    "BulkReport",
    "catalog_course_upsert",
    "certificate_issue",
    "certificate_revoke",
    "course_evaluate",
    "enrolment_create",
    "enrolment_decide",
    "enrolment_withdraw",
    "enrolments_from_csv",
    "issue_attendance_certificate",
    "lesson_activity_record",
    "lesson_block_append",
    "lesson_evaluate",
    "lesson_launch",
    "lesson_mark_done",
    "lesson_video_record",
    "lesson_visit",
    "quiz_attempt_start",
    "quiz_attempt_submit",
    "run_update_capacity",
    "self_paced_run",
    "waitlist_promote",
]
