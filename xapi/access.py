"""Who sees and voids which statements, and which agents a client may speak for.

Each LRS client is a separate tenant: it reads and voids the statements it sent itself, unless the
secretariat gave it ``can_read_all`` in the admin. Statements of the platform's own learners (sent
through H5P with the session, ``client`` empty) are therefore readable only by such clients. A
client never writes a statement whose actor is a platform account: those are the platform's to
write (docs/decisions/0043-client-isolation.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from .models import LRSClient


def statements_visible_q(client: LRSClient) -> Q:
    """The statements a client may read: its own, or all of them with ``can_read_all``."""
    if client.can_read_all:
        return Q()
    return Q(client_id=client.pk)


def statements_voidable_q(*, client: LRSClient | None, user) -> Q:
    """The statements a voiding statement may void: the sending client's (all with
    ``can_read_all``), the learner's own when the platform writes for a learner, and any when the
    platform writes on its own behalf."""
    if client is not None:
        return statements_visible_q(client)
    if user is not None:
        return Q(client__isnull=True, user_id=user.pk)
    return Q()


def _without_scheme(iri: str) -> str:
    lowered = iri.strip().lower()
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            return lowered[len(scheme) :]
    return lowered


def is_platform_home_page(home_page: str) -> bool:
    """Whether an account's ``homePage`` is this site (learners' accounts, the platform's and the
    clients' authorities), whatever the scheme, case or trailing slash."""
    site = _without_scheme(settings.SITE_BASE_URL).rstrip("/")
    page = _without_scheme(home_page).rstrip("/")
    return page == site or page.startswith(site + "/")
