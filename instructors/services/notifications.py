"""Notifications of the exchange: who hears of each step."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.api import notify

from .. import selectors
from ..models import (
    Agreement,
    Stage,
)

# --- Notifications --------------------------------------------------------------------------------


def site_url(obj) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return obj.get_absolute_url()


def notify_next(agreement: Agreement, *, actor, reason: str = "") -> None:
    recipients = selectors.next_party_ids(agreement) - {actor.pk}
    if not recipients:
        return
    title = agreement.title
    stage = agreement.stage

    def subject() -> str:
        return _("Exchange “%(title)s”: %(stage)s") % {"title": title, "stage": Stage(stage).label}

    def body() -> str:
        text = _("The exchange agreement is now at the step “%(stage)s”. Open it to see what is expected of you.") % {
            "stage": Stage(stage).label
        }
        if reason:
            text += "\n\n" + _("Reason: %(reason)s") % {"reason": reason}
        return text

    notify(
        recipients=selectors.active_users(recipients),
        kind=f"exchange.{stage}",
        subject=subject,
        body=body,
        url=site_url(agreement),
        dedupe_key=f"exchange:{agreement.pk}:{stage}",
    )
