"""Digests: new posts in followed threads and spaces, in the reader's language, only from spaces the
reader still reads, once per period."""

import datetime

from django.utils import timezone

from forum import digests, services
from forum.models import DigestPreference
from forum.tasks import send_digests
from tests.forum.factories import thread_with_posts


def test_daily_digest_in_the_readers_language_and_tier(people, spaces, mailoutbox):
    from accounts.services import profile_update

    reader = people["official_co"]
    profile_update(user=reader, preferred_language="fr")
    shared = thread_with_posts(spaces["officials"], people["official_br"], title="Shared question")
    secret = thread_with_posts(spaces["mx"], people["official_mx"], title="Mexican secret")
    services.subscription_toggle(user=reader, thread=shared)
    # A subscription to a space the reader cannot read is never made; forge one to prove the filter.
    from forum.models import Subscription

    Subscription.objects.create(user=reader, thread=secret)
    services.digest_set(user=reader, frequency="daily")
    DigestPreference.objects.filter(user=reader).update(last_sent_at=timezone.now() - datetime.timedelta(days=1))
    services.post_create(user=people["official_br"], thread=shared, body="Nova resposta", language="pt")
    services.post_create(user=people["official_mx"], thread=secret, body="Solo para México", language="es")
    mailoutbox.clear()
    send_digests("daily")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Votre résumé quotidien du forum"
    assert "Nova resposta" in message.body and "Shared question" in message.body
    assert "México" not in message.body and "Mexican secret" not in message.body
    # Run again in the same period: nothing more is sent.
    send_digests("daily")
    assert len(mailoutbox) == 1


def test_no_digest_without_news(people, spaces, mailoutbox):
    services.digest_set(user=people["official_br"], frequency="weekly")
    assert (
        digests.digest_send(
            user_id=people["official_br"].pk, frequency="weekly", now=timezone.now() + datetime.timedelta(days=8)
        )
        == 0
    )
    assert not mailoutbox
