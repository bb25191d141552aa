"""The public entry point of courses for other apps: services write, selectors read."""

from .access import lesson_can_view  # noqa: F401
from .facts import completion_facts, course_publication_facts  # noqa: F401
from .models import (  # noqa: F401
    Certificate,
    CourseIndexPage,
    CoursePage,
    CourseRun,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    QuizAttempt,
)
from .selectors import course_catalogue, my_learning, visible_courses  # noqa: F401
from .services import (  # noqa: F401
    catalog_course_upsert,
    enrolment_create,
    lesson_activity_record,
)
