"""Writes of monitoring: rebuilding the fact table from the other apps, and periodic reports."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from .models import Fact, FactRefresh, Report

log = logging.getLogger(__name__)


def fact_sources() -> list[tuple[str, Callable[[], list[dict]]]]:
    """The read-only fact selectors of the other apps, reached through their api modules."""
    from courses.api import completion_facts, course_publication_facts
    from curricula.api import adoption_facts, curriculum_publication_facts
    from instructors.api import exchange_facts, exchange_participant_facts, instructor_facts

    return [
        ("courses.completion_facts", completion_facts),
        ("courses.course_publication_facts", course_publication_facts),
        ("curricula.curriculum_publication_facts", curriculum_publication_facts),
        ("curricula.adoption_facts", adoption_facts),
        ("instructors.exchange_participant_facts", exchange_participant_facts),
        ("instructors.exchange_facts", exchange_facts),
        ("instructors.instructor_facts", instructor_facts),
    ]


FIELDS = ("measure", "state_id", "quarter", "discipline", "level", "agency_kind", "gender")


@transaction.atomic
def facts_rebuild() -> FactRefresh:
    """Replace the fact table with fresh aggregates of the source records (one transaction, so a
    dashboard never reads a half-built table)."""
    refresh = FactRefresh.objects.create()
    merged: dict[tuple, float] = {}
    names = []
    for name, source in fact_sources():
        names.append(name)
        for row in source():
            if not row["value"]:
                continue
            key = tuple(row[field] for field in FIELDS)
            merged[key] = merged.get(key, 0) + float(row["value"])
    Fact.objects.all().delete()
    Fact.objects.bulk_create(
        [Fact(**dict(zip(FIELDS, key, strict=True)), value=value) for key, value in merged.items()],
        batch_size=2000,
    )
    refresh.finished_at = timezone.now()
    refresh.rows = len(merged)
    refresh.sources = names
    refresh.save(update_fields=["finished_at", "rows", "sources"])
    return refresh


def report_request(*, user, period_key: str, state=None, language: str, protected: bool = True) -> Report:
    """Record a report request and hand it to the worker once the record is committed."""
    from .periods import Period

    period = Period.parse(period_key)
    report = Report(period=period.key, state=state, language=language, requested_by=user, protected=protected)
    report.full_clean()
    with transaction.atomic():
        report.save()
        from .tasks import report_build

        transaction.on_commit(lambda: report_build.delay(report.pk))
    return report


def report_progress(report: Report, *, progress: int, step: str, status: str = Report.Status.RUNNING) -> None:
    Report.objects.filter(pk=report.pk).update(progress=progress, step=step, status=status)
    report.progress, report.step, report.status = progress, step, status
