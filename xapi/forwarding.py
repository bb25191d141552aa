"""Forwarding to external LRSs: an outbox per target, sent oldest first by one sender at a time.

``statements_store`` writes one ``ForwardItem`` per stored statement and active target in its
transaction, and hands ``tasks.forward_pending(target)`` to Celery once it commits. The sender
takes the target's lock (a PostgreSQL advisory lock held by its transaction: one sender per
target, so nothing overtakes), POSTs the oldest items as one batch and deletes them only when
the external LRS accepted them. A refusal repeating cannot change (400, 409, 413 for one
statement) drops that statement, logged; every other failure keeps the items for the retry.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from .models import ForwardItem, ForwardTarget

logger = logging.getLogger(__name__)

SETTINGS_TARGET = "settings"
TARGETS_CACHE_KEY = "xapi:forward-targets"
BATCH = 200
# Refusals about the statements themselves: sending them again cannot succeed.
PERMANENT = {400, 409, 413}
LOCK_CLASS = 73001


class ForwardFailed(Exception):
    """The external LRS could not take the statements now (network, 5xx, 408, 429, credentials)."""


@dataclass(frozen=True)
class Endpoint:
    url: str
    username: str
    password: str


def active_targets() -> list[str]:
    """The targets statements are queued for (cached a minute; the admin clears it on a change)."""
    targets = cache.get(TARGETS_CACHE_KEY)
    if targets is None:
        targets = [
            str(pk) for pk in ForwardTarget.objects.filter(active=True).order_by("pk").values_list("pk", flat=True)
        ]
        if getattr(settings, "XAPI_FORWARD_ENDPOINT", ""):
            targets.append(SETTINGS_TARGET)
        cache.set(TARGETS_CACHE_KEY, targets, 60)
    return targets


def targets_changed() -> None:
    cache.delete(TARGETS_CACHE_KEY)


def endpoint_of(target: str) -> Endpoint | None:
    if target == SETTINGS_TARGET:
        url = getattr(settings, "XAPI_FORWARD_ENDPOINT", "")
        if not url:
            return None
        return Endpoint(url, settings.XAPI_FORWARD_USERNAME, settings.XAPI_FORWARD_PASSWORD)
    if not target.isdigit():
        return None
    found = ForwardTarget.objects.filter(pk=int(target), active=True).first()
    return Endpoint(found.endpoint, found.username, found.password) if found else None


def enqueue(statement_pks: list[int]) -> list[str]:
    """Queue stored statements (in this order) for every active target; returns the targets."""
    targets = active_targets()
    if targets and statement_pks:
        ForwardItem.objects.bulk_create(
            [ForwardItem(target=target, statement_id=pk) for target in targets for pk in statement_pks]
        )
    return targets


def _lock(target: str) -> bool:
    if connection.vendor != "postgresql":
        return True  # SQLite (make run, eager tasks) writes one transaction at a time
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", [LOCK_CLASS, zlib.crc32(target.encode()) & 0x7FFFFFFF]
        )
        return bool(cursor.fetchone()[0])


def _post(endpoint: Endpoint, batch: list[dict]) -> requests.Response:
    try:
        return requests.post(
            endpoint.url.rstrip("/") + "/statements",
            json=batch,
            auth=(endpoint.username, endpoint.password) if endpoint.username else None,
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=getattr(settings, "XAPI_FORWARD_TIMEOUT", 20),
        )
    except requests.RequestException as error:
        raise ForwardFailed(f"{endpoint.url}: {error}") from error


def _accepted(endpoint: Endpoint, response: requests.Response) -> bool:
    """True when accepted, False for a permanent refusal; raises ForwardFailed otherwise."""
    if response.status_code < 300:
        return True
    if response.status_code in PERMANENT:
        return False
    if response.status_code in (401, 403, 404):
        logger.error(
            "xAPI forwarding to %s refused (%s): check its address and credentials", endpoint.url, response.status_code
        )
    raise ForwardFailed(f"{endpoint.url} answered {response.status_code}")


def forward_pending(*, target: str, batch: int = BATCH) -> int | None:
    """Send the target's oldest queued statements (up to ``batch``). Returns how many left the
    outbox, or None when another sender holds the target (it sends these too). Raises
    ``ForwardFailed`` when they must be sent again later."""
    endpoint = endpoint_of(target)
    if endpoint is None:
        if (
            target != SETTINGS_TARGET
            and not ForwardTarget.objects.filter(pk=int(target) if target.isdigit() else 0).exists()
        ):
            ForwardItem.objects.filter(target=target).delete()  # the target was deleted
        return 0
    with transaction.atomic():
        if not _lock(target):
            return None
        items = list(
            ForwardItem.objects.filter(target=target).order_by("pk").values_list("pk", "statement__data")[:batch]
        )
        if not items:
            return 0
        if _accepted(endpoint, _post(endpoint, [data for _pk, data in items])):
            ForwardItem.objects.filter(pk__in=[pk for pk, _data in items]).delete()
            return len(items)
        # The batch was refused: send the statements one by one, in order, to drop only the bad ones.
        done = []
        for pk, data in items:
            if not _accepted(endpoint, _post(endpoint, [data])):
                logger.error(
                    "xAPI forwarding to %s refused statement %s for good; it is dropped", endpoint.url, data.get("id")
                )
            done.append(pk)
            ForwardItem.objects.filter(pk=pk).delete()
        return len(done)


def pending(target: str) -> bool:
    return ForwardItem.objects.filter(target=target).exists()
