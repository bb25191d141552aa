"""Writes for the thread of an agreement."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.api import notify

from .. import access, selectors
from ..models import (
    Agreement,
    AgreementMessage,
)
from .notifications import site_url


@transaction.atomic
def message_post(*, agreement: Agreement, actor, body: str) -> AgreementMessage:
    if not access.can_write_message(actor, agreement):
        raise PermissionDenied(_("Coordinators and the secretariat read this thread; the parties write in it."))
    message = AgreementMessage(agreement=agreement, author=actor, body=(body or "").strip())
    message.full_clean()
    message.save()
    recipients = selectors.party_ids(agreement) - {actor.pk}
    notify(
        recipients=selectors.active_users(recipients),
        kind="exchange.message",
        subject=lambda: _("New message about the exchange “%(title)s”") % {"title": agreement.title},
        body=message.body[:500],
        url=site_url(agreement),
        email=False,
    )
    return message
