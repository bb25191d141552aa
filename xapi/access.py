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
from django.db import connection
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


def platform_mboxes(mboxes: set[str]) -> set[str]:
    """The ``mailto:`` IRIs among these that are the e-mail address of a platform account.

    One short SQL query on every statement POST that names mailboxes, so written by hand: the
    ORM's union of two annotated querysets cost more to build than to run."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    addresses = {mbox[len("mailto:") :].strip().lower() for mbox in mboxes if mbox.lower().startswith("mailto:")}
    if not addresses:
        return set()
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(addresses))
    sql = (
        # allauth's addresses are stored lower-case and indexed; the accounts' own may be in any case.
        f"SELECT {quote('email')} FROM {quote(EmailAddress._meta.db_table)} WHERE {quote('email')} IN ({marks}) "
        f"UNION SELECT LOWER({quote('email')}) FROM {quote(get_user_model()._meta.db_table)} "
        f"WHERE LOWER({quote('email')}) IN ({marks})"
    )
    ordered = sorted(addresses)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ordered, *ordered])
        found = {row[0].lower() for row in cursor.fetchall()}
    return {mbox for mbox in mboxes if mbox[len("mailto:") :].strip().lower() in found}


def _sha1_of_mailbox(column: str) -> str:
    """SQL for the xAPI ``mbox_sha1sum`` of an address column: SHA-1 of ``mailto:`` and the
    address, in hexadecimal (pgcrypto's ``digest``; the same expression as the indexes of
    migration xapi/0006, so that the lookup is an index scan)."""
    return f"encode(digest('mailto:' || lower({column}), 'sha1'), 'hex')"


def platform_mbox_sha1sums(sums: set[str]) -> set[str]:
    """The ``mbox_sha1sum`` values among these that are the SHA-1 of a platform account's mailbox
    (``User.email`` or an allauth address, the address lower-cased as clients send it)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    wanted = sorted({value.strip().lower() for value in sums})
    if not wanted:
        return set()
    if connection.vendor != "postgresql":
        return _platform_mbox_sha1sums_in_python(set(wanted))
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(wanted))
    email = quote("email")
    sql = (
        f"SELECT {_sha1_of_mailbox(email)} FROM {quote(EmailAddress._meta.db_table)} "
        f"WHERE {_sha1_of_mailbox(email)} IN ({marks}) "
        f"UNION SELECT {_sha1_of_mailbox(email)} FROM {quote(get_user_model()._meta.db_table)} "
        f"WHERE {_sha1_of_mailbox(email)} IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*wanted, *wanted])
        found = {row[0] for row in cursor.fetchall()}
    return {value for value in sums if value.strip().lower() in found}


def _platform_mbox_sha1sums_in_python(wanted: set[str]) -> set[str]:
    """The same test on a database without pgcrypto (SQLite in development): hash every address."""
    import hashlib

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    addresses = set(EmailAddress.objects.values_list("email", flat=True))
    addresses |= set(get_user_model().objects.exclude(email="").values_list("email", flat=True))
    digests = {hashlib.sha1(f"mailto:{a.lower()}".encode(), usedforsecurity=False).hexdigest() for a in addresses}
    return wanted & digests
