"""Who sees and voids which statements, and which agents a client may speak for.

Each LRS client is a separate tenant: it reads and voids the statements it sent itself, unless the
secretariat gave it ``can_read_all`` in the admin. Statements of the platform's own learners (sent
through H5P with the session, ``client`` empty) are therefore readable only by such clients. A
client never writes a statement whose actor is a platform account: those are the platform's to
write (docs/decisions/0043-client-isolation.md).
"""

from __future__ import annotations

from urllib.parse import urlsplit

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


def _host(iri: str) -> str | None:
    """The host an IRI names, lower-case and without a trailing dot, or None when it names none."""
    try:
        host = urlsplit(iri.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    try:
        # Unicode host names compare in their ASCII (IDNA) form.
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host.lower()


def platform_hosts() -> set[str]:
    """The host names this platform answers to: the site, the admin and the H5P origin."""
    hosts = set()
    for base in (settings.SITE_BASE_URL, settings.WAGTAILADMIN_BASE_URL, getattr(settings, "H5P_ORIGIN", "")):
        host = _host(base or "")
        if host:
            hosts.add(host)
    return hosts


def is_platform_iri(iri: str) -> bool:
    """Whether an IRI is on this platform's hosts, whatever its scheme, case, port, user part or
    trailing dot: an ``account.homePage`` of this site (learners' accounts, the platform's and the
    clients' authorities) or an ``openid`` issued by it."""
    return _host(iri) in platform_hosts()


def is_platform_home_page(home_page: str) -> bool:
    """Whether an account's ``homePage`` is this site."""
    return is_platform_iri(home_page)
