"""Keeping the index true: each provider's model changes hand off to a Celery task after commit.

Page providers listen to Wagtail's ``page_published`` and ``page_unpublished`` and to ``post_delete``;
other providers to ``post_save`` and ``post_delete``. Handlers only schedule
``search.tasks.refresh_index(kind, [pk])``; the task asks the provider again, so a page that was
unpublished, deleted or made invisible leaves the index, and a published one enters it."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .documents import Provider

logger = logging.getLogger(__name__)
_connected: set[tuple[str, type]] = set()


def schedule(kind: str, pk) -> None:
    from .tasks import refresh_index

    if pk is None:
        return
    transaction.on_commit(lambda: refresh_index.delay(kind, [int(pk)]))


def _handler(kind: str, sender, instance=None, **kwargs) -> None:
    if instance is None:
        return
    schedule(kind, instance.pk)


def connect_provider(provider: Provider) -> None:
    """Idempotent: connect the signals of one provider's model."""
    marker = (provider.kind, provider.model)
    if marker in _connected:
        return
    _connected.add(marker)
    handler = partial(_handler, provider.kind)
    uid = f"search:{provider.kind}"
    signals = (page_published, page_unpublished, post_delete) if provider.is_page else (post_save, post_delete)
    for signal in signals:
        signal.connect(handler, sender=provider.model, weak=False, dispatch_uid=f"{uid}:{id(signal)}")


def disconnect_provider(provider: Provider) -> None:
    marker = (provider.kind, provider.model)
    if marker not in _connected:
        return
    _connected.discard(marker)
    uid = f"search:{provider.kind}"
    for signal in (page_published, page_unpublished, post_delete, post_save):
        signal.disconnect(sender=provider.model, dispatch_uid=f"{uid}:{id(signal)}")


def connect_all() -> None:
    from .registry import providers

    try:
        found = providers()
    except Exception:  # a broken indexing module must not take the whole site down
        logger.exception("search: could not load the providers; the index will not follow changes")
        return
    for provider in found.values():
        connect_provider(provider)
