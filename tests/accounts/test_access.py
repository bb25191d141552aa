"""Access tiers as a table: every role and verification state against every tier."""

import pytest

from accounts import access
from accounts.access import Audience
from accounts.models import Role
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db

# Content owned by state "own" (MX); "other" is CO.
# who -> (public, law_enforcement, state of MX)
TABLE = {
    "anonymous": (True, False, False),
    "unverified": (True, False, False),
    "official_own": (True, True, True),
    "official_other": (True, True, False),
    "editor_own": (True, True, True),
    "editor_other": (True, True, False),
    "coordinator_own": (True, True, True),
    "coordinator_other": (True, True, False),
    "manager_own": (True, True, True),
    "manager_other": (True, True, False),
    "secretariat": (True, True, True),
    "revoked_coordinator_own_unverified": (True, False, False),
}


def make(who, mx, co):
    from django.contrib.auth.models import AnonymousUser

    if who == "anonymous":
        return AnonymousUser()
    if who == "unverified":
        return f.UserFactory()
    if who == "secretariat":
        return f.secretariat()
    kind, _, side = who.partition("_")
    target = mx if side == "own" else co
    if kind == "official":
        return f.official(target)
    if kind == "editor":
        return f.editor(target)
    if kind == "coordinator":
        return f.coordinator(target)
    if kind == "manager":
        return f.manager(f.AgencyFactory(state=target))
    if who == "revoked_coordinator_own_unverified":
        user = f.UserFactory()
        grant = f.grant(user, Role.NATIONAL_COORDINATOR, state=mx)
        grant.revoked_at = grant.granted_at
        grant.save()
        access.forget(user)
        return user
    raise AssertionError(who)


@pytest.mark.parametrize("who", sorted(TABLE))
def test_tiers(who):
    mx, co = f.state("MX"), f.state("CO")
    user = make(who, mx, co)
    expected = TABLE[who]
    got = tuple(access.can_view(user, audience=tier, state_id=mx.pk) for tier in Audience.values)
    assert got == expected


@pytest.mark.parametrize("who", sorted(TABLE))
def test_queryset_filter_agrees_with_can_view(who):
    """visible_q and visible_scope say the same as can_view for every tier and owner."""
    mx, co = f.state("MX"), f.state("CO")
    user = make(who, mx, co)
    # Agencies stand in for "content" rows: annotate each with a tier via a values list.
    scope = access.visible_scope(user)
    for tier in Audience.values:
        for owner in (mx, co):
            assert scope.allows(tier, owner.pk) == access.can_view(user, audience=tier, state_id=owner.pk)


def test_unknown_tier_is_closed_to_everyone():
    assert not access.can_view(f.secretariat(), audience="martian", state_id=None)
    assert not access.can_view(f.official(f.state("MX")), audience="martian", state_id=None)
