"""Celery tasks of the LTI tool: scores back to the platforms (AGS) and rosters read (NRPS)."""

from __future__ import annotations

import logging

from celery import shared_task
from pylti1p3.exception import LtiException, LtiServiceException
from requests import RequestException

from . import services
from .models import ResourceLink

log = logging.getLogger("lti")


def _retry_or_give_up(task, error, what: str):
    """A platform that is down or refuses is retried later by a worker; run eagerly (development),
    the learner's request must not fail because of it, so it is only logged."""
    log.warning("LTI %s failed: %s", what, getattr(error, "response", None) or error)
    if not task.request.is_eager and task.request.retries < task.max_retries:
        raise task.retry(exc=error, countdown=30 * 2**task.request.retries)
    return 0


@shared_task(bind=True, max_retries=5, acks_late=True)
def send_progress(self, user_id: int, lesson_id: int, course_id: int) -> int:
    """Idempotent: a score the platform already has is not sent again."""
    try:
        return services.progress_send(user_id=user_id, lesson_id=lesson_id, course_id=course_id)
    except (LtiServiceException, RequestException) as error:
        return _retry_or_give_up(self, error, f"score for user {user_id}")
    except LtiException as error:
        log.warning("LTI score for user %s not sent: %s", user_id, error)
        return 0


@shared_task(bind=True, max_retries=3, acks_late=True)
def roster_read(self, link_id: int) -> int:
    link = ResourceLink.objects.select_related("platform").filter(pk=link_id, platform__active=True).first()
    if link is None or not link.nrps.get("context_memberships_url"):
        return 0
    try:
        return services.roster_read(link=link)
    except (LtiServiceException, RequestException) as error:
        return _retry_or_give_up(self, error, f"roster of link {link_id}")


@shared_task(acks_late=True)
def purge_expired() -> int:
    """Delete nonces past their token's expiry and used or expired tickets."""
    from django.utils import timezone

    from .models import Ticket, UsedNonce

    now = timezone.now()
    nonces, _ = UsedNonce.objects.filter(expires_at__lt=now).delete()
    tickets, _ = Ticket.objects.filter(expires_at__lt=now).delete()
    return nonces + tickets
