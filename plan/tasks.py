"""Celery tasks of the plan: thin, ids in, idempotent."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=15 * 60, soft_time_limit=14 * 60)
def followup_build(report_id: int) -> dict:
    """Build the hemispheric follow-up report's PDF and XLSX; one already built is left as it is."""
    from .followup import build

    report = build(report_id)
    return {"report": report_id, "status": report.status if report else "missing"}
