"""Who may keep, use and play H5P content. Decisions about tiers come from ``accounts.access``.

- Keep (list in the admin, open, edit, delete): the secretariat any content; editors and
  coordinators of a state only content that state owns. Unowned content is the secretariat's.
- Use (choose it for a lesson): content the editor may read, by its own audience and state: their
  own state's at any tier, another state's when it is public or for law-enforcement officials.
- Play: a reader sees an activity only if both the lesson and the content's own audience let them,
  so content placed in another state's lesson never reaches readers its owner did not mean.

- Record: answers and state only for content placed in a live lesson the learner may see, and
  whose own audience lets them play it (``access_lesson_content``).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import access as accounts_access
from lms.grants import Refused

from . import selectors
from .models import H5PContent


def keepable_q(user) -> Q:
    """A filter of the H5P contents this user may list, open, change and delete in the admin (unowned
    content is the secretariat's)."""
    return accounts_access.kept_q(user, unowned=False)


def can_keep(user, content) -> bool:
    states = accounts_access.authoring_state_ids(user)
    return states is None or (content.state_id is not None and content.state_id in states)


def usable_q(user) -> Q:
    """A filter of the H5P contents this user may place in a lesson."""
    return accounts_access.visible_q(user, audience_field="audience", state_field="state")


def usable_content_ids(user, ids) -> set[int]:
    """Of these content ids, those this editor may place in a lesson."""
    return set(
        H5PContent.objects.filter(keepable_q(user) | usable_q(user), pk__in=list(ids)).values_list("pk", flat=True)
    )


def can_use(user, content) -> bool:
    return can_keep(user, content) or accounts_access.can_view_object(user, content)


def can_play(user, content) -> bool:
    """May this reader see the activity itself (its own audience; the lesson is checked apart)?"""
    return accounts_access.can_view_object(user, content)


def access_lesson_content(user, *, lesson_id: int, content_id: int) -> H5PContent:
    """The content, if this user may see the live lesson it is placed in; ``Refused`` otherwise."""
    from courses import api as courses_api

    if not user.is_authenticated:
        raise Refused(403, _("Sign in to record your answers."))
    content = selectors.content_by_id(content_id)
    if content is None:
        raise Refused(404, _("This activity does not exist."))
    if not courses_api.lesson_can_view(user, lesson_id) or not can_play(user, content):
        raise Refused(403, _("You may not see this activity."))
    if not selectors.content_in_lesson(lesson_id=lesson_id, content=content):
        raise Refused(403, _("This activity is not part of this lesson."))
    return content
