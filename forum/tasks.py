"""Celery tasks of the forum: thin, ids in, idempotent."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=30 * 60, soft_time_limit=29 * 60)
def send_digests(frequency: str) -> dict:
    """Beat's daily and weekly run: one task per reader who chose this frequency."""
    from .digests import due_user_ids

    ids = due_user_ids(frequency)
    for user_id in ids:
        send_digest.delay(user_id, frequency)
    return {"frequency": frequency, "readers": len(ids)}


@shared_task(acks_late=True, time_limit=120, soft_time_limit=110)
def send_digest(user_id: int, frequency: str) -> dict:
    from .digests import digest_send

    return {"user": user_id, "posts": digest_send(user_id=user_id, frequency=frequency)}
