"""Who reads, writes and moderates where in the forum. The tiers and roles are accounts.access's:

- a ``public`` space: everyone reads; anyone signed in writes;
- an ``officials`` space: verified officials of any member state (the law-enforcement tier);
- a ``state`` space: officials of that state (the state tier);
- the ``coordinators`` space: national coordinators of every state and the secretariat.

The secretariat moderates every space; a national coordinator moderates the spaces of their own
state. Attachments, search results, notices and digests are shown only to those who read the space."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts import access
from accounts.access import Audience

from .models import Attachment, Post, Space, SpaceKind, Thread

privileged_action = access.privileged_action

AUDIENCE_OF_KIND = {
    SpaceKind.PUBLIC: Audience.PUBLIC,
    SpaceKind.OFFICIALS: Audience.LAW_ENFORCEMENT,
    SpaceKind.STATE: Audience.STATE,
}


def audience_of(space: Space) -> str | None:
    """The tier of a space's content; None for the coordinators' space (not a tier: not indexed)."""
    return AUDIENCE_OF_KIND.get(space.kind)


def _is_coordinator_anywhere(user) -> bool:
    return bool(access.viewer_for(user).coordinator_states)


def can_read_space(user, space: Space) -> bool:
    if space.kind == SpaceKind.COORDINATORS:
        return access.is_secretariat(user) or _is_coordinator_anywhere(user)
    return access.can_view(user, audience=AUDIENCE_OF_KIND[space.kind], state_id=space.state_id)


def can_write_space(user, space: Space) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return can_read_space(user, space)


def readable_spaces_q(user, prefix: str = "") -> Q:
    """A filter of the spaces (or, with ``prefix="space__"``, of things in them) this user reads."""
    viewer = access.viewer_for(user)
    if viewer.is_secretariat:
        return Q()
    scope = access.visible_scope(user)
    q = Q(**{f"{prefix}kind": SpaceKind.PUBLIC})
    if scope.law_enforcement:
        q |= Q(**{f"{prefix}kind": SpaceKind.OFFICIALS})
    if scope.state_ids:
        q |= Q(**{f"{prefix}kind": SpaceKind.STATE, f"{prefix}state_id__in": sorted(scope.state_ids)})
    if viewer.coordinator_states:
        q |= Q(**{f"{prefix}kind": SpaceKind.COORDINATORS})
    return q


def can_moderate_space(user, space: Space) -> bool:
    if access.is_secretariat(user):
        return True
    return space.kind == SpaceKind.STATE and access.is_coordinator(user, space.state_id)


def moderated_spaces_q(user) -> Q | None:
    """A filter of the spaces this user moderates; None when none."""
    viewer = access.viewer_for(user)
    if viewer.is_secretariat:
        return Q()
    if viewer.coordinator_states:
        return Q(kind=SpaceKind.STATE, state_id__in=sorted(viewer.coordinator_states))
    return None


def can_see_thread(user, thread: Thread) -> bool:
    if not can_read_space(user, thread.space):
        return False
    return not thread.hidden or can_moderate_space(user, thread.space)


def can_edit_post(user, post: Post) -> bool:
    return post.author_id == getattr(user, "pk", None) and not post.hidden


def can_mark_answer(user, thread: Thread) -> bool:
    return thread.space.questions and (
        thread.author_id == getattr(user, "pk", None) or can_moderate_space(user, thread.space)
    )


def can_see_approaches(user) -> bool:
    return access.is_secretariat(user) or _is_coordinator_anywhere(user)


def can_publish_approach(user, state_id: int) -> bool:
    return access.is_coordinator(user, state_id)


# --- Fetch and check in one call -----------------------------------------------------------------


def access_space(user, slug: str) -> Space:
    space = Space.objects.select_related("state").filter(slug=slug).first()
    if space is None or not can_read_space(user, space):
        raise Http404
    return space


def access_thread(user, pk: int) -> Thread:
    """A thread the user may read; 404 otherwise (a space's threads are not revealed to outsiders)."""
    thread = Thread.objects.select_related("space", "space__state", "measure").filter(pk=pk).first()
    if thread is None or not can_see_thread(user, thread):
        raise Http404
    return thread


def access_post(user, pk: int) -> Post:
    post = (
        Post.objects.select_related("thread", "thread__space", "thread__space__state", "author").filter(pk=pk).first()
    )
    if post is None or not can_see_thread(user, post.thread):
        raise Http404
    if post.hidden and not can_moderate_space(user, post.thread.space) and post.author_id != getattr(user, "pk", None):
        raise Http404
    return post


def access_attachment(user, pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("post", "post__thread", "post__thread__space").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    post = attachment.post
    if not can_see_thread(user, post.thread):
        raise Http404
    if post.hidden and not can_moderate_space(user, post.thread.space):
        raise Http404
    return attachment


def require_moderator(user, space: Space) -> None:
    if not can_moderate_space(user, space):
        raise PermissionDenied
