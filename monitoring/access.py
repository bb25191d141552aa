"""Who sees which monitoring view. The decisions themselves are accounts.access's."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import access


def can_see_hemisphere(user) -> bool:
    return access.is_secretariat(user)


def can_see_state(user, state_id: int) -> bool:
    return access.can_see_state_monitoring(user, state_id)


def is_owner(user, state_id: int) -> bool:
    """The state's own coordinator sees its figures unprotected; everyone else who may look (the
    secretariat) sees them as any view outside the state: protected."""
    return access.is_coordinator(user, state_id)


def monitored_states(user) -> list[int]:
    """The states whose dashboards this user may open (the secretariat: all of them)."""
    viewer = access.viewer_for(user)
    return sorted(viewer.coordinator_states)


def can_see_report(user, report) -> bool:
    if report.state_id is None:
        return can_see_hemisphere(user)
    return can_see_state(user, report.state_id)


def can_download_report(user, report) -> bool:
    """Unprotected state reports are for that state's own coordinators only."""
    return can_see_report(user, report) and (report.protected or is_owner(user, report.state_id))


def access_report(user, pk: int):
    """The report with this id, if this user may open and download it: ``Http404`` when there is
    none, ``PermissionDenied`` when it is not theirs to see."""
    from .models import Report

    report = Report.objects.select_related("state").filter(pk=pk).first()
    if report is None:
        raise Http404
    if not can_download_report(user, report):
        raise PermissionDenied
    return report
