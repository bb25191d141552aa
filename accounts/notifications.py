"""In-site notices with an e-mail copy, in each recipient's preferred language.

Callers pass lazy (gettext_lazy) or callable texts so that each recipient gets their own language:
``notify(recipients=[user], kind="adoption.source_updated", subject=_("…"), body=..., url=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import translation

from .models import Notification, Profile

Text = str | Callable[[], str]

# The header shows the unread count on every page; it is kept for a minute and forgotten whenever
# the reader gets a notice or reads some, so it is never behind what the reader did.
UNREAD_SECONDS = 60


def _unread_key(user_id: int) -> str:
    return f"notices:unread:{user_id}"


def _unread_forget(user_ids: Iterable[int]) -> None:
    """Forget the counts now and again once the transaction commits (a request reading in between
    would otherwise keep the count from before the commit for a minute)."""
    keys = [_unread_key(pk) for pk in user_ids]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _render(text: Text | None) -> str:
    if text is None:
        return ""
    return str(text()) if callable(text) else str(text)


def notify(
    *,
    recipients: Iterable,
    kind: str,
    subject: Text,
    body: Text = "",
    url: str = "",
    dedupe_key: str = "",
    email: bool = True,
) -> list[Notification]:
    """Create one notice per recipient (skipping any already sent for ``dedupe_key``) and e-mail it
    through Celery once the transaction commits."""
    from .tasks import send_notification_email

    recipients = [user for user in recipients if user is not None and user.is_active]
    languages = dict(Profile.objects.filter(user__in=recipients).values_list("user_id", "preferred_language"))
    created = []
    for user in recipients:
        language = languages.get(user.pk) or settings.LANGUAGE_CODE
        with translation.override(language):
            rendered_subject, rendered_body = _render(subject)[:200], _render(body)
        try:
            with transaction.atomic():
                notice = Notification.objects.create(
                    user=user,
                    kind=kind,
                    subject=rendered_subject,
                    body=rendered_body,
                    url=url,
                    dedupe_key=dedupe_key,
                    language=language,
                )
        except IntegrityError:
            continue  # already notified for this key
        created.append(notice)
        _unread_forget([user.pk])
        if email and user.email:
            transaction.on_commit(lambda pk=notice.pk: send_notification_email.delay(pk))
    return created


def mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    updated = qs.update(read_at=timezone.now())
    _unread_forget([user.pk])
    return updated


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count
