"""Access questions about curricula, answered with ``accounts.access`` (which decides every tier)."""

from __future__ import annotations

from accounts import access
from accounts.api import MemberState, member_states_with_ids


def can_view_curriculum(user, page) -> bool:
    return page.live and access.can_view(user, audience=page.audience, state_id=page.state_id)


def adopt_state_ids(user, page) -> list[int]:
    """The states into which this user may adopt this curriculum: those they edit or coordinate,
    except the curriculum's own state. Only a published curriculum is adopted."""
    if not page.live or not getattr(user, "is_authenticated", False):
        return []
    viewer = access.viewer_for(user)
    states = (viewer.editor_states | viewer.coordinator_states) - {page.state_id}
    if not access.can_view(user, audience=page.audience, state_id=page.state_id):
        return []
    return sorted(states)


def adopt_states(user, page) -> list[MemberState]:
    ids = adopt_state_ids(user, page)
    return member_states_with_ids(ids) if ids else []


def can_edit_in_state(user, state_id: int) -> bool:
    return access.can_edit_state_content(user, state_id)


def can_import_into(user, state_id: int) -> bool:
    """A state's editors and coordinators import curricula into it; the secretariat and superusers
    into any state."""
    return can_edit_in_state(user, state_id) or getattr(user, "is_superuser", False) or access.is_secretariat(user)


def access_curriculum(user, pk: int):
    """A published curriculum this user may see; Http404 otherwise, never revealing that it exists."""
    from django.http import Http404
    from django.utils.translation import gettext as _

    from .models import CurriculumPage

    page = CurriculumPage.objects.live().select_related("state", "locale").filter(pk=pk).first()
    if page is None or not can_view_curriculum(user, page):
        raise Http404(_("No such curriculum."))
    return page


def access_adoption_source(user, pk: int):
    """The curriculum an adoption in the admin starts from, if its tier lets this user see it;
    Http404 otherwise (whether it may be adopted is the adoption service's to say)."""
    from django.http import Http404

    from .models import CurriculumPage

    page = CurriculumPage.objects.select_related("state", "locale").filter(pk=pk).first()
    if page is None or not access.can_view(user, audience=page.audience, state_id=page.state_id):
        raise Http404
    return page
