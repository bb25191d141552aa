"""Forwarding statements to external learning record stores (thin tasks: ids in, retries with backoff)."""

from __future__ import annotations

import logging

import requests
from celery import shared_task
from django.conf import settings

from .models import ForwardTarget, Statement

logger = logging.getLogger(__name__)

SETTINGS_TARGET = "settings"


class ForwardRefused(Exception):
    """The external LRS answered with an error worth retrying (5xx, 408, 429)."""


def _target(target: str) -> tuple[str, str, str] | None:
    """(endpoint, username, password) of a target: ``"settings"`` or a ForwardTarget pk."""
    if target == SETTINGS_TARGET:
        endpoint = getattr(settings, "XAPI_FORWARD_ENDPOINT", "")
        if not endpoint:
            return None
        return endpoint, settings.XAPI_FORWARD_USERNAME, settings.XAPI_FORWARD_PASSWORD
    found = ForwardTarget.objects.filter(pk=int(target), active=True).first()
    return (found.endpoint, found.username, found.password) if found else None


@shared_task(ignore_result=True, time_limit=120, soft_time_limit=100)
def forward_statements_fan_out(statement_pks: list[int]) -> None:
    """One forwarding task per configured external LRS, so that one failing LRS delays only itself."""
    targets = [str(pk) for pk in ForwardTarget.objects.filter(active=True).values_list("pk", flat=True)]
    if getattr(settings, "XAPI_FORWARD_ENDPOINT", ""):
        targets.append(SETTINGS_TARGET)
    for target in targets:
        forward_statements.delay(target, statement_pks)


@shared_task(
    bind=True,
    ignore_result=True,
    autoretry_for=(requests.RequestException, ForwardRefused),
    retry_backoff=True,
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=10,
    time_limit=120,
    soft_time_limit=100,
)
def forward_statements(self, target: str, statement_pks: list[int]) -> int:
    """POST a batch of stored statements to one external LRS. Idempotent: statements keep their ids,
    and an LRS stores a statement it already has once. Returns how many statements were sent."""
    config = _target(target)
    if config is None:
        return 0
    endpoint, username, password = config
    batch = list(Statement.objects.filter(pk__in=statement_pks).order_by("stored", "pk").values_list("data", flat=True))
    if not batch:
        return 0
    response = requests.post(
        endpoint.rstrip("/") + "/statements",
        json=batch,
        auth=(username, password) if username else None,
        headers={"X-Experience-API-Version": "1.0.3"},
        timeout=getattr(settings, "XAPI_FORWARD_TIMEOUT", 20),
    )
    if response.status_code >= 500 or response.status_code in (408, 429):
        raise ForwardRefused(f"{endpoint} answered {response.status_code}")
    if response.status_code >= 400:
        # A refusal that repeating will not change (bad credentials, a statement it rejects): log it.
        logger.error("xAPI forwarding to %s refused (%s): %s", endpoint, response.status_code, response.text[:500])
        return 0
    return len(batch)
