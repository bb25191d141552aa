"""Thin tasks: take ids, load, call a service."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def send_notification_email(self, notification_id: int) -> None:
    from .models import Notification

    updated = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
    if not updated:
        return  # already sent (a redelivered task), or gone
    notice = Notification.objects.select_related("user").get(pk=notification_id)
    link = (
        f"\n\n{settings.SITE_BASE_URL.rstrip('/')}{notice.url}"
        if notice.url.startswith("/")
        else (f"\n\n{notice.url}" if notice.url else "")
    )
    try:
        send_mail(notice.subject, f"{notice.body}{link}", None, [notice.user.email])
    except Exception as error:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise self.retry(exc=error)
