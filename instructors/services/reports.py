"""Writes for the host's and the instructor's reports after delivery."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..models import (
    Agreement,
    AgreementEvent,
    HostReport,
    InstructorReport,
    ParticipantCount,
    Stage,
)
from . import records
from .agreement import HOST_REPORT_PARTIES, TransitionConflict
from .notifications import notify_next

# --- Reports --------------------------------------------------------------------------------------


def _require_report_stage(agreement: Agreement) -> Agreement:
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.stage != Stage.DELIVERED:
        raise TransitionConflict(_("Reports are written once the exchange has been delivered."))
    return locked


def _after_report(agreement: Agreement, actor) -> Agreement:
    if (
        HostReport.objects.filter(agreement=agreement).exists()
        and InstructorReport.objects.filter(agreement=agreement).exists()
    ):
        moved = Agreement.objects.filter(pk=agreement.pk, stage=Stage.DELIVERED).update(
            stage=Stage.REPORTED, updated_at=timezone.now()
        )
        if moved:
            AgreementEvent.objects.create(
                agreement=agreement, action="report", from_stage=Stage.DELIVERED, to_stage=Stage.REPORTED, actor=actor
            )
            agreement.refresh_from_db()
            records.exchange_delivered(agreement)
            notify_next(agreement, actor=actor)
    return agreement


@transaction.atomic
def host_report_submit(
    *,
    agreement: Agreement,
    actor,
    evaluation: int,
    instructor_rating: int,
    comments: str = "",
    participants: dict[tuple[str, str], int],
) -> HostReport:
    """``participants`` maps (gender, role) to a count; at least one participant."""
    locked = _require_report_stage(agreement)
    if not access.agreement_parties(actor, locked) & HOST_REPORT_PARTIES:
        raise PermissionDenied(_("The host agency's manager or the host state's coordinator writes this report."))
    if HostReport.objects.filter(agreement=locked).exists():
        raise TransitionConflict(_("The host's report has already been submitted."))
    rows = [
        ParticipantCount(agreement=locked, gender=gender, role=role, count=count)
        for (gender, role), count in sorted(participants.items())
        if count
    ]
    for row in rows:
        row.full_clean(exclude=["agreement"], validate_unique=False)
        if row.count < 0:
            raise ValidationError(_("Counts cannot be negative."))
    if not rows:
        raise ValidationError({"participants": _("Report at least one participant.")})
    report = HostReport(
        agreement=locked,
        submitted_by=actor,
        evaluation=evaluation,
        instructor_rating=instructor_rating,
        comments=(comments or "").strip(),
    )
    report.full_clean()
    report.save()
    ParticipantCount.objects.bulk_create(rows)
    AgreementEvent.objects.create(
        agreement=locked, action="host_report", from_stage=locked.stage, to_stage=locked.stage, actor=actor
    )
    _after_report(locked, actor)
    agreement.refresh_from_db()  # the caller's object follows the stage
    return report


@transaction.atomic
def instructor_report_submit(
    *, agreement: Agreement, actor, delivered: str, hours_delivered: int, cascading_plan: str, host_rating: int
) -> InstructorReport:
    locked = _require_report_stage(agreement)
    if access.INSTRUCTOR not in access.agreement_parties(actor, locked):
        raise PermissionDenied(_("The instructor writes this report."))
    if InstructorReport.objects.filter(agreement=locked).exists():
        raise TransitionConflict(_("The instructor's report has already been submitted."))
    report = InstructorReport(
        agreement=locked,
        submitted_by=actor,
        delivered=(delivered or "").strip(),
        hours_delivered=hours_delivered,
        cascading_plan=(cascading_plan or "").strip(),
        host_rating=host_rating,
    )
    report.full_clean()
    report.save()
    AgreementEvent.objects.create(
        agreement=locked, action="instructor_report", from_stage=locked.stage, to_stage=locked.stage, actor=actor
    )
    _after_report(locked, actor)
    agreement.refresh_from_db()  # the caller's object follows the stage
    return report
