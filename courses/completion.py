"""The course completion rule, in one place, as a pure function of what the learner has done.

Only live *required* lessons count: an optional lesson, and the quizzes or activities inside it,
never move the percentage, never appear in "what is left", and never hold back the certificate.
A required lesson is done when its own rule holds (``services.progress.lesson_evaluate``: marked
as read or having required activities, and every required quiz and activity in it passed).

Progress is computed when it is read rather than stored on the enrolment, so a lesson published,
unpublished or made optional after a learner enrolled is reflected at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CourseProgress:
    required: tuple = ()
    done: frozenset[int] = field(default_factory=frozenset)
    next_lesson: object | None = None
    completed: bool = False

    @property
    def total(self) -> int:
        return len(self.required)

    @property
    def done_count(self) -> int:
        return sum(1 for lesson in self.required if lesson.pk in self.done)

    @property
    def left(self) -> list:
        """The required lessons still to do, in course order."""
        return [lesson for lesson in self.required if lesson.pk not in self.done]

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        if not self.required:
            return 0
        return min(100, round(100 * self.done_count / self.total))

    @property
    def rule_holds(self) -> bool:
        """Every required lesson done (a course with no required lesson cannot be completed)."""
        return bool(self.required) and not self.left


def course_progress(
    *, lessons: Sequence, done: Iterable[int], last_lesson_id: int | None = None, completed: bool = False
) -> CourseProgress:
    """Progress over a course's live lessons (in order) given the ids of the lessons done.

    The next lesson is the one the learner was last on while it is not done (optional or not),
    otherwise the first required lesson not done; the "Resume" button and the "Next" line use it.
    """
    done = frozenset(done)
    required = tuple(lesson for lesson in lessons if lesson.required)
    next_lesson = None
    if last_lesson_id is not None and last_lesson_id not in done:
        next_lesson = next((lesson for lesson in lessons if lesson.pk == last_lesson_id), None)
    if next_lesson is None:
        next_lesson = next((lesson for lesson in required if lesson.pk not in done), None)
    return CourseProgress(required=required, done=done, next_lesson=next_lesson, completed=completed)
