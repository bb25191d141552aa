"""Notices of the plan's follow-up, in each recipient's language (through accounts.api.notify)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.api import Role, notify, users_with_role


def work_plan_sent(*, work_plan_id: int) -> None:
    """Every national coordinator is asked for the state's position on the new version."""
    from .models import WorkPlan

    work_plan = WorkPlan.objects.filter(pk=work_plan_id).first()
    if work_plan is None:
        return
    notify(
        recipients=list(users_with_role(role=Role.NATIONAL_COORDINATOR)),
        kind="plan.work_plan_sent",
        subject=lambda: (
            _("Work plan %(period)s: your state's position is asked for") % {"period": work_plan.period_label}
        ),
        body=lambda: (
            _("Version %(version)s of the work plan has been sent to the member states for consideration.")
            % {"version": work_plan.version}
        ),
        url=reverse("plan:work_plan", kwargs={"pk": work_plan.pk}),
        dedupe_key=f"plan.work_plan_sent:{work_plan.pk}:{work_plan.version}",
    )


def report_reviewed(*, report_id: int) -> None:
    from .models import StateReport

    report = StateReport.objects.select_related("state").filter(pk=report_id).first()
    if report is None:
        return
    notify(
        recipients=list(users_with_role(role=Role.NATIONAL_COORDINATOR, state=report.state)),
        kind="plan.report_reviewed",
        subject=lambda: (
            _("Report %(period)s: %(status)s") % {"period": report.period, "status": report.get_status_display()}
        ),
        body=lambda: report.review_comment,
        url=reverse("plan:report", kwargs={"pk": report.pk}),
        dedupe_key=f"plan.report_reviewed:{report.pk}:{report.reviewed_at.isoformat() if report.reviewed_at else ''}",
    )
