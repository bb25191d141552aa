"""Reads for accounts."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from . import access
from .models import Agency, MemberState, Profile, RoleGrant, VerificationRequest


def member_states(*, ids=None, codes=None) -> QuerySet[MemberState]:
    """Every member state, or those with these primary keys (a list or a subquery of ids) or these
    ISO codes (any case). A queryset, for form fields and template loops; callers do not refine it."""
    qs = MemberState.objects.all()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if codes is not None:
        qs = qs.filter(code__in=[(code or "").strip().upper() for code in codes])
    return qs


def agencies(*, state: MemberState | None = None) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("state")
    return qs.filter(state=state) if state else qs


def profile_for(user) -> Profile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Profile.objects.select_related("member_state", "agency", "verified_state").filter(user=user).first()


def verification_requests_for_decider(user) -> QuerySet[VerificationRequest]:
    """Pending requests this user may decide."""
    viewer = access.viewer_for(user)
    qs = VerificationRequest.objects.filter(status=VerificationRequest.Status.PENDING).select_related(
        "user", "agency", "agency__state"
    )
    if viewer.is_secretariat:
        return qs
    return qs.filter(agency_id__in=viewer.manager_agencies) | qs.filter(agency__state_id__in=viewer.coordinator_states)


def active_grants(user) -> QuerySet[RoleGrant]:
    return RoleGrant.objects.active().filter(user=user).select_related("state", "agency")


def users_with_role(*, role: str, state: MemberState | None = None, agency: Agency | None = None):
    from django.contrib.auth import get_user_model

    grants = RoleGrant.objects.active().filter(role=role)
    if state is not None:
        grants = grants.filter(state=state)
    if agency is not None:
        grants = grants.filter(agency=agency)
    return get_user_model().objects.filter(pk__in=grants.values("user_id"), is_active=True)


def user_ids_with_role(*, role: str, state: MemberState | None = None, agency: Agency | None = None) -> set[int]:
    """The ids of the active users holding this role (in this state or agency)."""
    return set(users_with_role(role=role, state=state, agency=agency).values_list("pk", flat=True))


def first_user_with_role(*, role: str, state: MemberState | None = None, agency: Agency | None = None):
    """The active user with the lowest id holding this role (in this state or agency), or None."""
    return users_with_role(role=role, state=state, agency=agency).order_by("pk").first()


def member_states_with_ids(ids) -> list[MemberState]:
    """The member states with these primary keys, in the model's order (one query)."""
    return list(MemberState.objects.filter(pk__in=list(ids)))


def member_state_for_code(code: str) -> MemberState | None:
    """The member state with this ISO code (any case), or None."""
    return MemberState.objects.filter(code=(code or "").strip().upper()).first()


def subregion_by_state_code() -> dict[str, str]:
    """ISO code -> subregion of every member state (one query)."""
    return dict(MemberState.objects.values_list("code", "subregion"))


def agencies_in(*, agency_ids=(), state_ids=()) -> QuerySet[Agency]:
    """The agencies with these primary keys together with every agency of these member states (with
    their state); none when both are empty."""
    agency_ids, state_ids = list(agency_ids), list(state_ids)
    if not agency_ids and not state_ids:
        return Agency.objects.none()
    return Agency.objects.filter(Q(pk__in=agency_ids) | Q(state_id__in=state_ids)).select_related("state")


def active_users(ids) -> list:
    """The active users with these primary keys (one query)."""
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(pk__in=list(ids), is_active=True))


def officials_of(*, agency_ids=(), state_ids=()) -> list:
    """The active, verified officials of these agencies and of these member states (their profile
    with its state loaded), by name; none when both are empty. For the people a manager or a
    coordinator acts for (nominating to a training activity)."""
    from django.contrib.auth import get_user_model

    agency_ids, state_ids = list(agency_ids), list(state_ids)
    if not agency_ids and not state_ids:
        return []
    q = Q(profile__agency_id__in=agency_ids, profile__agency__state_id=F("profile__verified_state_id"))
    q |= Q(profile__verified_state_id__in=state_ids)
    return list(
        get_user_model()
        .objects.filter(q, is_active=True, profile__verified_state__isnull=False)
        .select_related("profile", "profile__verified_state", "profile__agency")
        .order_by("last_name", "first_name", "pk")
    )


def profile_of(user_id: int) -> Profile | None:
    """The profile (with its agency) of the user with this id, whoever asks."""
    return Profile.objects.select_related("agency").filter(user_id=user_id).first()


def agency_by_id(pk: int) -> Agency | None:
    return Agency.objects.select_related("state").filter(pk=pk).first()


def member_state_by_id(pk: int) -> MemberState | None:
    return MemberState.objects.filter(pk=pk).first()


MEMBER_STATE_SECONDS = 3600


def member_state_shown(pk: int) -> MemberState | None:
    """The member state to show on a page (its names), from the cache: 35 rows that change once in
    years, read by every course page. Forgotten when a state is saved or deleted
    (signal_handlers); services that decide something read ``member_state_by_id``."""
    from django.core.cache import cache

    key = f"memberstate:{pk}"
    state = cache.get(key)
    if state is None:
        state = member_state_by_id(pk)
        if state is not None:
            cache.set(key, state, MEMBER_STATE_SECONDS)
    return state


def member_state_forget(pk: int) -> None:
    from django.core.cache import cache

    cache.delete(f"memberstate:{pk}")


def active_user_by_email(email: str):
    """The active account with this e-mail address (any case), or None."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()


def active_user_by_id(pk: int):
    """The active account with this primary key, or None."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def users_with_secretariat_powers():
    """Active superusers and holders of an active secretariat grant: who manages what only the
    secretariat may (for Wagtail permission policies)."""
    from django.contrib.auth import get_user_model

    from .models import Role

    return get_user_model().objects.filter(is_active=True, is_superuser=True) | users_with_role(role=Role.SECRETARIAT)


def platform_mboxes(mboxes: set[str]) -> set[str]:
    """The ``mailto:`` IRIs among these that are the e-mail address of a platform account.

    One short SQL query on every xAPI statement POST that names mailboxes, so written by hand: the
    ORM's union of two annotated querysets cost more to build than to run."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import connection

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


def first_agency_of(state: MemberState) -> Agency | None:
    """The state's first agency (the lowest id), or None."""
    return Agency.objects.filter(state=state).order_by("pk").first()


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
    from django.db import connection

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
