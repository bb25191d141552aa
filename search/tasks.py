"""Thin Celery tasks of search: ids in, JSON out, retried with back-off, idempotent."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(Exception,),
    dont_autoretry_for=(LookupError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def refresh_index(kind: str, ids: list[int]) -> dict:
    """Re-index (or remove) these objects of one provider."""
    from . import api

    try:
        indexed, removed = api.refresh(kind, ids)
    except KeyError:
        logger.warning("search: no provider of kind %r; nothing indexed", kind)
        return {"kind": kind, "indexed": 0, "removed": 0}
    return {"kind": kind, "indexed": indexed, "removed": removed}
