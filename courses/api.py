"""The public entry point of courses for other apps: services write, selectors read."""

from .access import lesson_can_view  # noqa: F401
from .facts import completion_facts, course_publication_facts  # noqa: F401
from .models import EnrolmentStatus  # noqa: F401
from .selectors import CertificateFacts, certificate_facts, revoked_certificate_ids  # noqa: F401
from .selectors import course_catalogue, lesson_in_course, live_lesson_blocks, my_learning, visible_courses  # noqa: F401
from .services import (  # noqa: F401
    catalog_course_upsert,
    enrolment_create,
    lesson_activity_record,
    lesson_block_append,
)
