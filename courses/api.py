"""The public entry point of courses for other apps: services write, selectors read."""

from .access import can_author, course_can_view, lesson_can_view  # noqa: F401
from .facts import completion_facts, course_publication_facts  # noqa: F401
from .models import EnrolmentStatus  # noqa: F401
from .selectors import (  # noqa: F401  # noqa: F401
    CertificateFacts,
    QuestionFacts,
    QuizFacts,
    attendance_certificate_codes,
    certificate_facts,
    course_catalogue,
    course_licence,
    course_progress_of,
    lesson_done,
    lesson_in_course,
    lessons_of,
    live_course,
    live_courses_of_curriculum,
    live_lesson_blocks,
    live_lesson_with_course,
    live_lessons_of,
    live_lessons_with_body,
    my_learning,
    quiz_facts,
    quiz_results_of,
    revoked_certificate_ids,
    visible_courses,
)
from .services import (  # noqa: F401
    catalog_course_upsert,
    enrolment_create,
    issue_attendance_certificate,
    lesson_activity_record,
    lesson_block_append,
)
from .signals import progress_changed  # noqa: F401
