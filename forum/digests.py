"""E-mail digests: the new posts in what a reader follows since their last digest, in the reader's
preferred language, limited to the spaces they may read at the time of sending."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.api import profile_of

from . import access
from .models import DigestFrequency, DigestPreference, Post, Subscription

PERIODS = {DigestFrequency.DAILY: datetime.timedelta(days=1), DigestFrequency.WEEKLY: datetime.timedelta(days=7)}
MAX_POSTS = 100


def digest_posts(user, *, since) -> list[Post]:
    """New, visible posts by others in followed threads and spaces the user still reads."""
    followed = Subscription.objects.filter(user_id=user.pk)
    thread_ids = followed.filter(thread__isnull=False).values("thread_id")
    space_ids = followed.filter(space__isnull=False).values("space_id")
    return list(
        Post.objects.filter(Q(thread_id__in=thread_ids) | Q(thread__space_id__in=space_ids))
        .filter(access.readable_spaces_q(user, prefix="thread__space__"))
        .filter(created_at__gt=since, hidden=False, thread__hidden=False)
        .exclude(author_id=user.pk)
        .select_related("thread", "thread__space", "author")
        .order_by("thread__space__order", "thread_id", "number")[:MAX_POSTS]
    )


def digest_send(*, user_id: int, frequency: str, now=None) -> int:
    """Send one reader's digest if it is due; returns the number of posts in it (0: nothing sent)."""
    now = now or timezone.now()
    preference = DigestPreference.objects.select_related("user").filter(user_id=user_id, frequency=frequency).first()
    if preference is None or frequency not in PERIODS or not preference.user.is_active or not preference.user.email:
        return 0
    period = PERIODS[frequency]
    since = preference.last_sent_at or (now - period)
    if now - since < period / 2:
        return 0  # sent already in this period (a task run twice)
    posts = digest_posts(preference.user, since=since)
    preference.last_sent_at = now
    preference.save(update_fields=["last_sent_at"])
    if not posts:
        return 0
    profile = profile_of(user_id)
    language = (profile.preferred_language if profile else "") or settings.LANGUAGE_CODE
    from .notifications import post_url

    with translation.override(language):
        for post in posts:
            post.url = post_url(post)
        context = {"user": preference.user, "posts": posts, "frequency": frequency, "base_url": settings.SITE_BASE_URL}
        subject = render_to_string("forum/digest_subject.txt", context).strip()
        body = render_to_string("forum/digest.txt", context)
    send_mail(subject, body, None, [preference.user.email])
    return len(posts)


def due_user_ids(frequency: str) -> list[int]:
    return list(DigestPreference.objects.filter(frequency=frequency).values_list("user_id", flat=True))
