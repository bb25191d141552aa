"""Thin Celery tasks: ids in, a service call, safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240, max_retries=3, default_retry_delay=30)
def issue_certificate(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment (idempotent: one certificate per learner and
    course, whatever the number of runs or a worker dying half-way)."""
    from .services import certificate_issue

    certificate = certificate_issue(enrolment_id=enrolment_id)
    return certificate.code if certificate else None
