"""Forwarding statements to external learning record stores (thin tasks: a target in, the
outbox's oldest statements out; docs/decisions/0038 and 0045)."""

from __future__ import annotations

import random

from celery import shared_task
from django.core.cache import cache

from . import forwarding

RETRY_KEY = "xapi:forward-retrying:{target}"
MAX_BACKOFF = 15 * 60


def _countdown(retries: int) -> int:
    """Exponential backoff with jitter: about 1, 2, 4 … seconds, at most 15 minutes."""
    return min(MAX_BACKOFF, 2**retries) + random.randint(0, min(MAX_BACKOFF, 2**retries) // 2 + 1)  # noqa: S311


@shared_task(bind=True, ignore_result=True, max_retries=10, time_limit=300, soft_time_limit=280)
def forward_pending(self, target: str) -> int:
    """Send a target's queued statements, oldest first, until its outbox is empty. On failure the
    statements stay queued and one retry chain per target tries again with backoff; a task that
    finds another sender at work leaves the statements to it. Returns how many were sent."""
    sent = 0
    key = RETRY_KEY.format(target=target)
    while True:
        try:
            moved = forwarding.forward_pending(target=target)
        except forwarding.ForwardFailed as failed:
            countdown = _countdown(self.request.retries)
            # A chain already retrying carries these statements too: no second chain.
            if self.request.retries == 0 and not cache.add(key, 1, countdown + 60):
                return sent
            cache.set(key, 1, countdown + 60)
            raise self.retry(exc=failed, countdown=countdown)
        if moved is None:
            return sent  # another sender holds the target
        sent += moved
        if not moved or not forwarding.pending(target):
            if self.request.retries:
                cache.delete(key)
            return sent


@shared_task(ignore_result=True, time_limit=60)
def forward_all_pending() -> None:
    """Start a sender for every target with queued statements (after an outage longer than the
    retries, or from Celery beat)."""
    for target in forwarding.ForwardItem.objects.values_list("target", flat=True).distinct():
        forward_pending.delay(target)
