"""Who sees and does what in the plan's follow-up. The roles themselves are accounts.access's.

- the plan (objectives, measures) and published work plans: everyone, the public included;
- work plans before publication: the secretariat, and national coordinators once sent to them;
- editing the plan and work plans, recording approval, reviewing reports, targets: the secretariat;
- a state's position and its semester report: that state's national coordinators only;
- a state's reports: its coordinators and the secretariat."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import access

privileged_action = access.privileged_action


def is_secretariat(user) -> bool:
    return access.is_secretariat(user)


def coordinator_states(user) -> frozenset[int]:
    return access.viewer_for(user).coordinator_states


def can_act_for_state(user, state_id: int) -> bool:
    """Positions and reports are the state's: its national coordinators record them (the
    secretariat does not act for a state)."""
    return access.is_coordinator(user, state_id)


def can_see_work_plan(user, work_plan) -> bool:
    if work_plan.is_public:
        return True
    if is_secretariat(user):
        return True
    # Member states see a work plan once it has been sent to them for consideration.
    return work_plan.version > 0 and bool(coordinator_states(user))


def can_edit_work_plans(user) -> bool:
    return is_secretariat(user)


def can_see_state_reports(user, state_id: int) -> bool:
    return is_secretariat(user) or access.is_coordinator(user, state_id)


def access_work_plan(user, pk: int):
    """The work plan with this id if the user may see it; 404 otherwise (an unpublished plan's
    existence is not revealed)."""
    from .models import WorkPlan

    work_plan = WorkPlan.objects.filter(pk=pk).first()
    if work_plan is None or not can_see_work_plan(user, work_plan):
        raise Http404
    return work_plan


def access_state_report(user, pk: int):
    from .models import StateReport

    report = StateReport.objects.select_related("state").filter(pk=pk).first()
    if report is None:
        raise Http404
    if not can_see_state_reports(user, report.state_id):
        raise PermissionDenied
    return report
