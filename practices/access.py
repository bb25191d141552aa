"""Who sees and does what in the good-practice library. The roles and tiers are accounts.access's.

- a published practice: whoever its audience tier admits (``accounts.access.can_view``);
- a practice before publication: its submitter, the coordinators of its state and the secretariat;
- reviewing: a national coordinator of the practice's state, never the submitter;
- publishing: the secretariat, never the submitter;
- rating, commenting: signed-in readers who may see the published practice;
- recording an adoption: a verified official of an agency (of the agency's own state);
- seeing who adopted it: the submitting state's officials and the secretariat (others see a count)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from accounts import access

privileged_action = access.privileged_action


def _viewer(user):
    return access.viewer_for(user)


def can_submit(user) -> bool:
    return bool(submitting_state_ids(user))


def submitting_state_ids(user) -> list[int]:
    """The states for which this user may submit: those they are a verified official of (or hold a
    state or agency role in). The secretariat submits nothing of its own."""
    viewer = _viewer(user)
    return sorted(viewer.official_states)


def coordinated_state_ids(user) -> frozenset[int]:
    return _viewer(user).coordinator_states


def is_reviewer_of(user, practice) -> bool:
    return access.is_coordinator(user, practice.state_id)


def can_see_unpublished(user, practice) -> bool:
    viewer = _viewer(user)
    if not viewer.is_authenticated:
        return False
    return viewer.is_secretariat or practice.submitted_by_id == viewer.user_id or is_reviewer_of(user, practice)


def can_view(user, practice) -> bool:
    if practice.is_published and access.can_view(user, audience=practice.audience, state_id=practice.state_id):
        return True
    return can_see_unpublished(user, practice)


def can_edit(user, practice) -> bool:
    """The submitter edits a practice the coordinator returned (or has not yet reviewed)."""
    from .models import Status

    return practice.submitted_by_id == _viewer(user).user_id and practice.status in (Status.SUBMITTED, Status.RETURNED)


def can_review(user, practice) -> bool:
    return is_reviewer_of(user, practice) and practice.submitted_by_id != _viewer(user).user_id


def can_publish(user, practice) -> bool:
    return access.is_secretariat(user) and practice.submitted_by_id != _viewer(user).user_id


def can_respond(user, practice) -> bool:
    """Rate and comment: a signed-in reader of the published practice."""
    return (
        _viewer(user).is_authenticated
        and practice.is_published
        and access.can_view(user, audience=practice.audience, state_id=practice.state_id)
    )


def can_see_adopters(user, practice) -> bool:
    viewer = _viewer(user)
    return viewer.is_secretariat or practice.state_id in viewer.official_states


def published_q(user) -> Q:
    """Published practices within this reader's tier."""
    from .models import Status

    return Q(status=Status.PUBLISHED) & access.visible_q(user, state_field="state")


def queue_q(user) -> Q:
    """Practices awaiting this user's step: the coordinator's review, the secretariat's publication;
    never the user's own."""
    from .models import Status

    viewer = _viewer(user)
    q = Q(pk__in=[])
    if viewer.coordinator_states:
        q |= Q(status=Status.SUBMITTED, state_id__in=sorted(viewer.coordinator_states))
    if viewer.is_secretariat:
        q |= Q(status=Status.REVIEWED)
    return q & ~Q(submitted_by_id=viewer.user_id)


def access_practice(user, pk) -> object:
    """The practice with this id if the user may see it; 404 otherwise (an unpublished practice's
    existence is not revealed)."""
    from lms.untrusted import parse_id

    from .models import Practice

    pk = parse_id(pk)
    practice = Practice.objects.select_related("state", "agency", "submitted_by").filter(pk=pk).first() if pk else None
    if practice is None or not can_view(user, practice):
        raise Http404
    return practice


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
