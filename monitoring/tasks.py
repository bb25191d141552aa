"""Celery tasks of monitoring: thin, ids in, idempotent."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=20 * 60, soft_time_limit=18 * 60)
def facts_refresh() -> dict:
    """Rebuild the fact table from the other apps' records (scheduled; safe to run any time), then
    protect the hemispheric tables of the current periods before anyone asks for them."""
    from .selectors import protection_warm
    from .services import facts_rebuild

    refresh = facts_rebuild()
    return {"refresh": refresh.pk, "rows": refresh.rows, "tables": protection_warm()}


@shared_task(acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def report_build(report_id: int) -> dict:
    """Build a periodic report's PDF; a report already built is left as it is."""
    from .reports import build

    report = build(report_id)
    return {"report": report_id, "status": report.status if report else "missing"}
