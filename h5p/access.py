"""Who may record answers and state of which H5P activity: fetch and check in one call."""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import selectors
from .models import H5PContent


class Refused(Exception):
    """A refusal with its status (403 or 404) and the reason in the reader's language."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def access_lesson_content(user, *, lesson_id: int, content_id: int) -> H5PContent:
    """The content, if this user may see the live lesson it is placed in; ``Refused`` otherwise."""
    from courses import api as courses_api

    if not user.is_authenticated:
        raise Refused(403, _("Sign in to record your answers."))
    content = selectors.content_by_id(content_id)
    if content is None:
        raise Refused(404, _("This activity does not exist."))
    if not courses_api.lesson_can_view(user, lesson_id):
        raise Refused(403, _("You may not see this activity."))
    if not selectors.content_in_lesson(lesson_id=lesson_id, content=content):
        raise Refused(403, _("This activity is not part of this lesson."))
    return content
